"""E-mails: queued in the registration's transaction, sent by the background worker,
retried when SMTP is down. Only confirmed registrants ever receive the join link."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events import services
from events.models import Registration
from tests.events.helpers import form_data, run_tasks, sent_to
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

MANAGE_LINK = re.compile(r"https?://\S+/learning-exchange/registration/[^/\s]+/")


def register(event, email, name="Test Person"):
    return services.register_for_event(event=event, name=name, email=email)


def test_the_confirmation_carries_the_join_link_a_calendar_file_and_the_manage_link(webinar):
    register(webinar, "amina@example.org", name="Amina")
    run_tasks()
    [message] = sent_to("amina@example.org")
    assert webinar.join_url in message.body
    assert MANAGE_LINK.search(message.body)
    [(filename, content, mimetype)] = message.attachments
    assert filename == "event.ics"
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert webinar.join_url in str(vevent["DESCRIPTION"])
    assert vevent.decoded("DTSTART") == webinar.start


def test_the_waitlist_notice_has_no_join_link_and_no_calendar_file(webinar):
    RegistrationFactory.create_batch(2, event=webinar)
    register(webinar, "waiting@example.org")
    run_tasks()
    [message] = sent_to("waiting@example.org")
    assert message.subject.startswith("You are on the waitlist")
    assert "on the waitlist (number 1)" in " ".join(message.body.split())
    assert webinar.join_url not in message.body
    assert message.attachments == []
    assert MANAGE_LINK.search(message.body)


def test_when_someone_cancels_the_first_person_waiting_is_promoted_and_told(webinar):
    leaving = register(webinar, "leaving@example.org")
    register(webinar, "staying@example.org")
    register(webinar, "first-waiting@example.org")
    register(webinar, "second-waiting@example.org")
    run_tasks()

    services.cancel_registration(registration=leaving)
    run_tasks()

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "leaving@example.org": "cancelled",
        "staying@example.org": "confirmed",
        "first-waiting@example.org": "confirmed",
        "second-waiting@example.org": "waitlisted",
    }
    promotion = sent_to("first-waiting@example.org")[-1]
    assert promotion.subject == "A seat is yours: Welcoming policies in practice"
    assert webinar.join_url in promotion.body
    assert promotion.attachments[0].filename == "event.ics"
    assert sent_to("leaving@example.org")[-1].subject.startswith("Your registration is cancelled")
    assert webinar.join_url not in sent_to("leaving@example.org")[-1].body
    assert len(sent_to("second-waiting@example.org")) == 1  # only the waitlist notice


def test_nothing_is_queued_when_the_registration_is_rolled_back(webinar):
    with pytest.raises(RuntimeError), transaction.atomic():
        register(webinar, "ghost@example.org")
        raise RuntimeError("something failed after registering")
    assert not Registration.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_with_smtp_unreachable_the_registration_is_kept_and_the_mail_goes_out_once_smtp_is_back(
    client, webinar, settings, mailoutbox
):
    settings.EMAIL_BACKEND = "tests.events.backends.UnreachableSMTPBackend"
    response = client.post(
        f"/en/learning-exchange/{webinar.slug}/register/", form_data(), follow=True
    )
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert Registration.objects.get().is_confirmed

    run_tasks()  # the worker tries, SMTP refuses, a retry is scheduled
    assert mailoutbox == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_tasks()
    assert mailoutbox == []  # not before the retry is due

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    run_tasks()
    [message] = mailoutbox
    assert message.to == ["amina@example.org"]
    assert webinar.join_url in message.body
    run_tasks()
    assert len(mailoutbox) == 1  # sent once


def test_cancelling_an_event_tells_everyone_registered_or_waiting_and_no_one_else(webinar):
    confirmed = register(webinar, "confirmed@example.org")
    register(webinar, "also-confirmed@example.org")
    register(webinar, "waiting@example.org")
    gone = register(webinar, "gone@example.org")
    services.cancel_registration(registration=gone)
    run_tasks()

    told = services.cancel_event(event=webinar, note="The hosts are unwell.")
    run_tasks()
    assert told == 3
    for address in ["confirmed@example.org", "also-confirmed@example.org", "waiting@example.org"]:
        message = sent_to(address)[-1]
        assert message.subject == "Cancelled: Welcoming policies in practice"
        assert "The hosts are unwell." in message.body
        assert webinar.join_url not in message.body
    calendar = icalendar.Calendar.from_ical(
        sent_to("confirmed@example.org")[-1].attachments[0].content
    )
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    assert not any("Cancelled:" in m.subject for m in sent_to("gone@example.org"))
    # Cancelling twice tells nobody twice.
    assert services.cancel_event(event=webinar) == 0
    confirmed.refresh_from_db()
    assert confirmed.is_confirmed  # the record of who had signed up is kept


def test_reminders_go_a_day_before_and_an_hour_before_and_only_once(db, mailoutbox):
    now = timezone.now()
    tomorrow = EventFactory(start=now + timedelta(hours=23))
    soon = EventFactory(start=now + timedelta(minutes=50))
    later = EventFactory(start=now + timedelta(days=3))
    early = timedelta(days=5)
    for event in [tomorrow, soon, later]:
        RegistrationFactory(
            event=event, email=f"{event.slug}@example.org", confirmed_at=now - early
        )
    RegistrationFactory(event=tomorrow, waitlisted=True, email="waiting@example.org")
    RegistrationFactory(event=tomorrow, cancelled=True, email="gone@example.org")

    call_command("send_event_reminders", verbosity=0)
    call_command("send_event_reminders", verbosity=0)  # idempotent
    run_tasks()

    assert [m.subject for m in sent_to(f"{tomorrow.slug}@example.org")] == [
        f"Tomorrow: {tomorrow.title}"
    ]
    [hour] = sent_to(f"{soon.slug}@example.org")
    assert hour.subject == f"Starting within the hour: {soon.title}"
    assert soon.join_url in hour.body
    assert MANAGE_LINK.search(hour.body)
    assert sent_to(f"{later.slug}@example.org") == []
    assert sent_to("waiting@example.org") == [] and sent_to("gone@example.org") == []


def test_someone_who_registers_inside_a_reminder_window_is_not_reminded_for_it(db, mailoutbox):
    event = EventFactory(start=timezone.now() + timedelta(hours=20))
    register(event, "late@example.org")
    call_command("send_event_reminders", verbosity=0)
    run_tasks()
    assert [m.subject for m in mailoutbox] == [f"You are registered: {event.title}"]
    assert Registration.objects.get().day_reminder_sent_at is not None


def test_no_reminders_for_a_cancelled_event(db, mailoutbox):
    event = EventFactory(start=timezone.now() + timedelta(hours=10), cancelled=True)
    RegistrationFactory(event=event, confirmed_at=timezone.now() - timedelta(days=3))
    call_command("send_event_reminders", verbosity=0)
    run_tasks()
    assert mailoutbox == []


def test_every_e_mail_links_to_a_manage_page_that_works(client, webinar):
    register(webinar, "amina@example.org")
    run_tasks()
    link = MANAGE_LINK.search(sent_to("amina@example.org")[0].body).group(0)
    path = urlsplit(link).path
    response = client.get(path)
    assert response.status_code == 200
    assert "You are registered" in response.content.decode()
