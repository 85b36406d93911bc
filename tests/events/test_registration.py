"""Registering on an event's page: seats, the waitlist, one registration per e-mail, and
events that do not take registrations."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events import services
from events.models import Registration, RegistrationStatus
from tests.events.helpers import form_data, run_tasks, sent_to
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register_url(event):
    return f"/en/learning-exchange/{event.slug}/register/"


def pages_text(response):
    """The page as a person reads it (the CSRF token in the footer form differs)."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


CHECK_INBOX = "We have sent the details of your registration"


def test_a_city_staff_member_registers_and_is_told_to_check_their_inbox(client, webinar):
    response = client.post(register_url(webinar), form_data(), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [
        (f"/en/learning-exchange/{webinar.slug}/check-your-inbox/", 302)
    ]
    html = response.content.decode()
    assert "Check your inbox" in html
    assert CHECK_INBOX in html
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation == "City of Testville"
    assert registration.consented_at is not None
    # The status is told to the owner of the address, not to whoever typed it.
    assert "You are registered" not in html
    assert "/en/learning-exchange/registration/" not in html


def test_the_confirmation_e_mail_goes_out_once_the_worker_runs(client, webinar, mailoutbox):
    client.post(register_url(webinar), form_data())
    assert mailoutbox == []  # the request did not wait on SMTP
    run_tasks()
    [message] = sent_to("amina@example.org")
    assert message.subject == "You are registered: Welcoming policies in practice"


def test_when_every_seat_is_taken_the_form_offers_the_waitlist(client, webinar):
    RegistrationFactory.create_batch(2, event=webinar)
    html = client.get(webinar.get_absolute_url()).content.decode()
    assert "Every seat is taken." in html
    assert "Join the waitlist" in html
    response = client.post(register_url(webinar), form_data(), follow=True)
    assert CHECK_INBOX in response.content.decode()
    assert Registration.objects.get(email="amina@example.org").is_waitlisted
    run_tasks()
    [notice] = sent_to("amina@example.org")
    assert notice.subject.startswith("You are on the waitlist")


def test_the_waitlist_keeps_arrival_order(webinar):
    RegistrationFactory.create_batch(2, event=webinar)
    first = services.register_for_event(event=webinar, name="First", email="first@example.org")
    second = services.register_for_event(event=webinar, name="Second", email="second@example.org")
    assert (first.waitlist_position, second.waitlist_position) == (1, 2)


def test_without_a_seat_limit_everyone_is_confirmed(db):
    event = EventFactory(capacity=None)
    for n in range(5):
        services.register_for_event(event=event, name=f"P{n}", email=f"p{n}@example.org")
    assert event.registrations.confirmed().count() == 5


def test_a_second_registration_with_the_same_e_mail_gets_the_same_answer_and_no_duplicate(
    client, webinar, mailoutbox
):
    first = client.post(register_url(webinar), form_data(), follow=True)
    again = client.post(register_url(webinar), form_data(email="AMINA@Example.org "), follow=True)
    # Whoever typed the address learns nothing about its registration: same page, same words.
    assert again.status_code == first.status_code == 200
    assert again.redirect_chain == first.redirect_chain
    assert pages_text(again) == pages_text(first)
    assert "This e-mail address is already registered" not in again.content.decode()
    assert Registration.objects.count() == 1
    # The owner of the address gets the registration's details (status, manage link) again.
    run_tasks()
    assert [m.subject for m in sent_to("amina@example.org")] == [
        "You are registered: Welcoming policies in practice"
    ] * 2


def test_a_repeated_registration_e_mails_the_address_at_most_once_an_hour(
    client, webinar, mailoutbox
):
    for _ in range(5):
        client.post(register_url(webinar), form_data())
    run_tasks()
    assert len(sent_to("amina@example.org")) == 2  # the confirmation, then one reminder
    registration = Registration.objects.get()
    assert registration.details_resent_at is not None

    # An hour later the owner can be reminded once more.
    Registration.objects.update(details_resent_at=timezone.now() - timedelta(minutes=61))
    client.post(register_url(webinar), form_data())
    client.post(register_url(webinar), form_data())
    run_tasks()
    assert len(sent_to("amina@example.org")) == 3


def test_the_answer_does_not_tell_confirmed_from_waitlisted_registrations(client, webinar):
    RegistrationFactory.create_batch(2, event=webinar)
    RegistrationFactory(event=webinar, email="waiting@example.org", status="waitlisted")
    for_waitlisted = client.post(
        register_url(webinar), form_data(email="waiting@example.org"), follow=True
    )
    for_new = client.post(register_url(webinar), form_data(email="new@example.org"), follow=True)
    assert pages_text(for_waitlisted) == pages_text(for_new)
    assert "You are on the waitlist" not in pages_text(for_waitlisted)


def test_the_database_refuses_a_second_active_registration_for_one_address(webinar):
    RegistrationFactory(event=webinar, email="sam@example.org")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=webinar, email="SAM@example.org")


