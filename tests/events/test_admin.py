"""Editors run events in the admin: counts of registrants, the registrant list with its
filters and actions, a CSV safe for spreadsheets, capacity changes and cancellations."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from citiesofmigration.escaping import csv_cell
from events import services
from events.models import Event, Registration
from tests.events.helpers import run_tasks, sent_to
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

EVENTS = "/admin/events/event/"
REGISTRATIONS = "/admin/events/registration/"


def action(client, url, name, objects, **extra):
    data = {"action": name, "_selected_action": [obj.pk for obj in objects], **extra}
    return client.post(url, data, follow=not name.startswith("export"))


def messages_of(response):
    return " ".join(re.findall(r'<li class="[^"]*">(.*?)</li>', response.content.decode()))


@pytest.fixture
def full_webinar(webinar):
    """Two seats taken, two people waiting, one cancelled."""
    for name in ["Ana", "Ben", "Cy", "Di", "Ed"]:
        services.register_for_event(event=webinar, name=name, email=f"{name.lower()}@example.org")
    services.cancel_registration(registration=Registration.objects.get(name="Ana"))
    # Ana's seat went to Cy; Di and Ed wait.
    return webinar


def test_the_events_list_shows_confirmed_waitlisted_and_cancelled_counts(
    editor_client, full_webinar
):
    html = editor_client.get(EVENTS).content.decode()
    counts = re.findall(r'status__exact=(\w+)">(\d+)</a>', html)
    assert counts == [("confirmed", "2"), ("waitlisted", "2"), ("cancelled", "1")]


def test_staff_outside_the_editors_group_cannot_see_registrants(db):
    client = Client()
    client.force_login(UserFactory(username="staff-only", is_staff=True))
    assert client.get(REGISTRATIONS).status_code == 403


def test_the_registrant_list_filters_by_event_and_status(editor_client, full_webinar):
    other = EventFactory(title="Another event")
    RegistrationFactory(event=other, name="Zed Other")
    response = editor_client.get(
        REGISTRATIONS, {"event__id__exact": full_webinar.pk, "status__exact": "waitlisted"}
    )
    html = response.content.decode()
    assert "Di" in html and "Ed" in html
    assert "Zed Other" not in html and ">Ben<" not in html


def test_registrations_are_made_by_registrants_not_added_or_deleted_in_the_admin(
    editor_client, full_webinar
):
    assert editor_client.get(f"{REGISTRATIONS}add/").status_code == 403
    registration = Registration.objects.get(name="Ben")
    assert editor_client.get(f"{REGISTRATIONS}{registration.pk}/delete/").status_code == 403


def test_an_editor_promotes_someone_from_the_waitlist_when_a_seat_is_free(
    editor_client, full_webinar
):
    ed = Registration.objects.get(name="Ed")
    response = action(editor_client, REGISTRATIONS, "promote_selected", [ed])
    assert "Every seat is taken: raise the number of seats first." in messages_of(response)
    ed.refresh_from_db()
    assert ed.is_waitlisted

    Event.objects.filter(pk=full_webinar.pk).update(capacity=3)
    response = action(editor_client, REGISTRATIONS, "promote_selected", [ed])
    assert "1 person promoted and told." in messages_of(response)
    ed.refresh_from_db()
    assert ed.is_confirmed
    run_tasks()
    assert sent_to("ed@example.org")[-1].subject.startswith("A seat is yours")


def test_an_editor_cancels_a_registration_and_the_waitlist_moves(editor_client, full_webinar):
    ben = Registration.objects.get(name="Ben")
    action(editor_client, REGISTRATIONS, "cancel_selected", [ben])
    assert Registration.objects.get(name="Di").is_confirmed


def test_attendance_is_marked_for_confirmed_registrants(editor_client, full_webinar):
    selected = Registration.objects.filter(name__in=["Ben", "Cy", "Di"])
    response = action(editor_client, REGISTRATIONS, "mark_attended", selected)
    assert "2 marked as attended." in messages_of(response)
    attended = dict(Registration.objects.values_list("name", "attended"))
    assert attended == {"Ana": None, "Ben": True, "Cy": True, "Di": None, "Ed": None}
    action(editor_client, REGISTRATIONS, "mark_absent", Registration.objects.filter(name="Cy"))
    assert Registration.objects.get(name="Cy").attended is False


@pytest.mark.parametrize(
    "value, safe",
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("Plain name", "Plain name"),
        ("Amina = Example", "Amina = Example"),
        (None, ""),
    ],
)
def test_csv_cells_never_start_a_formula(value, safe):
    assert csv_cell(value) == safe


def test_the_csv_export_is_safe_to_open_in_a_spreadsheet(editor_client, webinar):
    RegistrationFactory(
        event=webinar,
        name="=cmd|' /C calc'!A0",
        organisation="+Org",
        role="-Role",
        city="@City",
        accessibility_needs="Step-free access\nplease",
    )
    response = action(editor_client, REGISTRATIONS, "export_csv", Registration.objects.all())
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    record = dict(zip(header, row, strict=True))
    assert record["name"] == "'=cmd|' /C calc'!A0"
    assert record["organisation"] == "'+Org"
    assert record["role"] == "'-Role"
    assert record["city"] == "'@City"
    assert record["accessibility needs"] == "Step-free access\nplease"
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_the_registrants_of_whole_events_can_be_exported(editor_client, full_webinar):
    response = action(editor_client, EVENTS, "export_registrants", [full_webinar])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 5


def change_form_data(event, **changes):
    """What the admin's change form posts for this event, with some values changed."""
    local = event.local_start
    end = event.local_end
    data = {
        "title_en": event.title_en,
        "slug_en": event.slug_en,
        "kind": event.kind,
        "summary_en": event.summary_en,
        "description_en": event.description_en,
        "status": event.status,
        "published_at_0": event.published_at.astimezone(event.zone).strftime("%Y-%m-%d"),
        "published_at_1": event.published_at.astimezone(event.zone).strftime("%H:%M:%S"),
        "time_zone": event.time_zone,
        "start_0": local.strftime("%Y-%m-%d"),
        "start_1": local.strftime("%H:%M:%S"),
        "end_0": end.strftime("%Y-%m-%d"),
        "end_1": end.strftime("%H:%M:%S"),
        "date_precision": event.date_precision,
        "attendance_mode": event.attendance_mode,
        "join_url": event.join_url,
        "takes_registrations": "on" if event.takes_registrations else "",
        "capacity": "" if event.capacity is None else str(event.capacity),
        "tags": "",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_raising_the_number_of_seats_promotes_from_the_waitlist(editor_client, full_webinar):
    response = editor_client.post(
        f"{EVENTS}{full_webinar.pk}/change/",
        change_form_data(full_webinar, capacity="3"),
        follow=True,
    )
    assert response.status_code == 200, response.content.decode()[:3000]
    assert "1 person was promoted from the waitlist and told." in messages_of(response)
    assert Registration.objects.get(name="Di").is_confirmed
    assert Registration.objects.get(name="Ed").is_waitlisted
    run_tasks()
    assert sent_to("di@example.org")[-1].subject.startswith("A seat is yours")


def test_removing_the_seat_limit_confirms_everyone_waiting(editor_client, full_webinar):
    editor_client.post(
        f"{EVENTS}{full_webinar.pk}/change/", change_form_data(full_webinar, capacity="")
    )
    assert not Registration.objects.filter(status="waitlisted").exists()


def test_times_are_entered_in_the_events_own_time_zone(editor_client, webinar):
    data = change_form_data(
        webinar,
        time_zone="Europe/Berlin",
        start_0="2031-01-14",
        start_1="18:00:00",
        end_0="2031-01-14",
        end_1="20:00:00",
    )
    response = editor_client.post(f"{EVENTS}{webinar.pk}/change/", data, follow=True)
    assert response.status_code == 200
    webinar.refresh_from_db()
    assert webinar.start == datetime(2031, 1, 14, 17, 0, tzinfo=UTC)
    # The form shows them back in that zone.
    html = editor_client.get(f"{EVENTS}{webinar.pk}/change/").content.decode()
    assert 'name="start_1" value="18:00:00"' in html


def test_an_event_cannot_end_before_it_starts(editor_client, webinar):
    data = change_form_data(webinar, end_0="2000-01-01", end_1="10:00:00")
    response = editor_client.post(f"{EVENTS}{webinar.pk}/change/", data)
    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()


def test_cancelling_events_asks_first_then_tells_their_registrants(editor_client, full_webinar):
    confirm_page = action(editor_client, EVENTS, "cancel_events", [full_webinar])
    html = confirm_page.content.decode()
    assert "Cancel these events?" in html
    assert "2 confirmed, 2 on the waitlist will be told" in html
    assert Event.objects.get().cancelled_at is None

    response = action(
        editor_client,
        EVENTS,
        "cancel_events",
        [full_webinar],
        confirm="yes",
        note="The venue flooded.",
    )
    assert "Cancelled; 4 registrants are being told." in messages_of(response)
    event = Event.objects.get()
    assert event.is_cancelled and event.cancellation_note == "The venue flooded."
    run_tasks()
    assert "The venue flooded." in sent_to("di@example.org")[-1].body


# Export and erasure of one address: tests/core/test_personal_data.py (portal-wide).


def test_the_anonymise_command_removes_personal_data_after_the_set_time(db, settings):
    old = EventFactory(past=True, start=timezone.now() - timedelta(days=100))
    recent = EventFactory(past=True, start=timezone.now() - timedelta(days=10))
    RegistrationFactory(event=old, accessibility_needs="Captions", attended=True)
    RegistrationFactory(event=recent)
    from django.core.management import call_command

    out = io.StringIO()
    call_command("anonymise_registrations", stdout=out)
    assert "Anonymised 1 registrations" in out.getvalue()
    anonymised = Registration.objects.get(event=old)
    assert (anonymised.name, anonymised.email, anonymised.organisation) == ("", "", "")
    assert anonymised.accessibility_needs == ""
    assert anonymised.country == "Canada" and anonymised.attended is True
    assert Registration.objects.get(event=recent).name != ""

    settings.EVENTS_ANONYMISE_AFTER_DAYS = 5
    call_command("anonymise_registrations", stdout=io.StringIO())
    assert Registration.objects.get(event=recent).email == ""

    RegistrationFactory(event=EventFactory(past=True, start=timezone.now() - timedelta(days=3)))
    call_command("anonymise_registrations", after_days=1, stdout=io.StringIO())
    assert not Registration.objects.exclude(email="").exists()
