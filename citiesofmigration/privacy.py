"""Everything the portal holds about one e-mail address: find it, export it, erase it.

One service for the whole portal, used by the admin page ("Everything held about one
e-mail address") and by ``manage.py personal_data find|export|erase EMAIL``, so that an
access or deletion request (Canadian privacy practice: PIPEDA principles 4.9 and 4.5.3)
is answered the same way wherever it is made.

Each *source* below knows one place where an address or a name is kept:

- event registrations (erased through ``events.services``, so a seat held for an event
  still to come goes to the next person waiting);
- newsletter subscribers (deleted: the newsletter stops);
- comments (deleted, or, if the editors choose, the text kept under "Anonymous" with the
  address itself removed from it);
- Good Ideas proposed through the public form (the submitter's name and e-mail removed,
  the idea kept) and Good Ideas naming the address as their contact (the contact's
  name, role, e-mail and phone removed, the idea kept);
- messages sent through the portal to a Good Idea's private contact (deleted; they are
  also deleted after ``CONTACT_REQUESTS_KEEP_DAYS``);
- e-mails queued, sent or failed in the task table (rows deleted: they hold the address,
  the person's name and their private links);
- the admin's history of changes, whose entries name the object changed (a subscriber's
  address, a registrant's name): the name is replaced by "[erased]", the entry kept;
- admin login attempts recorded by the login throttle under this address as user name
  (deleted);
- staff accounts with the address: listed only; an account is closed by a superuser in
  Users, never as a side effect of a request.

Not held anywhere: rate-limit logs keep only a salted hash of the client's IP address,
never an e-mail address, so nothing there links to a person's address.

Addresses match without regard to case. Sections with an e-mail field match the whole
address; free text (e-mail bodies, tracebacks, admin history) matches the address as a
whole word, so erasing ana@example.org leaves hana@example.org alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from blog.models import Comment, Subscriber
from events import services as event_services
from goodideas.models import ContactRequest, GoodIdea

ERASED = "[erased]"
REMOVED_ADDRESS = "[e-mail removed]"


class InvalidAddress(ValueError):
    """Not an e-mail address: refusing is safer than matching everything."""


def normalise(email: str) -> str:
    """The address to look for, or InvalidAddress. An empty or partial string would
    match far too much in free text, so only a valid address is accepted."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidAddress(_("Enter a valid e-mail address.")) from None
    return email


def address_pattern(email: str) -> str:
    """A PostgreSQL (and Python) regular expression finding ``email`` as a whole word:
    not preceded by a character an address may hold, not followed by one (a full stop
    ending a sentence is fine)."""
    return r"(?<![A-Za-z0-9._%+\-])" + re.escape(email) + r"(?![A-Za-z0-9_\-])(?!\.[A-Za-z0-9])"


def _iso(value):
    return value.isoformat() if value else None


@dataclass
class Section:
    """What one source holds about the address."""

    key: str
    title: str
    on_erase: str
    items: list[dict] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    on_erase: str
    find: Callable[[str], list[dict]]
    # Returns how many records were erased or changed; None: this source is never erased.
    erase: Callable[..., int] | None


# -- event registrations ---------------------------------------------------------------


def _find_registrations(email):
    return event_services.personal_data_for(email)


def _erase_registrations(email, *, base_url=None, **options):
    return event_services.erase_personal_data(email, base_url=base_url)


# -- newsletter ------------------------------------------------------------------------


