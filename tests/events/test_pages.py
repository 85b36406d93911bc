"""The public pages: upcoming events with facets, the archive with search, the detail
page with its times, and the sections on the home, theme and city pages."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from events.models import EventKind
from tests.events import pages
from tests.factories import (
    CityFactory,
    CountryFactory,
    EventFactory,
    EventPersonFactory,
    GoodIdeaFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def in_days(days, hour=11, zone="America/Toronto"):
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo(zone))


@pytest.fixture
def programme(themes):
    canada = CountryFactory(code="CA", name="Canada")
    halifax = CityFactory(name="Halifax", country=canada, slug="halifax")
    moncton = CityFactory(name="Moncton", country=canada, slug="moncton")
    return {
        "webinar": EventFactory(
            title="Welcoming policy webinar",
            start=in_days(5),
            themes=["plan"],
            cities=[halifax],
        ),
        "exchange": EventFactory(
            title="Partnership exchange",
            kind=EventKind.EXCHANGE,
            start=in_days(40),
            themes=["plan", "connect"],
            cities=[halifax, moncton],
        ),
        "seminar": EventFactory(
            title="Jobs seminar",
            kind=EventKind.SEMINAR,
            start=in_days(75),
            themes=["work"],
            cities=[moncton],
        ),
        "past": EventFactory(
            title="Metropolis conference, long ago",
            kind=EventKind.CONFERENCE,
            past=True,
            start=datetime(1997, 9, 25, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen")),
            time_zone="Europe/Copenhagen",
            themes=["plan"],
            lessons="Research and policy need each other.",
            recording_url="https://video.example.org/recording",
        ),
        "past webinar": EventFactory(
            title="Earlier webinar on jobs",
            past=True,
            start=timezone.now() - timedelta(days=400),
            themes=["work"],
            cities=[moncton],
        ),
    }


def test_the_list_shows_upcoming_published_events_soonest_first(client, programme):
    EventFactory(title="A draft", draft=True)
    EventFactory(title="Scheduled", published_at=timezone.now() + timedelta(days=2))
    response = client.get("/en/learning-exchange/")
    assert response.status_code == 200
    assert pages.result_titles(response) == [
        "Welcoming policy webinar",
        "Partnership exchange",
        "Jobs seminar",
    ]


def test_kind_theme_and_city_facets_filter_and_count(client, programme):
    response = client.get("/en/learning-exchange/", {"theme": "plan", "city": "moncton"})
    assert pages.result_titles(response) == ["Partnership exchange"]
    counts = {value: count for value, _label, count in pages.facet(response, "kind")}
    assert counts == {"exchange": 1}
    cities = {value: count for value, _label, count in pages.facet(response, "city")}
    assert cities == {"halifax": 2, "moncton": 1}

    response = client.get("/en/learning-exchange/", {"kind": ["webinar", "seminar"]})
    assert pages.result_titles(response) == ["Welcoming policy webinar", "Jobs seminar"]


def test_the_month_facet_reads_like_a_calendar_and_filters(client, programme):
    response = client.get("/en/learning-exchange/")
    months = pages.facet(response, "month")
    expected = sorted({f"{e.local_start:%Y-%m}" for k, e in programme.items() if "past" not in k})
    assert [value for value, _label, _count in months] == expected
    first = programme["webinar"].local_start
    assert months[0][1] == first.strftime("%B %Y")

    response = client.get("/en/learning-exchange/", {"month": f"{first:%Y-%m}"})
    assert "Welcoming policy webinar" in pages.result_titles(response)
    assert "Jobs seminar" not in pages.result_titles(response)


def test_a_month_is_the_events_own_month_not_the_servers(client, db):
    # 23:30 on 31 March in Vancouver is already April in UTC and in Toronto.
    start = datetime(2031, 3, 31, 23, 30, tzinfo=ZoneInfo("America/Vancouver"))
    event = EventFactory(start=start, time_zone="America/Vancouver")
    assert event.start_month == "2031-03"


@pytest.mark.parametrize(
    "query",
    [
        {"month": "2031-13"},
        {"month": "'; DROP TABLE events_event; --"},
        {"kind": "party"},
        {"sort": "-join_url"},
        {"page": "9999"},
        {"city": "x" * 500},
        {"q": "\x00"},
    ],
)
def test_junk_in_the_address_never_breaks_the_list(client, programme, query):
    assert client.get("/en/learning-exchange/", query).status_code == 200
    assert client.get("/en/learning-exchange/archive/", query).status_code == 200


def test_the_archive_lists_past_events_newest_first_with_search_and_year(client, programme):
    EventFactory(title="Called-off meeting", past=True, cancelled=True)
    response = client.get("/en/learning-exchange/archive/")
    assert pages.result_titles(response) == [
        "Earlier webinar on jobs",
        "Metropolis conference, long ago",
    ]
    years = [value for value, _label, _count in pages.facet(response, "year")]
    assert years[-1] == "1997"
    assert pages.result_titles(client.get("/en/learning-exchange/archive/", {"year": "1997"})) == [
        "Metropolis conference, long ago"
    ]
    searched = client.get("/en/learning-exchange/archive/", {"q": "metropolis"})
    assert pages.result_titles(searched) == ["Metropolis conference, long ago"]
    misspelt = client.get("/en/learning-exchange/archive/", {"q": "metropolsi"})
    assert "Metropolis conference, long ago" in pages.result_titles(misspelt)


def test_the_detail_page_shows_the_time_in_the_events_zone_and_major_zones(client, db):
    start = datetime(2031, 3, 4, 11, 0, tzinfo=ZoneInfo("America/Toronto"))
    event = EventFactory(start=start, end=start + timedelta(minutes=90))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Tuesday 4 March 2031, 11:00 AM – 12:30 PM EST" in html
    assert "America/Toronto time" in html
    assert "Vancouver:</span> Tuesday 4 March 2031, 8:00 AM – 9:30 AM PST" in html
    assert "London:</span> Tuesday 4 March 2031, 4:00 PM – 5:30 PM GMT" in html
    assert "Sydney:</span> Wednesday 5 March 2031, 3:00 AM – 4:30 AM AEDT" in html
    assert "Toronto:</span>" not in html  # its own zone is shown first, not repeated
    assert (
        f'datetime="{start.isoformat()}"' in html or 'datetime="2031-03-04T11:00:00-05:00"' in html
    )
    # The visitor's own time is filled in by JavaScript from these.
    assert 'data-start="2031-03-04T11:00:00-05:00"' in html
    assert "js/events-localtime" in html


def test_a_past_event_known_only_by_its_month_never_shows_invented_days_or_times(client, db):
    zone = ZoneInfo("America/Vancouver")
    event = EventFactory(
        start=datetime(1999, 11, 1, tzinfo=zone),
        end=datetime(1999, 11, 30, 23, 59, tzinfo=zone),
        time_zone="America/Vancouver",
        date_precision="month",
        takes_registrations=False,
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "November 1999" in html
    assert "Monday 1 November" not in html and "AM" not in html.split("<main")[1]


def test_speakers_and_moderators_appear_with_role_organisation_and_city(client, halifax_city):
    event = EventFactory()
    person = PersonFactory(
        name="Sample Speaker",
        role="Policy analyst",
        organisation=OrganisationFactory(name="Test Agency"),
        city=halifax_city,
    )
    EventPersonFactory(event=event, person=person)
    EventPersonFactory(event=event, person=PersonFactory(name="Sample Moderator"), role="moderator")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Sample Speaker" in html and "Policy analyst, Test Agency" in html
    assert '<a href="/en/cities/halifax/">Halifax</a>, Canada' in html
    assert "Sample Moderator" in html


def test_the_archive_page_of_an_event_shows_what_was_learned_and_the_recording(client, programme):
    html = client.get(programme["past"].get_absolute_url()).content.decode()
    assert "What we learned" in html
    assert "Research and policy need each other." in html
    assert 'href="https://video.example.org/recording"' in html


def test_a_cancelled_event_says_so_with_the_reason(client, db):
    event = EventFactory(cancelled=True)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "This event has been cancelled." in html
    assert "The hosts could not hold it on this date." in html
    card = client.get("/en/learning-exchange/").content.decode()
    assert "badge--cancelled" in card


UNPUBLISHED = {
    "draft": {"draft": True},
    "in review": {"status": "review", "published_at": None},
    "scheduled": {"published_at": timezone.now() + timedelta(days=3)},
}


@pytest.mark.parametrize("hidden_kwargs", UNPUBLISHED.values(), ids=UNPUBLISHED.keys())
def test_unpublished_events_never_reach_the_public(client, editor, themes, hidden_kwargs):
    hidden = EventFactory(title="Confidential zeppelin briefing", themes=["plan"], **hidden_kwargs)
    for url in [
        "/en/learning-exchange/",
        "/en/learning-exchange/archive/",
        "/en/learning-exchange/?q=zeppelin",
        "/en/learning-exchange/feed/",
        "/en/learning-exchange/calendar.ics",
        "/en/",
        "/en/themes/plan/",
        "/en/search/?q=zeppelin",
    ]:
        assert "confidential zeppelin" not in client.get(url).content.decode().lower(), url
    assert client.get(hidden.get_absolute_url()).status_code == 404
    editor_client = Client()
    editor_client.force_login(editor)
    preview = editor_client.get(hidden.get_absolute_url())
    assert preview.status_code == 200
    assert "Preview for editors" in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex"


def test_the_join_link_is_never_on_a_public_page_or_feed(client, themes, halifax_city):
    event = EventFactory(themes=["plan"], cities=[halifax_city], capacity=1)
    GoodIdeaFactory(cities=[halifax_city]).events.add(event)
    for url in [
        "/en/learning-exchange/",
        "/en/learning-exchange/archive/",
        event.get_absolute_url(),
        f"/en/learning-exchange/{event.slug}/calendar.ics",
        "/en/learning-exchange/calendar.ics",
        "/en/learning-exchange/feed/",
        "/en/",
        "/en/themes/plan/",
        "/en/cities/halifax/",
        f"/en/search/?q={event.title}",
    ]:
        content = client.get(url).content.decode().replace("\r\n ", "")
        assert "secret-room" not in content, url
    # Nor after a registration fills the seats and the page offers the waitlist.
    from events import services

    services.register_for_event(event=event, name="A", email="a@example.org")
    assert "secret-room" not in client.get(event.get_absolute_url()).content.decode()


def test_upcoming_events_appear_on_the_home_theme_and_city_pages(client, programme):
    EventFactory(title="Called off", cancelled=True, themes=["plan"])
    assert "Welcoming policy webinar" in pages.card_titles(client.get("/en/"))
    theme = pages.card_titles(client.get("/en/themes/plan/"))
    assert "Welcoming policy webinar" in theme and "Partnership exchange" in theme
    assert "Jobs seminar" not in theme and "Called off" not in theme
    city = client.get("/en/cities/moncton/")
    assert "Partnership exchange" in pages.card_titles(city)
    assert "/en/learning-exchange/?city=moncton" in city.content.decode()


def test_the_site_search_finds_events(client, programme):
    response = client.get("/en/search/", {"q": "metropolis"})
    assert "Metropolis conference, long ago" in pages.card_titles(response)


def test_the_detail_page_describes_the_event_for_search_engines(client, db):
    event = EventFactory(title="Structured webinar")
    html = client.get(event.get_absolute_url()).content.decode()
    assert '"@type": "Event"' in html
    assert '"eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"' in html
    assert event.join_url not in html


def test_every_page_has_one_h1(client, programme):
    for url in [
        "/en/learning-exchange/",
        "/en/learning-exchange/archive/",
        programme["webinar"].get_absolute_url(),
        programme["past"].get_absolute_url(),
        "/en/learning-exchange/registration/nonsense/",
    ]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
