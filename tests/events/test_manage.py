"""The link in every e-mail: it shows the registration; cancelling takes a POST, so a mail
scanner that follows links cancels nothing; a tampered or expired link changes nothing."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing

from events import links, services
from events.models import Registration
from tests.events.helpers import run_tasks, sent_to
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(webinar):
    return services.register_for_event(event=webinar, name="Amina", email="amina@example.org")


def manage(registration):
    return links.manage_path(registration)


def test_following_the_link_shows_the_registration_and_changes_nothing(client, registration):
    for _ in range(3):  # a mail scanner, a preview pane, the person
        response = client.get(manage(registration))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are registered" in html
    assert "amina@example.org" in html
    assert "Cancel my registration" in html
    registration.refresh_from_db()
    assert registration.is_confirmed
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_the_manage_page_never_shows_the_join_link(client, registration):
    html = client.get(manage(registration)).content.decode()
    assert registration.event.join_url not in html


def test_cancelling_takes_a_post_and_gives_the_seat_to_the_first_person_waiting(
    client, registration, webinar
):
    services.register_for_event(event=webinar, name="B", email="b@example.org")
    waiting = services.register_for_event(event=webinar, name="C", email="c@example.org")
    assert waiting.is_waitlisted

    response = client.post(f"{manage(registration)}cancel/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your registration is cancelled" in html
    assert "Cancel my registration" not in html
    waiting.refresh_from_db()
    assert waiting.is_confirmed
    run_tasks()
    assert sent_to("c@example.org")[-1].subject.startswith("A seat is yours")


def test_cancelling_twice_is_harmless(client, registration):
    client.post(f"{manage(registration)}cancel/")
    response = client.post(f"{manage(registration)}cancel/", follow=True)
    assert response.status_code == 200
    assert Registration.objects.get().status == "cancelled"


def test_a_get_on_the_cancel_address_is_refused(client, registration):
    assert client.get(f"{manage(registration)}cancel/").status_code == 405
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_someone_on_the_waitlist_sees_their_place_and_can_leave_it(client, webinar):
    RegistrationFactory.create_batch(2, event=webinar)
    waiting = services.register_for_event(event=webinar, name="W", email="w@example.org")
    html = client.get(manage(waiting)).content.decode()
    assert "You are on the waitlist" in html
    assert "You are number 1 on the waitlist" in html
    assert "Leave the waitlist" in html


def test_the_confirmation_can_be_sent_again_to_the_registered_address_only(client, registration):
    run_tasks()
    client.post(f"{manage(registration)}resend/")
    run_tasks()
    assert len(sent_to("amina@example.org")) == 2


def tampered(token):
    payload, timestamp, signature = token.split(":")
    other = "A" if signature[-1] != "A" else "B"
    return f"{payload}:{timestamp}:{signature[:-1]}{other}"


def test_a_tampered_link_gives_a_clear_page_and_cancels_nothing(client, registration):
    token = links.manage_token(registration)
    forged_payload = signing.dumps({"r": registration.pk, "k": "guessed"}, salt="wrong salt")
    for bad in [
        tampered(token),
        forged_payload,
        token[:-5],
        "not-a-token",
        "x" * 5000,
        signing.dumps({"r": registration.pk, "k": "guessed"}, salt=links.MANAGE_SALT),
        signing.dumps({"r": "1; DROP TABLE", "k": ""}, salt=links.MANAGE_SALT),
        signing.dumps([1, 2], salt=links.MANAGE_SALT),
    ]:
        for method, suffix in [("get", ""), ("post", "cancel/"), ("post", "resend/")]:
            response = getattr(client, method)(f"/en/learning-exchange/registration/{bad}/{suffix}")
            assert response.status_code == 404, (bad, suffix)
            assert "This link does not work" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_an_expired_link_says_so(client, registration, settings):
    settings.EVENTS_MANAGE_LINK_MAX_AGE_DAYS = 30
    long_ago = int(time.time() - timedelta(days=31).total_seconds())
    with mock.patch.object(
        signing.TimestampSigner, "timestamp", return_value=signing.b62_encode(long_ago)
    ):
        token = links.manage_token(registration)
    response = client.post(f"/en/learning-exchange/registration/{token}/cancel/")
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_the_link_stops_working_once_the_registration_is_anonymised(client, db):
    event = EventFactory(past=True)
    registration = RegistrationFactory(event=event)
    token = links.manage_token(registration)
    services.anonymise_registrations(after=timedelta(days=0))
    response = client.get(f"/en/learning-exchange/registration/{token}/")
    assert response.status_code == 410


def test_after_the_event_the_page_shows_the_registration_but_no_longer_offers_to_cancel(client, db):
    registration = RegistrationFactory(event=EventFactory(past=True))
    html = client.get(manage(registration)).content.decode()
    assert "Cancel my registration" not in html
    response = client.post(f"{manage(registration)}cancel/", follow=True)
    assert "already taken place" in response.content.decode()
    registration.refresh_from_db()
    assert registration.is_confirmed
