"""RSS and Atom feeds, read by a real feed parser (feedparser): titles, links, dates,
authors and categories for every entry; per tag and per theme; scheduled posts enter on
their date."""

import calendar
import html
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from blog.models import Post
from tests.factories import PersonFactory, PostFactory

pytestmark = pytest.mark.django_db

FEEDS = {
    "rss": "/en/conversations/feed/",
    "atom": "/en/conversations/feed/atom/",
}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def as_timestamp(struct):
    return calendar.timegm(struct)


@pytest.fixture
def posts(themes):
    now = timezone.now().replace(microsecond=0)
    return [
        PostFactory(
            title="Cities & sanctuary: <a comparison>",
            summary="Who is served, & how.",
            authors=[PersonFactory(name="Ada Example"), PersonFactory(name="Bo Sample")],
            themes=["live"],
            tags=["sanctuary"],
            published_at=now - timedelta(days=2),
        ),
        PostFactory(
            title="Toolkit launched",
            authors=[PersonFactory(name="Cities of Migration editors")],
            themes=["plan"],
            tags=["immigrant futures"],
            published_at=now - timedelta(days=1),
        ),
    ]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_parser_reads_title_link_dates_and_authors_of_every_entry(client, posts, kind):
    response, feed = parse(client, FEEDS[kind])
    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.title == "Conversations on Integration · Cities of Migration"
    assert feed.feed.link == "http://testserver/en/conversations/"
    by_title = {entry.title: entry for entry in feed.entries}
    assert list(by_title) == ["Toolkit launched", "Cities & sanctuary: <a comparison>"]
    for post in Post.objects.published():
        entry = by_title[post.title]
        assert entry.link == f"http://testserver{post.get_absolute_url()}"
        assert as_timestamp(entry.published_parsed) == int(post.published_at.timestamp())
        assert entry.author == post.author_names
        # The summary is HTML to a reader: the plain text arrives escaped, reads as typed.
        assert entry.summary_detail.type == "text/html"
        assert html.unescape(entry.summary) == post.summary
        assert {tag.term for tag in entry.tags} == {
            *post.themes.values_list("name", flat=True),
            *post.tags.values_list("name", flat=True),
        }
        if kind == "atom":
            assert as_timestamp(entry.updated_parsed) >= as_timestamp(entry.published_parsed)
    assert by_title["Cities & sanctuary: <a comparison>"].author == "Ada Example, Bo Sample"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_leave_out_drafts_reviews_archived_and_scheduled_posts(client, themes, kind):
    PostFactory(title="Public")
    PostFactory(title="Draft", draft=True)
    PostFactory(title="In review", in_review=True)
    PostFactory(title="Archived", archived=True)
    PostFactory(title="Scheduled", scheduled=True)
    _, feed = parse(client, FEEDS[kind])
    assert [entry.title for entry in feed.entries] == ["Public"]


def test_a_scheduled_post_enters_the_feeds_on_its_date(client, themes, clock):
    PostFactory(title="Later", published_at=timezone.now() + timedelta(hours=3), tags=["soon"])
    for url in [*FEEDS.values(), "/en/conversations/feed/theme/work/"]:
        assert [entry.title for entry in parse(client, url)[1].entries] == [], url
    assert client.get("/en/conversations/feed/tag/soon/").status_code == 404
    clock.advance(hours=4)
    for url in [
        *FEEDS.values(),
        "/en/conversations/feed/tag/soon/",
        "/en/conversations/feed/tag/soon/atom/",
    ]:
        assert [entry.title for entry in parse(client, url)[1].entries] == ["Later"], url


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_a_tag_feed_has_only_that_tags_posts(client, posts, suffix):
    _, feed = parse(client, f"/en/conversations/feed/tag/sanctuary/{suffix}")
    assert [entry.title for entry in feed.entries] == ["Cities & sanctuary: <a comparison>"]
    assert feed.feed.title == "Conversations on Integration: sanctuary"
    assert feed.feed.link == "http://testserver/en/conversations/?tag=sanctuary"


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_a_theme_feed_has_only_that_themes_posts(client, posts, suffix):
    _, feed = parse(client, f"/en/conversations/feed/theme/plan/{suffix}")
    assert [entry.title for entry in feed.entries] == ["Toolkit launched"]
    assert feed.feed.title == "Conversations on Integration: Plan"


def test_unknown_tags_and_themes_and_tags_of_drafts_only_have_no_feed(client, posts):
    PostFactory(draft=True, tags=["secret plans"])
    assert client.get("/en/conversations/feed/tag/no-such-tag/").status_code == 404
    assert client.get("/en/conversations/feed/tag/secret-plans/").status_code == 404
    assert client.get("/en/conversations/feed/theme/swim/atom/").status_code == 404


def test_a_post_without_authors_is_still_a_valid_entry(client, themes):
    PostFactory(title="Unsigned", authors=[])
    for url in FEEDS.values():
        entry = parse(client, url)[1].entries[0]
        assert entry.title == "Unsigned"
        assert "author" not in entry


def test_every_page_tells_feed_readers_where_the_feeds_are(client, themes):
    post = PostFactory()
    for url in ["/en/", "/en/about/", "/en/good-ideas/", post.get_absolute_url()]:
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/rss+xml" '
            'title="Conversations on Integration (RSS)" href="/en/conversations/feed/">'
        ) in head, url
        assert (
            'type="application/atom+xml"' in head and 'href="/en/conversations/feed/atom/"' in head
        )
