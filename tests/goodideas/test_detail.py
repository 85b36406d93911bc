"""A Good Idea's own page: where, what, who, what it connects to, and what search engines
and social sites read."""

import html
import json
import re

import pytest

from tests.factories import AdaptationFactory, CityFactory, GoodIdeaFactory, OrganisationFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(themes, fredericton, munich):
    return GoodIdeaFactory(
        title="Business Immigrant Mentorship",
        slug="business-immigrant-mentorship",
        summary="Local business owners mentor newcomer entrepreneurs.",
        story="<p>It began in 2008 with <strong>twelve</strong> mentors.</p>",
        primary_theme=themes["work"],
        themes=["connect"],
        cities=[fredericton, munich],
        tags=["entrepreneurship", "small cities"],
        lead_organisation=OrganisationFactory(name="Fredericton Chamber of Commerce"),
        year_started=2008,
        reflection_question="Who mentors newcomer entrepreneurs in your city?",
        contact_name="Zebulon Okonkwo",
        contact_email="z.okonkwo@example.org",
        contact_phone="+1 506 555 0100",
    )


def json_ld(response):
    found = re.search(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', pages.text(response), re.S
    )
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


def meta(response, prop):
    found = re.search(rf'<meta property="{prop}" content="([^"]*)">', pages.text(response))
    return html.unescape(found.group(1)) if found else None


def test_it_shows_the_story_and_the_facts(client, idea):
    response = client.get("/en/good-ideas/business-immigrant-mentorship/")
    assert response.status_code == 200
    body = pages.text(response)
    assert "<h1>Business Immigrant Mentorship</h1>" in body
    assert "<p>It began in 2008 with <strong>twelve</strong> mentors.</p>" in body
    assert "Fredericton Chamber of Commerce" in body


def test_cities_link_to_their_pages_and_the_rest_to_the_filtered_list(client, idea):
    links = pages.links(client.get(idea.get_absolute_url()))
    for expected in [
        "/en/cities/fredericton/",
        "/en/cities/munich/",
        "/en/good-ideas/?country=CA",
        "/en/good-ideas/?country=DE",
        "/en/good-ideas/?theme=work",
        "/en/good-ideas/?theme=connect",
        "/en/good-ideas/?tag=entrepreneurship",
        "/en/good-ideas/?tag=small-cities",
        "/en/good-ideas/?year=2008",
    ]:
        assert expected in links


def test_following_a_tag_lists_the_ideas_with_that_tag(client, idea):
    GoodIdeaFactory(title="Untagged idea")
    tag_link = next(
        href for href in pages.links(client.get(idea.get_absolute_url())) if "tag=" in href
    )
    response = client.get(tag_link)
    assert pages.result_titles(response) == ["Business Immigrant Mentorship"]
    assert [chip.facet for chip in pages.chips(response)] == ["Tag"]


def test_the_primary_theme_is_always_among_the_themes_shown(client, idea):
    body = pages.text(client.get(idea.get_absolute_url()))
    assert '<a href="/en/good-ideas/?theme=work">Work</a>' in body
    assert '<a href="/en/good-ideas/?theme=connect">Connect</a>' in body


def test_it_asks_the_reader_the_reflection_question(client, idea):
    body = pages.text(client.get(idea.get_absolute_url()))
    assert "Over to you" in body
    assert "Who mentors newcomer entrepreneurs in your city?" in body


def test_it_offers_published_related_ideas(client, idea):
    idea.related_ideas.add(GoodIdeaFactory(title="Newcomer loan circles"))
    response = client.get(idea.get_absolute_url())
    assert "Related Good Ideas" in pages.text(response)
    assert pages.card_titles(response) == ["Newcomer loan circles"]


def test_relations_go_both_ways(client, idea):
    other = GoodIdeaFactory(title="Newcomer loan circles", related_ideas=[idea])
    assert "Business Immigrant Mentorship" in pages.card_titles(
        client.get(other.get_absolute_url())
    )


