"""Editors' plain text in the RSS and Atom feeds, read by a real feed reader (feedparser):
whatever a title or a summary holds (markup, entities, quotes, the end of a CDATA section,
line separators, emoji), the reader gets it as text and never as live HTML."""

import html
from html.parser import HTMLParser

import feedparser
import pytest

from citiesofmigration import syndication
from citiesofmigration.escaping import feed_text
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

# The payload set shared by the feed and export tests.
PAYLOADS = {
    "script": "<script>alert('x')</script> after",
    "img onerror": '<img src=x onerror="alert(1)"> after',
    "entity": "Fish &amp; chips & more",
    "quotes": "\"double\" and 'single'",
    "CDATA end": "]]> after the end",
    "separators": "line\u2028separator\u2029paragraph",
    "emoji": "Welcome 👋🏽 🇨🇦 👩\u200d👩\u200d👧",
}
FEEDS = ["/en/conversations/feed/", "/en/conversations/feed/atom/"]


class ElementCounter(HTMLParser):
    """The elements an HTML renderer would build from a string."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)


def elements_in(markup: str) -> list[str]:
    counter = ElementCounter()
    counter.feed(markup)
    counter.close()
    return counter.elements


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def posts(themes):
    return {
        name: PostFactory(title=f"{name}: {payload}", summary=payload, slug=f"payload-{n}")
        for n, (name, payload) in enumerate(PAYLOADS.items())
    }


@pytest.mark.parametrize("url", FEEDS, ids=["rss", "atom"])
def test_a_feed_reader_sees_titles_and_summaries_as_the_text_the_editor_typed(client, posts, url):
    entries = {entry.link: entry for entry in read_feed(client, url).entries}
    for name, payload in PAYLOADS.items():
        entry = entries[f"http://testserver{posts[name].get_absolute_url()}"]
        typed_title = f"{name}: {payload}"
        if url.endswith("atom/") or entry.title_detail.type == "text/plain":
            assert entry.title == typed_title, name  # Atom titles are text by definition
        else:
            # RSS does not say whether a title is text or HTML; feedparser guesses HTML
            # when the text itself looks like an entity ("&amp;"). Never markup, either way.
            assert elements_in(entry.title) == [], name
        # The summary is HTML to the reader: no element in it, and the text reads as typed.
        assert entry.summary_detail.type == "text/html"
        assert elements_in(entry.summary) == [], name
        assert html.unescape(entry.summary) == payload, name
    script_summary = entries[f"http://testserver{posts['script'].get_absolute_url()}"].summary
    assert "&lt;script&gt;alert(" in script_summary  # the literal text "<script>", escaped


@pytest.mark.parametrize("url", FEEDS, ids=["rss", "atom"])
def test_a_control_character_pasted_into_a_summary_does_not_break_the_feed(client, themes, url):
    # XML 1.0 cannot carry it; before, the feed writer refused it and the feed was a 500.
    PostFactory(title="Vertical\x0btab", summary="Pasted\x0bfrom a\x01word processor")
    [entry] = read_feed(client, url).entries
    assert entry.title == "Vertical tab"
    assert html.unescape(entry.summary) == "Pasted from a word processor"


@pytest.mark.parametrize("url", FEEDS, ids=["rss", "atom"])
def test_control_without_html_escaping_the_reader_builds_elements(client, posts, url, monkeypatch):
    """The harness sees the defect: with the summary escaped only for XML (as before),
    the reader gets markup it renders, here an <img> element."""
    monkeypatch.setattr(syndication, "feed_html", feed_text)
    entries = {entry.link: entry for entry in read_feed(client, url).entries}
    entry = entries[f"http://testserver{posts['img onerror'].get_absolute_url()}"]
    assert "img" in elements_in(entry.summary)
