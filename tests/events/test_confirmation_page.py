"""After registering (issue 10): the "check your inbox" page shows the event's times and an
"Add to calendar" link to the public file, the same for everyone; the personal manage page
(from the e-mailed link) offers the registrant's own calendar file, which carries the join
link only for a confirmed seat."""

import re
from datetime import datetime
from html import unescape

import icalendar
import pytest
from django.urls import reverse

from events import links, when
from tests.events.helpers import form_data
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def one_vevent(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    [vevent] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return vevent


def everything_in(vevent):
    return " ".join(str(vevent.get(key, "")) for key in ("DESCRIPTION", "LOCATION", "URL"))


def text_of(response):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def calendar_link(response):
    match = re.search(r'<a [^>]*href="([^"]+)"[^>]*>Add to calendar</a>', response.content.decode())
    return unescape(match.group(1)) if match else None


@pytest.fixture
def webinar(db):
    return EventFactory(title="Mentoring newcomer entrepreneurs", capacity=1)


def test_the_check_your_inbox_page_shows_the_times_and_the_public_calendar_file(client, webinar):
    response = client.post(
        reverse("events:register", kwargs={"slug": webinar.slug}), form_data(), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "events:registration_sent", kwargs={"slug": webinar.slug}
    )
    text = text_of(response)
    assert "Check your inbox" in text
    assert when.describe(webinar) in text  # in the event's own zone
    assert "America/Toronto time" in text
    for row in when.in_major_zones(webinar):  # London, Berlin, Sydney …
        assert f"{row.label}: {row.text}" in text
    # The visitor's own zone: a row the script fills from the browser's zone.
    html = response.content.decode()
    [start] = re.findall(r'class="local-time" hidden data-start="([^"]+)"', html)
    assert datetime.fromisoformat(start) == webinar.start
    assert "js/events-localtime" in html

    link = calendar_link(response)
    assert link == reverse("events:ics", kwargs={"slug": webinar.slug})
    vevent = one_vevent(client.get(link))
    assert vevent.decoded("DTSTART") == webinar.start
    assert webinar.join_url not in everything_in(vevent)


def test_the_page_is_the_same_whoever_registered_twice_or_not(client, webinar):
    url = reverse("events:register", kwargs={"slug": webinar.slug})
    first = client.post(url, form_data(), follow=True)
    again = client.post(url, form_data(), follow=True)
    assert text_of(first) == text_of(again)
    assert webinar.join_url not in first.content.decode()


def test_a_confirmed_registrant_gets_a_personal_calendar_file_with_the_join_link(client, webinar):
    registration = RegistrationFactory(event=webinar)
    token = links.manage_token(registration)  # signed with a timestamp: take it once
    page = client.get(reverse("events:manage", kwargs={"token": token}))
    assert page.status_code == 200
    text = text_of(page)
    assert when.describe(webinar) in text and "America/Toronto time" in text
    link = calendar_link(page)
    assert link == reverse("events:manage_ics", kwargs={"token": token})
    response = client.get(link)
    vevent = one_vevent(response)
    assert webinar.join_url in everything_in(vevent)
    assert vevent.decoded("DTSTART") == webinar.start
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_someone_on_the_waitlist_gets_the_file_without_the_join_link(client, webinar):
    RegistrationFactory(event=webinar)
    waiting = RegistrationFactory(event=webinar, waitlisted=True)
    page = client.get(links.manage_path(waiting))
    vevent = one_vevent(client.get(calendar_link(page)))
    assert webinar.join_url not in everything_in(vevent)


def test_a_cancelled_registration_offers_no_calendar_file_and_its_file_has_no_join_link(
    client, webinar
):
    cancelled = RegistrationFactory(event=webinar, cancelled=True)
    page = client.get(links.manage_path(cancelled))
    assert page.status_code == 200
    assert calendar_link(page) is None
    token = links.manage_token(cancelled)
    vevent = one_vevent(client.get(reverse("events:manage_ics", kwargs={"token": token})))
    assert webinar.join_url not in everything_in(vevent)


def test_a_cancelled_event_gives_even_a_confirmed_registrant_no_join_link(client):
    event = EventFactory(cancelled=True)
    registration = RegistrationFactory(event=event)
    token = links.manage_token(registration)
    vevent = one_vevent(client.get(reverse("events:manage_ics", kwargs={"token": token})))
    assert event.join_url not in everything_in(vevent)
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_a_tampered_link_gets_no_calendar_file(client, webinar):
    token = links.manage_token(RegistrationFactory(event=webinar))
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(reverse("events:manage_ics", kwargs={"token": tampered}))
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content
    assert client.post(reverse("events:manage_ics", kwargs={"token": token})).status_code == 405
