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

Languages (issue 11): the request records the visitor's language (the page they wrote
from); the contact's reply reaches them in it, with links to pages in it. The e-mail to
the contact is in the contact's language when the portal knows it (the contact proposed
the idea: ``submitter_language``), else in the visitor's, the language of the message it
carries. The editors' copy is in the editors' language.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citiesofmigration.emails import EDITORS_LANGUAGE, in_language, queue_templated_email
from citiesofmigration.i18n import current_language
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


def contact_language(idea: GoodIdea, contact_request: ContactRequest) -> str:
    """The language of the e-mail to the idea's contact: theirs when the contact is the
    person who proposed the idea, else the language the visitor wrote in."""
    contact, submitter = idea.contact_email.strip().lower(), idea.submitter_email.strip().lower()
    if contact and contact == submitter:
        return idea.submitter_language
    return contact_request.language


def _context(contact_request: ContactRequest, idea: GoodIdea, site_url: str, **extra) -> dict:
    """Links to the pages in the active language."""
    return {
        "contact_request": contact_request,
        "idea": idea,
        "idea_url": site_url.rstrip("/") + idea.get_absolute_url(),
        **extra,
    }


@transaction.atomic
def send_contact_request(
    *,
    idea: GoodIdea,
    name: str,
    email: str,
    message: str,
    site_url: str,
    language: str | None = None,
) -> ContactRequest:
    """Store the request and queue the e-mails to the contact and to the editors.
    ``site_url`` (e.g. ``https://example.org/``) makes the reply link absolute.
    ``language``: the visitor's (default: the active one, the page's)."""
    contact_request = ContactRequest.objects.create(
        idea=idea,
        name=name,
        email=email,
        message=message,
        reply_token=new_reply_token(),
        language=language or current_language(),
    )
    for recipients, template, subject, recipients_language in [
        (
            [idea.contact_email],
            "goodideas/email/contact_request",
            _("A message about “%(title)s” from Cities of Migration"),
            contact_language(idea, contact_request),
        ),
        (
            settings.EDITORS_EMAIL,
            "goodideas/email/contact_request_editors",
            _("[Cities of Migration] Message passed on to the contact of “%(title)s”"),
            EDITORS_LANGUAGE,
        ),
    ]:
        with in_language(recipients_language):
            reply_path = reverse("goodideas:contact_reply", args=[contact_request.reply_token])
            context = _context(
                contact_request,
                idea,
                site_url,
                reply_url=site_url.rstrip("/") + reply_path,
                keep_days=settings.CONTACT_REQUESTS_KEEP_DAYS,
            )
            queue_templated_email(
                template=template,
                context=context,
                subject=str(subject) % {"title": idea.title},
                to=recipients,
                language=recipients_language,
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
    # In the visitor's language, whichever page the contact replied from.
    with in_language(locked.language):
        queue_templated_email(
            template="goodideas/email/contact_reply",
            context=_context(locked, idea, site_url, reply=message),
            subject=_("A reply about “%(title)s” from Cities of Migration") % {"title": idea.title},
            to=[locked.email],
            language=locked.language,
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
