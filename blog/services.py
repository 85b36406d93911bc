"""Writes that touch several models or send e-mail: comments, the newsletter's double
opt-in, and sending a newsletter issue. Views and admin actions call these.

Languages (issue 11): a comment and a subscription record the language of the page they
were sent from. A subscriber's e-mails (the confirmation, the issues) are written in
theirs, with links to pages in it, and an issue goes only to the subscribers of its
language."""

from django.contrib.auth.base_user import BaseUserManager
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.models import (
    Comment,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)
from citiesofmigration.emails import in_language, queue_templated_email
from citiesofmigration.i18n import current_language


class InvalidLink(Exception):
    """A confirmation link that is unknown, tampered with or already used."""


class ExpiredLink(InvalidLink):
    """A confirmation link whose time is up."""


class AlreadySent(Exception):
    """A newsletter issue goes out once."""


def submit_comment(*, post, name, email, body, language: str | None = None) -> Comment:
    """Store a reader's comment for moderation; nothing is shown until an editor approves.
    ``language``: the reader's (default: the active one, the page's)."""
    return Comment.objects.create(
        post=post, name=name, email=email, body=body, language=language or current_language()
    )


@transaction.atomic
def request_subscription(*, email: str, absolute_url, language: str | None = None) -> None:
    """Start the double opt-in for ``email``: a pending subscriber and a confirmation
    e-mail. Returns nothing on purpose: whatever the address's state (new, pending,
    confirmed, unsubscribed), the person asking is told the same thing.

    ``absolute_url(path)`` builds the link in the e-mail (``request.build_absolute_uri``).
    ``language`` (default: the active one, the page's) is the newsletter's language for
    this address; signing up again from a page in the other language switches to it.
    """
    language = language or current_language()
    Subscriber.objects.never_confirmed().delete()
    email = BaseUserManager.normalize_email(email.strip())
    subscriber = Subscriber.objects.select_for_update().with_email(email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=email, consent_at=timezone.now(), language=language
                )
        except IntegrityError:
            return  # the same address was signed up a moment ago, by a parallel request
    elif subscriber.status == SubscriberStatus.CONFIRMED:
        # Already receives the newsletter: nothing to send, nothing to disclose; the
        # issues now come in the language of this sign-up.
        if subscriber.language != language:
            subscriber.language = language
            subscriber.save(update_fields=["language"])
        return
    elif subscriber.status == SubscriberStatus.PENDING and not subscriber.may_resend_confirmation:
        return  # a confirmation e-mail left minutes ago; do not flood the inbox
    subscriber.status = SubscriberStatus.PENDING
    subscriber.consent_at = timezone.now()
    subscriber.language = language
    token = subscriber.issue_confirmation_token()
    subscriber.save()
    with in_language(language):
        confirm_url = absolute_url(reverse("blog:newsletter_confirm", kwargs={"token": token}))
        queue_templated_email(
            template="blog/email/confirm_subscription",
            context={"confirm_url": confirm_url},
            subject=_("Please confirm your subscription to Conversations on Integration"),
            to=[subscriber.email],
            language=language,
        )


@transaction.atomic
def confirm_subscription(*, token: str) -> Subscriber:
    """Confirm the subscription a link belongs to; the link then stops working."""
    subscriber = Subscriber.objects.select_for_update().with_confirmation_token(token).first()
    if subscriber is None:
        raise InvalidLink
    if subscriber.confirmation_has_expired:
        raise ExpiredLink
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.confirmation_token_hash = ""
    subscriber.confirmation_expires_at = None
    subscriber.save()
    return subscriber


@transaction.atomic
def unsubscribe(*, token: str) -> Subscriber | None:
    """Stop the newsletter for the owner of this unsubscribe token; repeating it is
    harmless. Returns None for an unknown token."""
    subscriber = Subscriber.objects.select_for_update().filter(unsubscribe_token=token).first()
    if subscriber is None:
        return None
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.confirmation_token_hash = ""
        subscriber.confirmation_expires_at = None
        subscriber.save()
    return subscriber


def unsubscribe_headers(unsubscribe_url: str) -> dict:
    """RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that POSTs to the
    link, with no login and no page to fill in."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def send_newsletter(*, issue: NewsletterIssue, absolute_url) -> int:
    """Queue the issue to every confirmed subscriber of its language, each e-mail with its
    own one-click unsubscribe link and headers, written in that language (the posts'
    titles and summaries, falling back to English where a post has no translation; links
    to pages in that language). The issue row is locked, so it goes out once."""
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.sent_at is not None:
        raise AlreadySent
    count = 0
    with in_language(issue.language):
        posts = [
            {"post": post, "url": absolute_url(post.get_absolute_url())}
            for post in issue.posts.published().newest_first().with_authors()
        ]
        subscribers = Subscriber.objects.confirmed().filter(language=issue.language)
        for subscriber in subscribers.order_by("pk").iterator():
            unsubscribe_url = absolute_url(
                reverse(
                    "blog:newsletter_unsubscribe", kwargs={"token": subscriber.unsubscribe_token}
                )
            )
            queue_templated_email(
                template="blog/email/newsletter",
                context={"issue": issue, "posts": posts, "unsubscribe_url": unsubscribe_url},
                subject=issue.subject,
                to=[subscriber.email],
                language=issue.language,
                headers=unsubscribe_headers(unsubscribe_url),
            )
            count += 1
    issue.sent_at = timezone.now()
    issue.recipient_count = count
    issue.save(update_fields=["sent_at", "recipient_count"])
    return count
