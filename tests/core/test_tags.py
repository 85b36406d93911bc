"""One tag set across the portal: ``?tag=`` on every list, ``/tags/`` and
``/tags/<slug>/`` with a feed. Drafts never counted, listed or fed."""

import html
import re

import feedparser
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, ResourceFactory

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r"<h3><a [^>]*>(.*?)</a>", re.S)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def card_titles(body):
    return [html.unescape(title) for title in CARD_TITLE.findall(body)]


def section_titles(body):
    return [
        html.unescape(re.sub(r"<[^>]+>", "", title)).strip()
        for title in re.findall(r'<h2 id="tagged-[\w-]+">(.*?)</h2>', body, re.S)
    ]


@pytest.fixture
def tagged(themes):
    """ "Small cities" in every section, and drafts that must not show."""
    return {
        "idea": GoodIdeaFactory(title="Small-town welcome", tags=["small cities"]),
        "resource": ResourceFactory(title="Toolkit for towns", tags=["small cities"]),
        "upcoming": EventFactory(title="Towns webinar", tags=["small cities"]),
        "past": EventFactory(title="Towns conference", tags=["small cities"], past=True),
        "post": PostFactory(title="Why small places matter", tags=["small cities"]),
        "draft": GoodIdeaFactory(title="Secret draft", tags=["small cities"], draft=True),
        "draft_only": ResourceFactory(title="Unpublished", tags=["embargoed topic"], draft=True),
        "other": GoodIdeaFactory(title="Untagged idea", tags=["housing"]),
    }


# -- ?tag= on every list -----------------------------------------------------------------

LISTS = {
    "/en/good-ideas/": "Small-town welcome",
    "/en/e-library/": "Toolkit for towns",
    "/en/learning-exchange/": "Towns webinar",
    "/en/learning-exchange/archive/": "Towns conference",
    "/en/conversations/": "Why small places matter",
}


@pytest.mark.parametrize("url", LISTS, ids=LISTS.keys())
def test_every_list_filters_by_tag_and_offers_the_tag_facet(client, tagged, url):
    body = page(client, f"{url}?tag=small-cities")
    assert card_titles(body) == [LISTS[url]]
    assert "Secret draft" not in body
    # The tag is a checked facet value, removable like any other filter.
    assert re.search(r'name="tag" value="small-cities" id="[^"]*" checked', body)


def test_the_e_library_honours_the_tag_instead_of_ignoring_it(client, tagged):
    ResourceFactory(title="Another report", tags=["housing"])
    assert card_titles(page(client, "/en/e-library/?tag=small-cities")) == ["Toolkit for towns"]
    assert card_titles(page(client, "/en/e-library/?tag=no-such-tag")) == []


def test_tag_links_on_detail_pages_lead_to_the_filtered_list(client, tagged):
    for item, list_url in [
        ("resource", "/en/e-library/"),
        ("upcoming", "/en/learning-exchange/"),
        ("past", "/en/learning-exchange/archive/"),
        ("idea", "/en/good-ideas/"),
        ("post", "/en/conversations/"),
    ]:
        body = page(client, tagged[item].get_absolute_url())
        assert f'class="tag" href="{list_url}?tag=small-cities"' in body, item
        assert "?q=small" not in body  # no longer a text search


# -- /tags/ ------------------------------------------------------------------------------


def test_the_index_lists_published_tags_alphabetically_with_counts_per_section(client, tagged):
    body = page(client, "/en/tags/")
    names = [
        html.unescape(n)
        for n in re.findall(r'<a class="tag" href="/en/tags/[^"]+/">(.*?)</a>', body)
    ]
    assert names == ["housing", "small cities"]
    assert "embargoed" not in body  # carried only by a draft
    row = re.search(r'href="/en/tags/small-cities/">small cities</a> <span[^>]*>(.*?)</span>', body)
    assert row.group(1) == (
        "1 Good Idea, 1 resource, 1 upcoming event, 1 past event, 1 post"
    )  # the draft idea is not counted


def test_the_index_search_box_finds_tags_by_part_of_their_name(client, tagged):
    body = page(client, "/en/tags/?q=SMALL")
    assert 'for="id_tag_q"' in body
    assert re.findall(r'<a class="tag" href="(/en/tags/[^"]+/)">', body) == [
        "/en/tags/small-cities/"
    ]
    assert "No tag has that name." in page(client, "/en/tags/?q=zzz")
    page(client, "/en/tags/?q=" + "%00" * 3 + "x" * 5000)  # junk input: still a page


# -- /tags/<slug>/ -----------------------------------------------------------------------