def test_adapted_in_links_to_the_city_and_to_its_own_idea(client, idea, canada):
    moncton = CityFactory(name="Moncton", country=canada, slug="moncton")
    saint_john = CityFactory(name="Saint John", country=canada, slug="saint-john")
    own = GoodIdeaFactory(title="Moncton mentors", slug="moncton-mentors", cities=[moncton])
    AdaptationFactory(idea=idea, city=moncton, adapted_idea=own)
    AdaptationFactory(idea=idea, city=saint_john, note="Started in 2015")
    body = pages.text(client.get(idea.get_absolute_url()))
    assert "Adapted in" in body
    assert (
        '<a href="/en/cities/moncton/">Moncton</a>, Canada: '
        '<a href="/en/good-ideas/moncton-mentors/">Moncton mentors</a>'
    ) in body
    assert '<a href="/en/cities/saint-john/">Saint John</a>, Canada — Started in 2015' in body


def test_search_engines_read_what_where_and_when(client, idea):
    data = json_ld(client.get(idea.get_absolute_url()))
    assert data["@type"] == "Article"
    assert data["headline"] == "Business Immigrant Mentorship"
    assert data["url"] == "http://testserver/en/good-ideas/business-immigrant-mentorship/"
    assert data["spatialCoverage"] == [
        {
            "@type": "City",
            "name": "Fredericton",
            "containedInPlace": {"@type": "Country", "name": "Canada"},
        },
        {
            "@type": "City",
            "name": "Munich",
            "containedInPlace": {"@type": "Country", "name": "Germany"},
        },
    ]
    assert set(data["about"]) == {"Work", "Connect"}
    assert data["sourceOrganization"]["name"] == "Fredericton Chamber of Commerce"
    assert "datePublished" in data


def test_a_title_that_looks_like_markup_cannot_break_out_of_the_structured_data(client, themes):
    idea = GoodIdeaFactory(title='</script><script>alert("x")</script> & more')
    response = client.get(idea.get_absolute_url())
    assert json_ld(response)["headline"] == '</script><script>alert("x")</script> & more'
    assert '<script>alert("x")' not in pages.text(response)


def test_social_sites_read_the_title_and_summary(client, idea):
    response = client.get(idea.get_absolute_url())
    assert meta(response, "og:type") == "article"
    assert meta(response, "og:title") == "Business Immigrant Mentorship"
    assert meta(response, "og:description") == (
        "Local business owners mentor newcomer entrepreneurs."
    )
    assert meta(response, "og:url") == (
        "http://testserver/en/good-ideas/business-immigrant-mentorship/"
    )


def test_a_shared_link_with_tracking_parameters_still_names_the_ideas_own_address(client, idea):
    response = client.get(idea.get_absolute_url(), {"utm_source": "newsletter", "fbclid": "x"})
    canonical = "http://testserver/en/good-ideas/business-immigrant-mentorship/"
    assert meta(response, "og:url") == canonical
    assert f'<link rel="canonical" href="{canonical}">' in pages.text(response)
    assert json_ld(response)["url"] == canonical


def test_a_public_contact_is_shown(client, idea):
    body = pages.text(client.get(idea.get_absolute_url()))
    assert "Zebulon Okonkwo" in body
    assert 'href="mailto:z.okonkwo@example.org"' in body
    assert "+1 506 555 0100" in body


def test_a_private_contact_is_never_shown(client, idea):
    idea.contact_is_private = True
    idea.save()
    body = pages.text(client.get(idea.get_absolute_url()))
    # The share box's "Share by e-mail" is a mailto: link too, but to no address.
    for private in ["Zebulon Okonkwo", "z.okonkwo", "555 0100", "mailto:z", "tel:"]:
        assert private not in body
    assert "kept private to protect the people it serves" in body


def test_a_private_contact_is_not_findable_by_search(client, idea):
    idea.contact_is_private = True
    idea.save()
    response = client.get("/en/good-ideas/", {"q": "Okonkwo"})
    assert pages.result_titles(response) == []


def test_a_submitters_name_and_email_never_appear_on_the_page(editor_client, themes):
    idea = GoodIdeaFactory(in_review=True)
    body = pages.text(editor_client.get(idea.get_absolute_url()))
    assert "Sam Submitter" not in body and "sam.submitter@example.org" not in body
