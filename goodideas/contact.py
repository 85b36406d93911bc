"""The private-contact relay: a visitor writes to a Good Idea's private contact without
either learning the other's address until the contact chooses to reply.

1. :func:`send_contact_request` stores the request and queues one e-mail to the contact
   (the visitor's *name* and message, a link to reply; never the visitor's address) and a
   copy for the editors (no address of either side, and no reply link: only the contact
   answers).
2. The contact opens the link and writes a reply; :func:`send_reply` queues it to the
   visitor from the portal with ``Reply-To`` set to the contact's address: by replying,
   the contact chooses to reveal it (the reply form says so). One reply per request.
3. :func:`prune_contact_requests` (daily, ``run_periodic``) deletes requests older than
   ``CONTACT_REQUESTS_KEEP_DAYS``; the privacy service finds and erases them by address.

Every e-mail goes through ``mail.queue_email``: stored with the request in one
transaction, sent by the background worker.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citiesofmigration.emails import queue_templated_email
from goodideas.models import ContactRequest, GoodIdea

# The longest reply_token the model holds; longer values in a link are no token of ours.
MAX_TOKEN_LENGTH = ContactRequest._meta.get_field("reply_token").max_length


class AlreadyReplied(Exception):
    """The contact has already answered this request (one reply per request)."""


def takes_contact_requests(idea: GoodIdea) -> bool:
    """A published idea whose contact is private but known to the editors."""
    return bool(idea.is_public and idea.contact_is_private and idea.contact_email)


def new_reply_token() -> str:
    return secrets.token_urlsafe(32)  # 43 characters, 256 bits


def find_request(token: str) -> ContactRequest | None:
    """The request a reply link belongs to, or None (unknown, cut or overlong token, or an
    idea whose contact has since been removed)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    contact_request = (
        ContactRequest.objects.select_related("idea").filter(reply_token=token).first()
    )
    if contact_request is None or not contact_request.idea.contact_email:
        return None
    return contact_request


@transaction.atomic
def send_contact_request(
    *, idea: GoodIdea, name: str, email: str, message: str, site_url: str
) -> ContactRequest:
    """Store the request and queue the e-mails to the contact and to the editors.
    ``site_url`` (e.g. ``https://example.org/``) makes the reply link absolute."""
    contact_request = ContactRequest.objects.create(
        idea=idea, name=name, email=email, message=message, reply_token=new_reply_token()
    )
    reply_path = reverse("goodideas:contact_reply", args=[contact_request.reply_token])
    context = {
        "contact_request": contact_request,
        "idea": idea,
        "idea_url": site_url.rstrip("/") + idea.get_absolute_url(),
        "reply_url": site_url.rstrip("/") + reply_path,
        "keep_days": settings.CONTACT_REQUESTS_KEEP_DAYS,
    }
    subject = _("A message about “%(title)s” from Cities of Migration") % {"title": idea.title}
    queue_templated_email(
        template="goodideas/email/contact_request",
        context=context,
        subject=subject,
        to=[idea.contact_email],
    )
    queue_templated_email(
        template="goodideas/email/contact_request_editors",
        context=context,
        subject=_("[Cities of Migration] Message passed on to the contact of “%(title)s”")
        % {"title": idea.title},
        to=settings.EDITORS_EMAIL,
    )
    return contact_request


@transaction.atomic
def send_reply(*, contact_request: ContactRequest, message: str, site_url: str) -> None:
    """Queue the contact's reply to the visitor, Reply-To the contact's address. Raises
    AlreadyReplied when the request has been answered (also by a concurrent submission:
    the row is locked)."""
    locked = ContactRequest.objects.select_for_update().get(pk=contact_request.pk)
    if locked.replied_at is not None:
        raise AlreadyReplied
    idea = contact_request.idea
    context = {
        "contact_request": locked,
        "idea": idea,
        "idea_url": site_url.rstrip("/") + idea.get_absolute_url(),
        "reply": message,
    }
    queue_templated_email(
        template="goodideas/email/contact_reply",
        context=context,
        subject=_("A reply about “%(title)s” from Cities of Migration") % {"title": idea.title},
        to=[locked.email],
        headers={"Reply-To": idea.contact_email},
    )
    locked.replied_at = timezone.now()
    locked.save(update_fields=["replied_at"])
    contact_request.replied_at = locked.replied_at


def prune_contact_requests(*, keep_days: int | None = None) -> int:
    """Delete requests older than ``keep_days`` (default CONTACT_REQUESTS_KEEP_DAYS)."""
    if keep_days is None:
        keep_days = settings.CONTACT_REQUESTS_KEEP_DAYS
    cutoff = timezone.now() - timedelta(days=keep_days)
    return ContactRequest.objects.filter(created_at__lt=cutoff).delete()[0]
