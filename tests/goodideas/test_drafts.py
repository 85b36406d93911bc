"""Only published ideas whose publication date has come reach the public; editors preview
the others."""

import pytest

from tests.factories import CityFactory, GoodIdeaFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    "draft": {"draft": True},
    "in review": {"in_review": True},
    "archived": {"archived": True},
    "scheduled for next week": {"scheduled": True},
}


@pytest.fixture(params=UNPUBLISHED.values(), ids=UNPUBLISHED.keys())
def hidden(request, themes, canada):
    """An unpublished idea with a city, a tag and a theme that nothing public uses, and a
    word found nowhere else."""
    hideaway = CityFactory(name="Hideaway", country=canada, slug="hideaway")
    return GoodIdeaFactory(
        title="Confidential zeppelin scheme",
        primary_theme=themes["plan"],
        cities=[hideaway],
        tags=["secret tag"],
        **request.param,
    )


@pytest.fixture
def public(themes, halifax):
    return GoodIdeaFactory(title="Public welcome pass", primary_theme=themes["live"])


def test_it_is_not_listed(client, hidden, public):
    assert pages.result_titles(client.get("/en/good-ideas/")) == ["Public welcome pass"]


def test_it_counts_in_no_facet(client, hidden, public):
    response = client.get("/en/good-ideas/")
    assert pages.counts(response, "theme") == {"live": 1}
    assert "hideaway" not in pages.counts(response, "city")
    assert pages.counts(response, "tag") == {}
    assert pages.result_count(response) == "1 result"


def test_choosing_its_values_finds_nothing(client, hidden, public):
    response = client.get("/en/good-ideas/", {"city": "hideaway", "tag": "secret-tag"})
    assert pages.result_titles(response) == []
    assert pages.counts(response, "theme") == {}


def test_searching_its_words_finds_nothing(client, hidden, public):
    for q in ["zeppelin", "Confidential", "Hideaway", "secret tag", "zepelin"]:
        response = client.get("/en/good-ideas/", {"q": q})
        assert pages.result_titles(response) == [], q
        assert "Did you mean" not in pages.text(response), q


def test_it_is_on_no_theme_page(client, hidden, public):
    response = client.get("/en/themes/plan/")
    assert response.status_code == 200
    assert "Confidential zeppelin scheme" not in pages.text(response)
    assert "Nothing has been published under this theme yet." in pages.text(response)


def test_it_is_on_no_city_page(client, hidden, public):
    # Hideaway is named only by the hidden idea, so it has no public page at all.
    response = client.get("/en/cities/hideaway/")
    assert response.status_code == 404
    assert "Confidential zeppelin scheme" not in pages.text(response)


def test_it_is_not_among_the_latest_on_the_home_page(client, hidden, public):
    assert pages.card_titles(client.get("/en/")) == ["Public welcome pass"]


def test_it_is_not_offered_as_a_related_idea(client, hidden, public):
    public.related_ideas.add(hidden)
    response = client.get(public.get_absolute_url())
    assert "Confidential zeppelin scheme" not in pages.text(response)
    assert "Related Good Ideas" not in pages.text(response)


def test_an_adaptation_does_not_link_to_it(client, hidden, public):
    public.adaptations.create(city=hidden.cities.get(), adapted_idea=hidden)
    body = pages.text(client.get(public.get_absolute_url()))
    assert hidden.get_absolute_url() not in body
    assert '<a href="/en/cities/hideaway/">Hideaway</a>' in body


def test_its_page_is_not_found_by_visitors(client, hidden):
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 404
    assert "zeppelin" not in pages.text(response)


def test_its_page_is_not_found_by_staff_who_are_not_editors(staff_client, hidden):
    assert staff_client.get(hidden.get_absolute_url()).status_code == 404


def test_an_editor_previews_it_with_a_banner_and_search_engines_told_to_keep_out(
    editor_client, hidden
):
    response = editor_client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    body = pages.text(response)
    assert "<h1>Confidential zeppelin scheme</h1>" in body
    assert "Preview for editors: this Good Idea is not public" in body
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in body
    assert "no-store" in response["Cache-Control"]


def test_an_editor_sees_no_preview_banner_on_a_published_idea(editor_client, public):
    response = editor_client.get(public.get_absolute_url())
    assert "Preview for editors" not in pages.text(response)
    assert "X-Robots-Tag" not in response


def test_an_editor_does_not_see_it_in_the_public_list_either(editor_client, hidden, public):
    assert pages.result_titles(editor_client.get("/en/good-ideas/")) == ["Public welcome pass"]


def test_a_scheduled_idea_appears_once_its_date_has_come(client, themes):
    from datetime import timedelta

    from django.utils import timezone

    idea = GoodIdeaFactory(title="Scheduled idea", scheduled=True)
    assert client.get(idea.get_absolute_url()).status_code == 404
    idea.published_at = timezone.now() - timedelta(minutes=1)
    idea.save()
    assert client.get(idea.get_absolute_url()).status_code == 200
    assert pages.result_titles(client.get("/en/good-ideas/")) == ["Scheduled idea"]


def test_unpublishing_takes_an_idea_off_the_public_pages(client, public):
    url = public.get_absolute_url()
    assert client.get(url).status_code == 200
    type(public).objects.filter(pk=public.pk).unpublish()
    assert client.get(url).status_code == 404
    assert pages.result_titles(client.get("/en/good-ideas/")) == []
