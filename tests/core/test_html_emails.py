"""Every e-mail the portal sends has a plain-text body and an HTML alternative in the
portal's look, built from the same context: the same links in both, real link text, a
heading and the language declared (issue 10)."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail

from blog import services as blog_services
from blog.models import NewsletterIssue
from events import emails as event_emails
from goodideas.services import notify_editors
from tests.factories import (
    EventFactory,
    GoodIdeaFactory,
    PostFactory,
    RegistrationFactory,
    SubscriberFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

BASE = "https://portal.example"
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+")
VAGUE_LINK_TEXT = {"here", "click here", "link", "this link", "more"}


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []  # (href, text)
        self.h1 = 0
        self.lang = None
        self._href = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "a":
            self._href, self._text = attrs.get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def absolute(path):
    return f"{BASE}{path}"


def _every_email(themes):
    """Send one of each e-mail the portal sends; return the messages by name."""
    webinar = EventFactory(title="Mentoring newcomer entrepreneurs", capacity=1)
    confirmed = RegistrationFactory(event=webinar, email="seat@example.org")
    waiting = RegistrationFactory(event=webinar, email="waiting@example.org", waitlisted=True)
    sent = {}

    def capture(name, queue):
        mail.outbox.clear()
        queue()
        run_tasks()
        [message] = mail.outbox
        sent[name] = message

    capture("confirmed", lambda: event_emails.queue_registration_email(confirmed, BASE))
    capture("waitlisted", lambda: event_emails.queue_registration_email(waiting, BASE))
    capture("promoted", lambda: event_emails.queue_promotion_email(confirmed, BASE))
    capture(
        "day reminder",
        lambda: event_emails.queue_reminder_email(confirmed, which="day", base_url=BASE),
    )
    capture(
        "hour reminder",
        lambda: event_emails.queue_reminder_email(confirmed, which="hour", base_url=BASE),
    )
    capture(
        "registration cancelled",
        lambda: event_emails.queue_self_cancellation_email(waiting, BASE),
    )
    capture("event cancelled", lambda: event_emails.queue_event_cancelled_email(confirmed, BASE))
    capture(
        "newsletter confirmation",
        lambda: blog_services.request_subscription(
            email="new-reader@example.org", absolute_url=absolute
        ),
    )
    issue = NewsletterIssue.objects.create(subject="November news", introduction="Hello.")
    issue.posts.set([PostFactory(title="Toolkit launched")])
    SubscriberFactory(email="reader@example.org")
    capture(
        "newsletter issue",
        lambda: blog_services.send_newsletter(issue=issue, absolute_url=absolute),
    )
    idea = GoodIdeaFactory(title="Neighbours at the table", in_review=True)
    capture("proposal notification", lambda: notify_editors(idea, site_url=BASE + "/"))
    return sent, webinar


def test_every_email_has_a_text_body_and_an_html_alternative_with_the_same_links(themes):
    sent, webinar = _every_email(themes)
    assert len(sent) == 10
    for name, message in sent.items():
        assert message.content_subtype == "plain", name
        assert message.body.strip(), name
        [(html, mimetype)] = message.alternatives
        assert mimetype == "text/html", name

        page = LinkCollector()
        page.feed(html)
        assert page.lang == "en", name
        assert page.h1 == 1, name
        html_links = {href for href, _text in page.links}
        text_links = set(URL_IN_TEXT.findall(message.body))
        assert text_links, name
        assert html_links == text_links, name
        for href, text in page.links:
            assert text and text.lower() not in VAGUE_LINK_TEXT, (name, href)
            assert text != href, (name, "the link text should say where it goes")
        # The e-mail's look is the portal's: its name and colours, with no remote assets.
        assert "Cities of Migration" in html
        assert "<img" not in html and "<link" not in html


def test_the_html_version_says_what_the_text_says(themes):
    sent, webinar = _every_email(themes)
    confirmation = sent["confirmed"]
    [(html, _mimetype)] = confirmation.alternatives
    for words in ("Your place is confirmed", webinar.title, "keep this link to yourself"):
        assert words in confirmation.body
        assert words in html
    # Only confirmed registrants get the join link, in both versions.
    assert webinar.join_url in html
    [(waitlist_html, _mimetype)] = sent["waitlisted"].alternatives
    assert webinar.join_url not in waitlist_html
    assert webinar.join_url not in sent["waitlisted"].body


def test_names_typed_by_the_public_are_escaped_in_the_html_version(themes):
    event = EventFactory()
    registration = RegistrationFactory(event=event, name="<b>Mallory</b> & co")
    event_emails.queue_registration_email(registration, BASE)
    run_tasks()
    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    assert "&lt;b&gt;Mallory&lt;/b&gt; &amp; co" in html
    assert "<b>Mallory</b>" not in html
    assert "Hello <b>Mallory</b> & co," in message.body  # plain text stays as typed


@pytest.mark.parametrize("name", ["contact_request", "contact_request_editors", "contact_reply"])
def test_the_contact_relay_emails_have_both_versions_with_the_same_links(themes, name):
    """The relay's e-mails (goodideas/contact.py) as templates, rendered from one context."""
    from types import SimpleNamespace

    from citiesofmigration.emails import render_email

    idea = GoodIdeaFactory(title="Mentors & neighbours")
    context = {
        "contact_request": SimpleNamespace(name="Bo <Visitor>", message="Hello.\nCan we talk?"),
        "idea": idea,
        "idea_url": absolute(idea.get_absolute_url()),
        "reply_url": absolute("/en/good-ideas/contact-reply/abc/"),
        "keep_days": 30,
        "reply": "Happy to talk.",
    }
    text, html = render_email(f"goodideas/email/{name}", context)
    page = LinkCollector()
    page.feed(html)
    assert page.lang == "en" and page.h1 == 1
    assert {href for href, _text in page.links} == set(URL_IN_TEXT.findall(text))
    assert "Bo &lt;Visitor&gt;" in html or name == "contact_reply"
