"""Collection pages: the editors' description, the ideas in their chosen order, a feed,
and links from the Good Ideas list and the idea pages. Drafts never listed or counted."""

import html
import re

import feedparser
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodideas.models import CollectionMembership
from tests.factories import CollectionFactory, GoodIdeaFactory

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'<article class="card idea-card[^"]*">\s*<h3><a [^>]*>(.*?)</a>', re.S)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def card_titles(body):
    return [html.unescape(title) for title in CARD_TITLE.findall(body)]


def place(collection, idea, position):
    CollectionMembership.objects.filter(collection=collection, idea=idea).update(position=position)


@pytest.fixture
def sanctuary(themes):
    collection = CollectionFactory(
        name="Urban Sanctuary",
        slug="urban-sanctuary",
        position=2,
        description="Access without fear.\n\nSecond <b>paragraph</b> & more.",
    )
    first = GoodIdeaFactory(title="Zebra policy", collections=[collection])
    second = GoodIdeaFactory(title="Alpha card", collections=[collection])
    tied = GoodIdeaFactory(title="Beta office", collections=[collection])
    GoodIdeaFactory(title="Hidden draft", collections=[collection], draft=True)
    place(collection, first, 1)
    place(collection, second, 2)
    place(collection, tied, 2)  # same place: by title
    return collection


def test_the_collection_page_shows_the_description_and_the_curated_order(client, sanctuary):
    body = page(client, "/en/good-ideas/collections/urban-sanctuary/")
    assert "<h1>Urban Sanctuary</h1>" in body
    # Plain text from the editors: escaped, paragraphs kept.
    assert "<p>Access without fear.</p>" in body
    assert "<p>Second &lt;b&gt;paragraph&lt;/b&gt; &amp; more.</p>" in body
    assert card_titles(body) == ["Zebra policy", "Alpha card", "Beta office"]
    assert "Hidden draft" not in body
    assert "3 Good Ideas, in the editors’ order" in body
    assert 'href="/en/good-ideas/?collection=urban-sanctuary"' in body
    assert 'href="/en/good-ideas/collections/urban-sanctuary/feed/"' in body
    assert len(re.findall(r"<h1[\s>]", body)) == 1


def test_the_index_lists_collections_in_the_editors_order_with_published_counts(client, sanctuary):
    futures = CollectionFactory(name="Immigrant Futures", slug="immigrant-futures", position=1)
    GoodIdeaFactory(title="Planning", collections=[futures])
    empty = CollectionFactory(name="Only drafts", slug="only-drafts", position=0)
    GoodIdeaFactory(title="Draft in it", collections=[empty], draft=True)
    body = page(client, "/en/good-ideas/collections/")
    names = re.findall(r'<h2><a href="/en/good-ideas/collections/[\w-]+/">(.*?)</a></h2>', body)
    assert names == ["Immigrant Futures", "Urban Sanctuary"]
    assert "1 Good Idea<" in body and "3 Good Ideas<" in body
    assert "Only drafts" not in body


def test_unknown_and_draft_only_collections_have_no_page_or_feed(client, themes):
    empty = CollectionFactory(name="Only drafts", slug="only-drafts")
    GoodIdeaFactory(collections=[empty], draft=True)
    for url in [
        "/en/good-ideas/collections/only-drafts/",
        "/en/good-ideas/collections/only-drafts/feed/",
        "/en/good-ideas/collections/nothing-here/",
        "/en/good-ideas/collections/nothing-here/feed/",
    ]:
        page(client, url, status=404)
    page(client, "/en/good-ideas/collections/?page=junk")  # still a page


def test_the_collection_feed_is_plain_text_newest_first(client, sanctuary):
    GoodIdeaFactory(title="<script>x</script>", summary="<i>a</i> & b", collections=[sanctuary])
    response = client.get("/en/good-ideas/collections/urban-sanctuary/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == "Good Ideas: Urban Sanctuary"
    assert feed.feed.link == "http://testserver/en/good-ideas/collections/urban-sanctuary/"
    assert feed.entries[0].title == "<script>x</script>"
    assert feed.entries[0].summary == "&lt;i&gt;a&lt;/i&gt; &amp; b"
    assert "Hidden draft" not in [entry.title for entry in feed.entries]
    assert len(feed.entries) == 4


def test_the_list_and_the_idea_page_lead_to_the_collection_page(client, sanctuary):
    body = page(client, "/en/good-ideas/?collection=urban-sanctuary")
    assert 'href="/en/good-ideas/collections/urban-sanctuary/"' in body
    assert "About the collection “Urban Sanctuary”" in html.unescape(body)
    assert 'href="/en/good-ideas/collections/"' in page(client, "/en/good-ideas/")
    # A made-up collection value offers no link to a page that does not exist.
    assert "/en/good-ideas/collections/made-up/" not in page(
        client, "/en/good-ideas/?collection=made-up"
    )
    idea = sanctuary.ideas.published().first()
    idea_page = page(client, idea.get_absolute_url())
    assert 'href="/en/good-ideas/collections/urban-sanctuary/"' in idea_page


def fill(collection, count, offset=0):
    for n in range(offset, offset + count):
        GoodIdeaFactory(title=f"Practice {n}", collections=[collection], tags=[f"t{n}"])


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "url",
    [
        "/en/good-ideas/collections/",
        "/en/good-ideas/collections/futures/",
        "/en/good-ideas/collections/futures/feed/",
    ],
)
def test_collection_pages_cost_the_same_queries_with_5_and_with_30_ideas(
    client, themes, django_assert_num_queries, url
):
    futures = CollectionFactory(name="Futures", slug="futures")
    others = CollectionFactory(name="Others", slug="others")
    fill(futures, 5)
    fill(others, 2, offset=100)
    client.get(url)
    with_five = queries_for(client, url)
    fill(futures, 25, offset=5)
    CollectionFactory(name="More", slug="more")
    fill(CollectionFactory(name="Yet more", slug="yet-more"), 3, offset=200)
    with django_assert_num_queries(with_five):
        client.get(url)


def test_the_demo_collections_have_descriptions_and_a_curated_order(client, themes):
    call_command("load_demo", verbosity=0)
    body = page(client, "/en/good-ideas/collections/")
    names = re.findall(r'<h2><a href="/en/good-ideas/collections/[\w-]+/">(.*?)</a></h2>', body)
    assert names == ["Immigrant Futures", "Urban Sanctuary", "Municipal"]
    futures = page(client, "/en/good-ideas/collections/immigrant-futures/")
    assert "small cities, towns and regions" in html.unescape(futures)
    assert card_titles(futures)[0].startswith("Immigrant Futures")  # the planning framework
    sanctuary = html.unescape(page(client, "/en/good-ideas/collections/urban-sanctuary/"))
    assert "access without fear" in sanctuary
    assert len(card_titles(sanctuary)) == 2
    call_command("load_demo", verbosity=0)  # loading twice keeps the order
    assert (
        card_titles(page(client, "/en/good-ideas/collections/immigrant-futures/"))[0]
        == (card_titles(futures)[0])
    )