def _find_subscribers(email):
    return [
        {
            "email": subscriber.email,
            "status": subscriber.status,
            "signed_up_at": _iso(subscriber.created_at),
            "consent_at": _iso(subscriber.consent_at),
            "confirmed_at": _iso(subscriber.confirmed_at),
            "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        }
        for subscriber in Subscriber.objects.with_email(email)
    ]


def _erase_subscribers(email, **options):
    return Subscriber.objects.with_email(email).delete()[0]


# -- comments --------------------------------------------------------------------------


def _find_comments(email):
    comments = Comment.objects.filter(email__iexact=email).select_related("post")
    return [
        {
            "post": comment.post.title,
            "name": comment.name,
            "email": comment.email,
            "comment": comment.body,
            "status": comment.status,
            "sent_at": _iso(comment.created_at),
        }
        for comment in comments.order_by("created_at", "pk")
    ]


def _erase_comments(email, *, keep_comment_text=False, **options):
    comments = Comment.objects.filter(email__iexact=email)
    if not keep_comment_text:
        return comments.delete()[0]
    # Kept under "Anonymous": the page shows an empty name as "Anonymous" in the reader's
    # language. The address itself is taken out of the text too.
    pattern = re.compile(address_pattern(email), re.IGNORECASE)
    count = 0
    for comment in comments:
        comment.name = ""
        comment.email = ""
        comment.body = pattern.sub(REMOVED_ADDRESS, comment.body)
        comment.save(update_fields=["name", "email", "body"])
        count += 1
    return count


# -- Good Ideas ------------------------------------------------------------------------


def _find_submitted_ideas(email):
    return [
        {
            "idea": idea.title,
            "status": idea.status,
            "submitter_name": idea.submitter_name,
            "submitter_email": idea.submitter_email,
            "proposed_at": _iso(idea.created_at),
        }
        for idea in GoodIdea.objects.filter(submitter_email__iexact=email).order_by("pk")
    ]


def _erase_submitted_ideas(email, **options):
    # update(), not save(): the idea stays exactly as the editors have it.
    return GoodIdea.objects.filter(submitter_email__iexact=email).update(
        submitter_name="", submitter_email="", updated_at=timezone.now()
    )


def _find_idea_contacts(email):
    return [
        {
            "idea": idea.title,
            "contact_name": idea.contact_name,
            "contact_role": idea.contact_role,
            "contact_email": idea.contact_email,
            "contact_phone": idea.contact_phone,
        }
        for idea in GoodIdea.objects.filter(contact_email__iexact=email).order_by("pk")
    ]


def _erase_idea_contacts(email, **options):
    contact = {"contact_name": "", "contact_role": "", "contact_email": "", "contact_phone": ""}
    # Earlier versions in the editors' history hold the contact too; they lose it as well.
    GoodIdea.history.filter(contact_email__iexact=email).update(**contact)
    return GoodIdea.objects.filter(contact_email__iexact=email).update(
        **contact, updated_at=timezone.now()
    )


def _find_contact_requests(email):
    requests = ContactRequest.objects.filter(email__iexact=email).select_related("idea")
    return [
        {
            "idea": contact_request.idea.title,
            "name": contact_request.name,
            "email": contact_request.email,
            "body": contact_request.message,
            "sent_at": _iso(contact_request.created_at),
            "replied_at": _iso(contact_request.replied_at),
        }
        for contact_request in requests.order_by("created_at", "pk")
    ]


def _erase_contact_requests(email, **options):
    return ContactRequest.objects.filter(email__iexact=email).delete()[0]


# -- e-mails in the task table ---------------------------------------------------------


def _tasks_mentioning(email):
    pattern = address_pattern(email)
    return DBTaskResult.objects.annotate(
        arguments_text=Cast("args_kwargs", models.TextField()),
        result_text=Cast("return_value", models.TextField()),
    ).filter(
        models.Q(arguments_text__iregex=pattern)
        | models.Q(result_text__iregex=pattern)
        | models.Q(traceback__iregex=pattern)
    )


def _find_tasks(email):
    rows = []
    for task in _tasks_mentioning(email).order_by("enqueued_at"):
        kwargs = (task.args_kwargs or {}).get("kwargs") or {}
        rows.append(
            {
                "task": task.task_path.rsplit(".", 1)[-1],
                "status": task.status,
                "queued_at": _iso(task.enqueued_at),
                "finished_at": _iso(task.finished_at),
                "to": kwargs.get("to"),
                "subject": kwargs.get("subject"),
                "body": kwargs.get("body"),
            }
        )
    return rows


def _erase_tasks(email, **options):
    return DBTaskResult.objects.filter(
        pk__in=list(_tasks_mentioning(email).values_list("pk", flat=True))
    ).delete()[0]


# -- the admin's history ---------------------------------------------------------------


def _log_entries_mentioning(email):
    return LogEntry.objects.filter(object_repr__iregex=address_pattern(email))


def _find_log_entries(email):
    return [
        {"changed_at": _iso(entry.action_time), "object": entry.object_repr}
        for entry in _log_entries_mentioning(email).order_by("action_time")
    ]


def _erase_log_entries(email, **options):
    return _log_entries_mentioning(email).update(object_repr=ERASED)


# -- admin login attempts (django-axes) ------------------------------------------------


def _axes_models():
    # The login throttle (django-axes) keeps the name typed at the admin login, which may
    # be an e-mail address, with the client's IP address. Skipped if axes is not installed.
    if not apps.is_installed("axes"):
        return []
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessFailureLog, AccessLog]