def test_a_tag_page_shows_every_section_with_see_all_links(client, tagged):
    body = page(client, "/en/tags/small-cities/")
    assert "<h1>Tagged “small cities”</h1>" in body
    assert section_titles(body) == [
        "Good Ideas (1)",
        "E-Library (1)",
        "Upcoming events (1)",
        "Past events (1)",
        "Conversations on Integration (1)",
    ]
    assert card_titles(body) == [
        "Small-town welcome",
        "Toolkit for towns",
        "Towns webinar",
        "Towns conference",
        "Why small places matter",
    ]
    for see_all in [
        "/en/good-ideas/?tag=small-cities",
        "/en/e-library/?tag=small-cities",
        "/en/learning-exchange/?tag=small-cities",
        "/en/learning-exchange/archive/?tag=small-cities",
        "/en/conversations/?tag=small-cities",
    ]:
        assert f'href="{see_all}"' in body
        # Following "see all" finds what the tag page counted.
        assert len(card_titles(page(client, see_all))) == 1
    assert "Secret draft" not in body
    assert 'type="application/rss+xml"' in body and 'href="/en/tags/small-cities/feed/"' in body
    assert len(re.findall(r"<h1[\s>]", body)) == 1


def test_unknown_tags_and_tags_only_drafts_use_have_no_page_or_feed(client, tagged):
    for url in [
        "/en/tags/no-such-tag/",
        "/en/tags/embargoed-topic/",
        "/en/tags/no-such-tag/feed/",
        "/en/tags/embargoed-topic/feed/",
        "/en/tags/%3Cscript%3E/",
        "/en/tags/a%00b/",
        "/en/tags/%00/feed/",
        "/en/tags/" + "x" * 5000 + "/",
    ]:
        page(client, url, status=404)


def test_a_scheduled_item_is_not_listed_before_its_date(client, themes):
    GoodIdeaFactory(title="Later", tags=["timing"], scheduled=True)
    page(client, "/en/tags/timing/", status=404)
    PostFactory(title="Now", tags=["timing"])
    body = page(client, "/en/tags/timing/")
    assert card_titles(body) == ["Now"]


def test_language_versions_of_one_work_count_once(client, themes):
    english = ResourceFactory(title="Guide", tags=["guides"])
    ResourceFactory(title="Guide (fr)", language="fr", translation_of=english, tags=["guides"])
    body = page(client, "/en/tags/guides/")
    assert section_titles(body) == ["E-Library (1)"]
    assert "1 resource" in page(client, "/en/tags/")


# -- the feed ----------------------------------------------------------------------------


def test_the_tag_feed_holds_every_section_newest_first_as_plain_text(client, tagged):
    GoodIdeaFactory(
        title="<script>alert(1)</script> & co",
        summary="<b>bold</b> claims",
        tags=["small cities"],
    )
    response = client.get("/en/tags/small-cities/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == "Cities of Migration: tagged “small cities”"
    assert feed.feed.link == "http://testserver/en/tags/small-cities/"
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 6 and "Secret draft" not in " ".join(titles)
    assert {entry.tags[0].term for entry in feed.entries} == {
        "Good Ideas",
        "E-Library",
        "Upcoming events",
        "Past events",
        "Conversations on Integration",
    }
    hostile = next(entry for entry in feed.entries if "alert" in entry.title)
    # The reader shows the characters, never an element.
    assert hostile.title == "<script>alert(1)</script> & co (Good Ideas)"
    assert hostile.summary == "&lt;b&gt;bold&lt;/b&gt; claims"
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


# -- query counts ------------------------------------------------------------------------


def add_tagged_content(count, offset=0):
    for n in range(offset, offset + count):
        tags = ["shared", f"topic {n}"]
        GoodIdeaFactory(title=f"Idea {n}", tags=tags)
        ResourceFactory(title=f"Report {n}", tags=tags)
        EventFactory(title=f"Webinar {n}", tags=tags)
        EventFactory(title=f"Conference {n}", tags=tags, past=True)
        PostFactory(title=f"Post {n}", tags=tags)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


TAG_PAGES = {
    "index": "/en/tags/",
    "index search": "/en/tags/?q=topic",
    "one tag": "/en/tags/shared/",
    "its feed": "/en/tags/shared/feed/",
    "an events list by tag": "/en/learning-exchange/?tag=shared",
    "the e-library by tag": "/en/e-library/?tag=shared",
}


@pytest.mark.parametrize("url", TAG_PAGES.values(), ids=TAG_PAGES.keys())
def test_tag_pages_cost_the_same_queries_with_3_and_with_15_items_per_section(
    client, themes, django_assert_num_queries, url
):
    add_tagged_content(3)
    client.get(url)
    with_three = queries_for(client, url)
    add_tagged_content(12, offset=3)
    with django_assert_num_queries(with_three):
        client.get(url)


# -- the demo content --------------------------------------------------------------------


def test_a_tag_of_the_demo_content_spans_at_least_three_sections(client, themes):
    call_command("load_demo", verbosity=0)
    body = page(client, "/en/tags/small-cities/")
    sections = section_titles(body)
    print("/en/tags/small-cities/ sections:", sections)
    assert len(sections) >= 3
    assert {"Good Ideas", "E-Library", "Conversations on Integration"} <= {
        re.sub(r" \(\d+\)$", "", title) for title in sections
    }
