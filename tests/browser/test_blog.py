"""Conversations on Integration in a real browser: the newsletter's double opt-in and
one-click unsubscribe, and a comment that waits for an editor."""

import re

import pytest
from django.core import mail

from blog import services
from blog.models import Comment, NewsletterIssue, Subscriber, SubscriberStatus
from tests.blog.conftest import run_worker
from tests.factories import PostFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/en/conversations/newsletter/confirm/[\w-]+/)")


def status_of(email):
    return Subscriber.objects.get(email=email).status


def test_a_reader_subscribes_confirms_and_unsubscribes_in_a_browser(page, live_server, themes):
    post = PostFactory(title="The Immigrant Futures Toolkit is here")
    page.goto("/en/conversations/")

    footer = page.locator(".newsletter-footer")
    footer.get_by_label("Your e-mail").fill("reader@example.org")
    consent = footer.get_by_label("Yes, send me the newsletter. I can unsubscribe at any time.")
    assert not consent.is_checked()
    consent.check()
    footer.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/conversations/newsletter/check-your-inbox/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"
    assert status_of("reader@example.org") == SubscriberStatus.PENDING

    # The confirmation e-mail: opening its link shows a page but confirms nothing.
    run_worker()
    [message] = mail.outbox
    confirm_path = CONFIRM_LINK.search(message.body)[1]
    page.goto(confirm_path)
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm your subscription"
    assert status_of("reader@example.org") == SubscriberStatus.PENDING
    page.get_by_role("button", name="Yes, subscribe me").click()
    page.wait_for_url("**/conversations/newsletter/confirmed/")
    assert page.get_by_role("heading", level=1).inner_text() == "You are subscribed"
    assert status_of("reader@example.org") == SubscriberStatus.CONFIRMED

    # The link is single-use.
    page.goto(confirm_path)
    assert page.get_by_role("heading", level=1).inner_text() == "This link does not work"

    # A newsletter arrives with an unsubscribe link that needs no login.
    issue = NewsletterIssue.objects.create(subject="News from the field")
    issue.posts.add(post)
    services.send_newsletter(issue=issue, absolute_url=lambda path: f"{live_server.url}{path}")
    mail.outbox.clear()
    run_worker()
    [newsletter] = mail.outbox
    assert post.title in newsletter.body
    unsubscribe_url = newsletter.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url in newsletter.body
    page.goto(unsubscribe_url)
    assert status_of("reader@example.org") == SubscriberStatus.CONFIRMED
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are unsubscribed"
    assert status_of("reader@example.org") == SubscriberStatus.UNSUBSCRIBED


def test_a_reader_comments_and_the_comment_appears_once_approved(page, themes):
    post = PostFactory(title="Immigrant friendly, or immigrant competent?")
    page.goto(post.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Ana Reader")
    form.get_by_label("Your e-mail").fill("ana.reader@example.org")
    form.get_by_label("Your comment").fill("Our library runs <b>conversation circles</b>.")
    page.wait_for_timeout(3100)  # people take a few seconds; bots that post at once are refused
    form.get_by_role("button", name="Send for moderation").click()
    page.wait_for_url(f"**{post.get_absolute_url()}#comment-sent")
    # The thank-you is where the reader is: on screen, and focused for screen readers.
    thanks = page.locator("#comment-sent")
    assert "will appear once an editor has read and approved it" in thanks.inner_text()
    assert thanks.evaluate("el => el === document.activeElement")
    box, height = thanks.bounding_box(), page.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height
    assert page.locator(".comment").count() == 0

    Comment.objects.all().approve()
    page.reload()
    comment = page.locator(".comment")
    assert comment.count() == 1
    assert "<b>conversation circles</b>" in comment.inner_text()  # shown as text
    assert "ana.reader@example.org" not in page.content()
