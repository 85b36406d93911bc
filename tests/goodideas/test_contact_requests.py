"""Asking for a Good Idea's private contact: the portal relays the message and neither
side learns the other's address until the contact chooses to reply."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from citiesofmigration import privacy
from goodideas.models import ContactRequest
from tests.factories import GoodIdeaFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

CONTACT = "coordinator.private@example.org"
ASKER = "asker.visitor@example.org"


@pytest.fixture
def private_idea(themes):
    return GoodIdeaFactory(
        title="Safe access clinic",
        slug="safe-access-clinic",
        contact_name="Robin Coordinator",
        contact_email=CONTACT,
        contact_is_private=True,
    )


@pytest.fixture(autouse=True)
def editors(settings):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    settings.CONTACT_REQUESTS_KEEP_DAYS = 90


def ask(client, idea, **overrides):
    data = {
        "name": "Kim Asker",
        "email": ASKER,
        "message": "Could we talk about how you started the clinic?",
        **overrides,
    }
    return client.post(f"/en/good-ideas/{idea.slug}/contact/", data)


def reply_link(message):
    return re.search(r"http://testserver(/en/good-ideas/contact-reply/[^/\s]+/)", message.body)[1]


def test_a_private_idea_shows_the_form_with_its_privacy_notice(client, private_idea):
    html = client.get(private_idea.get_absolute_url()).content.decode()
    assert "Write to the contact" in html
    assert 'action="/en/good-ideas/safe-access-clinic/contact/"' in html
    for label in ["Your name", "Your e-mail", "Your message"]:
        assert f">{label}" in html
    assert "without your e-mail address" in html
    assert "Not shown to the contact" in html
    assert "deleted after 90 days" in html
    assert CONTACT not in html


def test_no_form_where_the_contact_is_public_or_unknown(client, themes):
    public = GoodIdeaFactory(contact_email="public@example.org", contact_is_private=False)
    unknown = GoodIdeaFactory(contact_is_private=True, contact_email="")
    for idea in [public, unknown]:
        assert "Write to the contact" not in client.get(idea.get_absolute_url()).content.decode()
        assert client.get(f"/en/good-ideas/{idea.slug}/contact/").status_code == 404
        assert ask(client, idea).status_code == 404
    assert not ContactRequest.objects.exists()


def test_no_form_for_a_draft(client, themes):
    draft = GoodIdeaFactory(draft=True, contact_email=CONTACT, contact_is_private=True)
    assert ask(client, draft).status_code == 404


def test_the_message_reaches_the_contact_without_the_askers_address(client, private_idea):
    response = ask(client, private_idea)
    assert response["Location"] == "/en/good-ideas/safe-access-clinic/contact/sent/"
    confirmation = client.get(response["Location"]).content.decode()
    assert "Your message is on its way" in confirmation
    run_tasks()

    to_contact, to_editors = sorted(mail.outbox, key=lambda m: m.to != [CONTACT])
    assert to_contact.to == [CONTACT]
    assert "Kim Asker" in to_contact.body
    assert "how you started the clinic" in to_contact.body
    assert ASKER not in to_contact.body + str(to_contact.message())
    assert "/en/good-ideas/contact-reply/" in to_contact.body

    # The editors are copied: the message, but neither address and no reply link.
    assert to_editors.to == ["editors@example.org"]
    assert "how you started the clinic" in to_editors.body
    assert ASKER not in to_editors.body and CONTACT not in to_editors.body
    assert "contact-reply" not in to_editors.body

    stored = ContactRequest.objects.get()
    assert (stored.idea, stored.name, stored.email) == (private_idea, "Kim Asker", ASKER)


def test_the_reply_reaches_the_asker_with_the_contacts_address_to_reply_to(client, private_idea):
    ask(client, private_idea)
    run_tasks()
    link = reply_link(next(m for m in mail.outbox if m.to == [CONTACT]))
    mail.outbox.clear()

    form = client.get(link).content.decode()
    assert "Kim Asker wrote to you" in form
    assert "with your e-mail address" in form  # the contact knows what replying reveals
    assert ASKER not in form

    response = client.post(link, {"message": "Gladly: call the clinic's front desk."})
    assert response.status_code == 302 and response["Location"] == link
    run_tasks()
    [to_asker] = mail.outbox
    assert to_asker.to == [ASKER]
    assert to_asker.extra_headers["Reply-To"] == CONTACT
    assert "Gladly: call the clinic's front desk." in to_asker.body

    # One reply per request: the link now says it was sent, and a second post sends nothing.
    assert "Your reply has been sent" in client.get(link).content.decode()
    client.post(link, {"message": "A second try."})
    run_tasks()
    assert len(mail.outbox) == 1
    assert ContactRequest.objects.get().replied_at is not None


def test_errors_are_shown_and_nothing_is_sent(client, private_idea):
    response = ask(client, private_idea, email="not an address", message="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the following" in html
    assert "Enter a valid email address." in html
    assert "This field is required." in html
    assert not ContactRequest.objects.exists()

    ask(client, private_idea, name="Kim\u2028Asker")
    assert not ContactRequest.objects.exists()  # one-line fields refuse line breaks


def test_an_empty_reply_is_refused(client, private_idea):
    ask(client, private_idea)
    run_tasks()
    link = reply_link(next(m for m in mail.outbox if m.to == [CONTACT]))
    response = client.post(link, {"message": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert ContactRequest.objects.get().replied_at is None


def test_bad_reply_links_answer_404(client, private_idea):
    ask(client, private_idea)
    for token in ["nope", "x" * 500, "%00abc"]:
        assert client.get(f"/en/good-ideas/contact-reply/{token}/").status_code == 404
    # A request whose idea lost its contact (erased on request) can no longer be answered.
    token = ContactRequest.objects.get().reply_token
    private_idea.contact_email = ""
    private_idea.save()
    assert client.get(f"/en/good-ideas/contact-reply/{token}/").status_code == 404


def test_the_honeypot_looks_like_success_and_stores_nothing(client, private_idea):
    response = ask(client, private_idea, homepage="http://spam.example")
    assert response.status_code == 302
    run_tasks()
    assert not ContactRequest.objects.exists() and not mail.outbox


def test_a_fourth_message_within_the_hour_is_refused(client, private_idea):
    for _ in range(3):
        assert ask(client, private_idea).status_code == 302
    response = ask(client, private_idea)
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert ContactRequest.objects.count() == 3


def test_privacy_finds_exports_and_erases_the_askers_requests(client, private_idea):
    ask(client, private_idea)
    found = {section.key: section for section in privacy.find(ASKER.upper())}
    assert found["contact_requests"].count == 1
    assert found["contact_requests"].items[0]["name"] == "Kim Asker"
    assert privacy.export(ASKER)["contact_requests"][0]["idea"] == "Safe access clinic"
    counts = privacy.erase(ASKER)
    assert counts["contact_requests"] == 1
    assert not ContactRequest.objects.exists()


def test_run_periodic_deletes_requests_older_than_the_setting(client, private_idea, settings):
    ask(client, private_idea)
    ask(client, private_idea, name="Old Asker")
    ContactRequest.objects.filter(name="Old Asker").update(
        created_at=timezone.now() - timedelta(days=91)
    )
    call_command("run_periodic", once=True)
    assert list(ContactRequest.objects.values_list("name", flat=True)) == ["Kim Asker"]
