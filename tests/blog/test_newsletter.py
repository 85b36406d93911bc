"""The newsletter: double opt-in with a single-use, expiring link confirmed by a POST;
the same neutral answer for every address; one-click unsubscribe from every issue; an
export of confirmed subscribers only."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.test import Client

from blog import services
from blog.models import NewsletterIssue, Subscriber, SubscriberStatus
from tests.blog.conftest import run_worker
from tests.factories import PostFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/en/conversations/newsletter/"
SENT = "/en/conversations/newsletter/check-your-inbox/"
CONFIRM_LINK = re.compile(r"http://testserver(/en/conversations/newsletter/confirm/[\w-]+/)")


def sign_up(client, email="ana@example.org", **fields):
    return client.post(SIGNUP, {"email": email, "consent": "on", "website": "", **fields})


def confirmation_path(to):
    """The confirmation link in the last e-mail sent to ``to``."""
    run_worker()
    messages = [message for message in mail.outbox if to in message.to]
    assert messages, f"no e-mail to {to}"
    return CONFIRM_LINK.search(messages[-1].body)[1]


def test_signing_up_sends_a_confirmation_link_and_subscribes_nobody_yet(client, db):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == SENT
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.consent_at is not None
    assert mail.outbox == []  # queued, sent by the background worker
    path = confirmation_path("ana@example.org")
    message = mail.outbox[0]
    assert message.subject == "Please confirm your subscription to Conversations on Integration"
    assert "works once, for 48 hours" in message.body
    # Only the token's hash is stored.
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in str(Subscriber.objects.values_list().get())


def test_opening_the_confirmation_link_confirms_nothing_until_the_button_is_pressed(client, db):
    sign_up(client)
    path = confirmation_path("ana@example.org")
    for _ in range(3):  # a mail scanner may follow the link several times
        response = Client().get(path)
        assert response.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    html = response.content.decode()
    assert f'<form method="post" action="{path}">' in html
    assert "Yes, subscribe me" in html
    assert response["X-Robots-Tag"] == "noindex"

    response = Client().post(path, follow=True)  # csrf is enforced by real browsers
    assert response.redirect_chain[-1][0] == "/en/conversations/newsletter/confirmed/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_a_confirmation_link_works_once(client, db):
    sign_up(client)
    path = confirmation_path("ana@example.org")
    client.post(path)
    for response in [client.get(path), client.post(path)]:
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        assert "already been used" in response.content.decode()


def test_a_tampered_confirmation_link_gives_a_clear_page(client, db):
    sign_up(client)
    path = confirmation_path("ana@example.org")
    for tampered in [path[:-3] + "x/", "/en/conversations/newsletter/confirm/%3Cscript%3E/"]:
        for response in [client.get(tampered), client.post(tampered)]:
            assert response.status_code == 404
            assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_an_expired_confirmation_link_gives_a_clear_page_and_confirms_nothing(client, clock, db):
    sign_up(client)
    path = confirmation_path("ana@example.org")
    clock.advance(hours=49)
    for response in [client.get(path), client.post(path)]:
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_an_address_already_subscribed_gets_the_same_neutral_answer(client, db):
    SubscriberFactory(email="known@example.org")
    known = sign_up(client, email="Known@Example.org")
    unknown = sign_up(Client(REMOTE_ADDR="203.0.113.7"), email="new@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert Client().get(SENT).content == client.get(SENT).content
    run_worker()
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert Subscriber.objects.filter(email__iexact="known@example.org").count() == 1
    assert Subscriber.objects.get(email="known@example.org").status == SubscriberStatus.CONFIRMED


def test_addresses_are_unique_whatever_their_case(client, db):
    sign_up(client, email="Ana@Example.org")
    with pytest.raises(IntegrityError, match="blog_subscriber_email_unique_ci"):
        Subscriber.objects.create(email="ana@example.org", consent_at="2024-01-01T00:00Z")


def test_signing_up_again_soon_does_not_flood_the_inbox(client, clock, db):
    sign_up(client)
    sign_up(client)
    run_worker()
    assert len(mail.outbox) == 1
    clock.advance(minutes=11)
    sign_up(client)
    run_worker()
    assert len(mail.outbox) == 2
    # Only the newest link works.
    first, second = (CONFIRM_LINK.search(message.body)[1] for message in mail.outbox)
    assert client.post(first).status_code == 404
    assert client.post(second).status_code == 302


def test_the_form_says_what_the_address_is_for_and_the_box_is_not_ticked(client, db):
    for url in [SIGNUP, "/en/about/"]:
        html = client.get(url).content.decode()
        assert "only to send you" in html, url
        consent = re.search(r'<input type="checkbox" name="consent"[^>]*>', html)[0]
        assert "checked" not in consent, url
        assert "one-click" in html or "one click" in html, url


def test_the_footer_form_is_on_every_page_but_not_twice_on_the_newsletter_page(client, db):
    assert 'id="newsletter-footer-email"' in client.get("/en/about/").content.decode()
    html = client.get(SIGNUP).content.decode()
    assert 'id="newsletter-footer-email"' not in html
    assert html.count('name="email"') == 1


def test_signing_up_without_consent_or_with_a_bad_address_is_refused_with_a_message(client, db):
    response = client.post(SIGNUP, {"email": "ana@example.org"})
    assert "Please tick the box to say you want the newsletter." in response.content.decode()
    response = sign_up(client, email="ana@example")
    assert "Enter a valid email address." in response.content.decode()
    response = sign_up(client, email="ana@example.org\r\nBcc: x@example.org")
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_a_filled_honeypot_stores_nothing(client, db):
    response = sign_up(client, website="http://spam.example")
    assert response["Location"] == SENT
    assert not Subscriber.objects.exists()


def test_a_client_signing_up_many_addresses_is_slowed_down(client, db):
    for n in range(5):
        sign_up(client, email=f"person{n}@example.org")
    response = sign_up(client, email="one.more@example.org")
    assert response.status_code == 429
    assert Subscriber.objects.count() == 5


def test_someone_who_unsubscribed_can_subscribe_again_with_a_new_confirmation(client, db):
    SubscriberFactory(email="back@example.org", unsubscribed=True)
    sign_up(client, email="back@example.org")
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    client.post(confirmation_path("back@example.org"))
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


# -- Sending and unsubscribing --------------------------------------------------------


def absolute(path):
    return f"https://portal.example{path}"


@pytest.fixture
def issue(themes):
    post = PostFactory(title="Toolkit launched", authors=["Cities of Migration editors"])
    draft = PostFactory(title="Not yet", draft=True)
    issue = NewsletterIssue.objects.create(subject="November news", introduction="Hello.")
    issue.posts.set([post, draft])
    return issue


def test_a_newsletter_goes_to_confirmed_subscribers_only_each_with_one_click_unsubscribe(
    issue,
):
    confirmed = SubscriberFactory(email="reader@example.org")
    SubscriberFactory(email="waiting@example.org", pending=True)
    SubscriberFactory(email="gone@example.org", unsubscribed=True)
    assert services.send_newsletter(issue=issue, absolute_url=absolute) == 1
    run_worker()
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert message.subject == "November news"
    unsubscribe_url = f"https://portal.example/en/conversations/newsletter/unsubscribe/{confirmed.unsubscribe_token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in message.body
    assert "Toolkit launched" in message.body and "Not yet" not in message.body
    assert "by Cities of Migration editors" in message.body


def test_an_issue_goes_out_once(issue):
    SubscriberFactory()
    services.send_newsletter(issue=issue, absolute_url=absolute)
    with pytest.raises(services.AlreadySent):
        services.send_newsletter(issue=issue, absolute_url=absolute)
    issue.refresh_from_db()
    assert issue.sent_at is not None and issue.recipient_count == 1


def test_the_send_newsletter_command_queues_an_issue(issue):
    SubscriberFactory(email="reader@example.org")
    out = io.StringIO()
    call_command("send_newsletter", issue.pk, base_url="https://portal.example/", stdout=out)
    assert "queued for 1 subscribers" in out.getvalue()
    run_worker()
    assert "https://portal.example/en/conversations/" in mail.outbox[0].body
    with pytest.raises(CommandError, match="already sent"):
        call_command("send_newsletter", issue.pk, base_url="https://portal.example")


def test_editors_send_an_issue_from_the_admin(editor_client, issue):
    SubscriberFactory(email="reader@example.org")
    response = editor_client.post(
        "/admin/blog/newsletterissue/",
        {"action": "send_selected", "_selected_action": [issue.pk]},
        follow=True,
    )
    assert "is on its way to 1 subscriber." in response.content.decode()
    run_worker()
    assert "http://testserver/en/conversations/newsletter/unsubscribe/" in mail.outbox[0].body


def unsubscribe_path(subscriber):
    return f"/en/conversations/newsletter/unsubscribe/{subscriber.unsubscribe_token}/"


def test_unsubscribing_needs_no_login_and_opening_the_link_alone_changes_nothing(db):
    subscriber = SubscriberFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.get(unsubscribe_path(subscriber))
    assert response.status_code == 200
    assert "Unsubscribe from the newsletter" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED
    response = client.post(unsubscribe_path(subscriber))
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # Pressing it again is harmless.
    assert client.post(unsubscribe_path(subscriber)).status_code == 200


def test_mail_programs_unsubscribe_with_one_click(db):
    """RFC 8058: a POST of List-Unsubscribe=One-Click, without cookies or CSRF token."""
    subscriber = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_path(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_an_unknown_unsubscribe_link_gives_a_clear_page(client, db):
    SubscriberFactory()
    for response in [
        client.get("/en/conversations/newsletter/unsubscribe/not-a-token/"),
        client.post("/en/conversations/newsletter/unsubscribe/not-a-token/"),
    ]:
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


# -- Export ---------------------------------------------------------------------------


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_export_has_confirmed_subscribers_only(editor_client, db):
    SubscriberFactory(email="b.reader@example.org")
    SubscriberFactory(email="a.reader@example.org")
    SubscriberFactory(email="waiting@example.org", pending=True)
    SubscriberFactory(email="gone@example.org", unsubscribed=True)
    response = editor_client.get("/admin/blog/subscriber/export/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="newsletter-')
    rows = read_csv(response)
    assert rows[0] == ["email", "confirmed_at", "consent_at"]
    assert [row[0] for row in rows[1:]] == ["a.reader@example.org", "b.reader@example.org"]
    assert "Export confirmed subscribers (CSV)" in (
        editor_client.get("/admin/blog/subscriber/").content.decode()
    )


def test_the_export_action_leaves_out_selected_addresses_that_are_not_confirmed(editor_client, db):
    chosen = [
        SubscriberFactory(email="reader@example.org"),
        SubscriberFactory(email="waiting@example.org", pending=True),
    ]
    SubscriberFactory(email="not.selected@example.org")
    response = editor_client.post(
        "/admin/blog/subscriber/",
        {"action": "export_confirmed", "_selected_action": [s.pk for s in chosen]},
    )
    assert [row[0] for row in read_csv(response)[1:]] == ["reader@example.org"]


def test_the_export_cannot_smuggle_a_formula_into_a_spreadsheet(editor_client, db):
    SubscriberFactory(email='=HYPERLINK("http://evil.example")@example.org')
    SubscriberFactory(email="+1@example.org")
    emails = [row[0] for row in read_csv(editor_client.get("/admin/blog/subscriber/export/"))[1:]]
    assert emails == ["'+1@example.org", '\'=HYPERLINK("http://evil.example")@example.org']


def test_staff_who_are_not_editors_cannot_export(staff_client, db):
    SubscriberFactory()
    assert staff_client.get("/admin/blog/subscriber/export/").status_code == 403


def test_editors_cannot_add_or_edit_subscribers_by_hand(editor_client, db):
    subscriber = SubscriberFactory(email="reader@example.org")
    assert editor_client.get("/admin/blog/subscriber/add/").status_code == 403
    editor_client.post(
        f"/admin/blog/subscriber/{subscriber.pk}/change/", {"email": "changed@example.org"}
    )
    subscriber.refresh_from_db()
    assert subscriber.email == "reader@example.org"


def test_confirmation_links_last_48_hours(client, clock, db):
    sign_up(client)
    path = confirmation_path("ana@example.org")
    clock.advance(hours=47)
    assert client.get(path).status_code == 200
    clock.advance(hours=2)
    assert client.get(path).status_code == 410
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmation_expires_at - subscriber.confirmation_sent_at == timedelta(
        hours=48
    )


def test_addresses_never_confirmed_are_forgotten_a_month_after_their_link_expired(
    client, clock, db
):
    sign_up(client, email="never@example.org")
    SubscriberFactory(email="reader@example.org")
    clock.advance(days=31)  # the link expired 29 days ago: still kept
    sign_up(Client(REMOTE_ADDR="203.0.113.8"), email="someone.else@example.org")
    assert Subscriber.objects.filter(email="never@example.org").exists()
    clock.advance(days=2)
    sign_up(Client(REMOTE_ADDR="203.0.113.9"), email="someone.else@example.org")
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "reader@example.org",
        "someone.else@example.org",
    }
