"""Calendar files and feeds, read back with real parsers (icalendar, feedparser). The join
link never appears in any of them."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from events.models import DatePrecision
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_an_events_ics_parses_and_starts_at_the_right_moment_in_utc(client):
    # 6 p.m. in Berlin in winter is 5 p.m. UTC.
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2031, 1, 14, 18, 0, tzinfo=berlin)
    event = EventFactory(
        title="Evening exchange, Berlin time",
        start=start,
        end=start + timedelta(hours=2),
        time_zone="Europe/Berlin",
    )
    calendar = parse(client.get(f"/en/learning-exchange/{event.slug}/calendar.ics"))
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime(2031, 1, 14, 17, 0, tzinfo=UTC)
    assert vevent.decoded("DTSTART").utcoffset() == timedelta(0)
    assert vevent.decoded("DTEND") == datetime(2031, 1, 14, 19, 0, tzinfo=UTC)
    assert str(vevent["SUMMARY"]) == "Evening exchange, Berlin time"
    assert str(vevent["URL"]) == f"http://testserver/en/learning-exchange/{event.slug}/"
    assert str(vevent["UID"]) == f"{event.uid}@testserver"
    assert str(vevent["LOCATION"]) == "Online"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert b"\r\n" in client.get(f"/en/learning-exchange/{event.slug}/calendar.ics").content


def test_the_public_ics_never_carries_the_join_link(client, webinar):
    content = client.get(f"/en/learning-exchange/{webinar.slug}/calendar.ics").content.decode()
    unfolded = content.replace("\r\n ", "")
    assert webinar.join_url not in unfolded
    assert "meet.example.org" not in unfolded


def test_an_in_person_event_gives_its_address_as_the_location(client, halifax_city):
    event = EventFactory(
        in_person=True, venue="City Hall", address="1841 Argyle Street", venue_city=halifax_city
    )
    [vevent] = parse(client.get(f"/en/learning-exchange/{event.slug}/calendar.ics")).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "City Hall, 1841 Argyle Street, Halifax, Canada"


def test_a_past_event_known_only_by_its_days_is_an_all_day_entry(client):
    zone = ZoneInfo("Europe/Copenhagen")
    event = EventFactory(
        start=datetime(1997, 9, 25, 0, 0, tzinfo=zone),
        end=datetime(1997, 9, 28, 23, 59, tzinfo=zone),
        time_zone="Europe/Copenhagen",
        date_precision=DatePrecision.DAY,
        takes_registrations=False,
    )
    [vevent] = parse(client.get(f"/en/learning-exchange/{event.slug}/calendar.ics")).walk("VEVENT")
    assert vevent.decoded("DTSTART") == date(1997, 9, 25)
    assert vevent.decoded("DTEND") == date(1997, 9, 29)  # exclusive, as iCalendar wants


def test_a_draft_has_no_public_ics(editor_client):
    event = EventFactory(draft=True)
    assert Client().get(f"/en/learning-exchange/{event.slug}/calendar.ics").status_code == 404
    assert editor_client.get(f"/en/learning-exchange/{event.slug}/calendar.ics").status_code == 404


def test_the_ical_feed_lists_published_upcoming_events_for_calendar_apps(client):
    upcoming = EventFactory(title="Upcoming webinar")
    recent = EventFactory(title="Ended last week", start=timezone.now() - timedelta(days=7))
    cancelled = EventFactory(title="Called off", cancelled=True)
    EventFactory(title="Long past", past=True, start=timezone.now() - timedelta(days=90))
    EventFactory(title="A draft", draft=True)
    EventFactory(title="Scheduled", published_at=timezone.now() + timedelta(days=1))

    response = client.get("/en/learning-exchange/calendar.ics")
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Cities of Migration — Learning Exchange"
    events = {str(vevent["SUMMARY"]): vevent for vevent in calendar.walk("VEVENT")}
    assert set(events) == {"Upcoming webinar", "Ended last week", "Called off"}
    assert str(events["Called off"]["STATUS"]) == "CANCELLED"
    assert events["Upcoming webinar"].decoded("DTSTART") == upcoming.start
    unfolded = response.content.decode().replace("\r\n ", "")
    for event in [upcoming, recent, cancelled]:
        assert event.join_url not in unfolded


def test_the_rss_feed_parses_and_lists_the_next_events_without_join_links(client):
    soon = EventFactory(title="Soon", start=timezone.now() + timedelta(days=2))
    later = EventFactory(title="Later", start=timezone.now() + timedelta(days=20))
    EventFactory(title="A draft", draft=True)
    EventFactory(title="Over", past=True)

    response = client.get("/en/learning-exchange/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == "Cities of Migration — Learning Exchange"
    assert [entry.title for entry in feed.entries] == ["Soon", "Later"]
    assert feed.entries[0].link == f"http://testserver/en/learning-exchange/{soon.slug}/"
    assert feed.entries[0].tags[0].term == "Webinar"
    text = response.content.decode()
    assert soon.join_url not in text and later.join_url not in text


def test_list_pages_announce_the_feeds(client, db):
    html = client.get("/en/learning-exchange/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/en/learning-exchange/calendar.ics"' in html