def _find_login_attempts(email):
    rows = []
    for model in _axes_models():
        for record in model.objects.filter(username__iexact=email).order_by("attempt_time"):
            rows.append(
                {
                    "record": model._meta.verbose_name,
                    "username": record.username,
                    "ip_address": record.ip_address,
                    "attempted_at": _iso(record.attempt_time),
                }
            )
    return rows


def _erase_login_attempts(email, **options):
    return sum(model.objects.filter(username__iexact=email).delete()[0] for model in _axes_models())


# -- staff accounts --------------------------------------------------------------------


def _find_accounts(email):
    return [
        {
            "username": user.username,
            "name": user.get_full_name(),
            "email": user.email,
            "joined_at": _iso(user.date_joined),
        }
        for user in get_user_model().objects.filter(email__iexact=email).order_by("pk")
    ]


# Order matters for erasure: registrations first (cancelling one may queue e-mails), the
# task table after, the admin's history last.
SOURCES = [
    Source(
        "registrations",
        _("Event registrations"),
        _("Deleted. A seat held for an event still to come goes to the next person waiting."),
        _find_registrations,
        _erase_registrations,
    ),
    Source(
        "newsletter",
        _("Newsletter subscriptions"),
        _("Deleted: no more newsletters."),
        _find_subscribers,
        _erase_subscribers,
    ),
    Source(
        "comments",
        _("Comments"),
        _("Deleted, or kept under “Anonymous” if you choose to keep the text."),
        _find_comments,
        _erase_comments,
    ),
    Source(
        "submitted_ideas",
        _("Good Ideas proposed"),
        _("The submitter's name and e-mail are removed; the idea is kept."),
        _find_submitted_ideas,
        _erase_submitted_ideas,
    ),
    Source(
        "idea_contacts",
        _("Good Ideas naming this address as contact"),
        _("The contact's name, role, e-mail and phone are removed; the idea is kept."),
        _find_idea_contacts,
        _erase_idea_contacts,
    ),
    Source(
        "contact_requests",
        _("Messages to Good Ideas' private contacts"),
        _("Deleted (the e-mails already passed on are listed under e-mails)."),
        _find_contact_requests,
        _erase_contact_requests,
    ),
    Source(
        "emails",
        _("E-mails queued, sent or failed"),
        _("Deleted (unsent ones are not sent)."),
        _find_tasks,
        _erase_tasks,
    ),
    Source(
        "admin_history",
        _("Admin history entries naming this address"),
        _("The name of the changed object is replaced by “[erased]”."),
        _find_log_entries,
        _erase_log_entries,
    ),
    Source(
        "login_attempts",
        _("Admin login attempts under this address"),
        _("Deleted (this also lifts a lock-out on this name)."),
        _find_login_attempts,
        _erase_login_attempts,
    ),
    Source(
        "staff_accounts",
        _("Staff accounts"),
        _("Kept: a superuser closes an account in Users."),
        _find_accounts,
        None,
    ),
]


def find(email: str) -> list[Section]:
    """What every source holds about the address, section by section."""
    email = normalise(email)
    return [
        Section(source.key, source.title, source.on_erase, source.find(email)) for source in SOURCES
    ]


def export(email: str) -> dict:
    """Everything held, as one JSON-ready dictionary (the person's copy)."""
    email = normalise(email)
    data = {"email": email, "exported_at": timezone.now().isoformat()}
    for section in find(email):
        data[section.key] = section.items
    return data


def erase(email: str, *, keep_comment_text: bool = False, base_url=None) -> dict[str, int]:
    """Erase everything about the address in one transaction; returns, per section, how
    many records were deleted or changed."""
    email = normalise(email)
    counts = {}
    with transaction.atomic():
        for source in SOURCES:
            if source.erase is not None:
                counts[source.key] = source.erase(
                    email, keep_comment_text=keep_comment_text, base_url=base_url
                )
    return counts