def test_after_cancelling_the_same_address_may_register_again(webinar):
    registration = services.register_for_event(event=webinar, name="Sam", email="sam@example.org")
    services.cancel_registration(registration=registration)
    again = services.register_for_event(event=webinar, name="Sam", email="sam@example.org")
    assert again.is_confirmed
    assert webinar.registrations.count() == 2


@pytest.mark.parametrize(
    "event_kwargs, message",
    [
        ({"draft": True}, "not open for registration"),
        ({"past": True, "takes_registrations": True}, "already taken place"),
        ({"cancelled": True}, "has been cancelled"),
        (
            {"registration_closes_at": timezone.now() - timedelta(hours=1)},
            "Registration for this event has closed",
        ),
        (
            {"registration_opens_at": timezone.now() + timedelta(days=1)},
            "has not opened yet",
        ),
        ({"takes_registrations": False}, "does not take registrations on this site"),
    ],
    ids=["draft", "past", "cancelled", "closed", "not open yet", "not taken"],
)
def test_an_event_that_does_not_take_registrations_refuses_them_with_a_clear_message(
    editor_client, client, event_kwargs, message
):
    event = EventFactory(**event_kwargs)
    # An editor (who may preview drafts) posts; the public would get a 404 for a draft.
    response = editor_client.post(register_url(event), form_data())
    assert response.status_code == 409
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert not DBTaskResult.objects.exists()
    with pytest.raises(services.RegistrationUnavailable):
        services.register_for_event(event=event, name="A", email="a@example.org")


@pytest.mark.parametrize(
    "event_kwargs, shown",
    [
        (
            {"past": True, "takes_registrations": True},
            "This event has taken place; registration is closed.",
        ),
        ({"cancelled": True}, "This event has been cancelled, so registration is closed."),
        (
            {"registration_closes_at": timezone.now() - timedelta(hours=1)},
            "Registration closed on",
        ),
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "Registration opens on"),
    ],
    ids=["past", "cancelled", "closed", "not open yet"],
)
def test_the_form_is_replaced_by_a_message_when_registration_is_not_possible(
    client, event_kwargs, shown
):
    event = EventFactory(**event_kwargs)
    html = client.get(event.get_absolute_url()).content.decode()
    assert shown in html
    assert f'action="/en/learning-exchange/{event.slug}/register/' not in html


def test_the_public_cannot_register_for_a_draft_it_cannot_see(client):
    event = EventFactory(draft=True)
    assert client.post(register_url(event), form_data()).status_code == 404
    assert not Registration.objects.exists()


def test_a_bot_filling_the_hidden_field_sees_success_but_nothing_is_stored(client, webinar):
    response = client.post(register_url(webinar), form_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == f"/en/learning-exchange/{webinar.slug}/check-your-inbox/"
    assert not Registration.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_too_many_registrations_from_one_address_are_slowed_down(client, db):
    event = EventFactory()
    for n in range(10):
        client.post(register_url(event), form_data(email=f"p{n}@example.org"))
    response = client.post(register_url(event), form_data(email="p11@example.org"))
    assert response.status_code == 429
    assert "Too many registrations" in response.content.decode()
    assert event.registrations.count() == 10


def test_registering_is_a_post_a_get_changes_nothing(client, webinar):
    assert client.get(register_url(webinar)).status_code == 405


def test_an_archived_event_that_never_took_registrations_shows_no_registration_section(client):
    event = EventFactory(past=True, takes_registrations=False)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'id="register"' not in html
