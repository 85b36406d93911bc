"""Event titles and summaries in the RSS feed (read with feedparser) and the iCal feed and
files (read with icalendar): the payload set arrives as text, never as live HTML, and the
calendar's structure (one VEVENT per event, its own properties) is intact."""

import html

import feedparser
import icalendar
import pytest

from tests.blog.test_feed_escaping import PAYLOADS, elements_in
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    return {
        name: EventFactory(title=f"{name}: {payload}", summary=payload, slug=f"payload-{n}")
        for n, (name, payload) in enumerate(PAYLOADS.items())
    }


def test_the_rss_feed_gives_readers_the_text_not_markup(client, events):
    response = client.get("/en/learning-exchange/feed/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    entries = {entry.title: entry for entry in feed.entries}
    for name, payload in PAYLOADS.items():
        entry = entries[f"{name}: {payload}"]
        assert elements_in(entry.summary) == [], name
        # The description is "when — where — summary"; the summary ends it, as typed.
        assert html.unescape(entry.summary).endswith(f" — {payload}"), name


def one_line(text):
    return " ".join(text.split())


def test_the_ical_feed_and_files_keep_the_text_and_their_structure(client, events):
    calendar = icalendar.Calendar.from_ical(
        client.get("/en/learning-exchange/calendar.ics").content
    )
    vevents = {str(vevent["SUMMARY"]): vevent for vevent in calendar.walk("VEVENT")}
    assert len(vevents) == len(PAYLOADS)  # no payload started or ended an event of its own
    for name, payload in PAYLOADS.items():
        # The title is one line (a separator in it becomes a space); the rest is as typed.
        vevent = vevents[one_line(f"{name}: {payload}")]
        assert str(vevent["DESCRIPTION"]).startswith(payload), name
        assert str(vevent["URL"]).endswith(f"{events[name].get_absolute_url()}")
        single = icalendar.Calendar.from_ical(
            client.get(f"{events[name].get_absolute_url()}calendar.ics").content
        )
        [only] = single.walk("VEVENT")
        assert str(only["SUMMARY"]) == one_line(f"{name}: {payload}")
