"""The Learning Exchange's e-mails, queued through the shared ``mail.queue_email`` inside
the caller's transaction: if the registration rolls back nothing is sent, and once it
commits the background worker sends (and retries) it. No web request waits on SMTP.

Only e-mails to *confirmed* registrants carry the join link (in the text and in the
.ics attachment).

Every e-mail is written in the registrant's language (``Registration.language``, the
language of the page they registered on): the subject, both bodies, the dates and times,
the calendar file, and links to that language's pages (``/fr/…``)."""

from django.utils.translation import gettext_lazy as _

from citiesofmigration.emails import in_language, queue_templated_email
from events import calendar, links, when
from events.models import Registration


def _context(registration: Registration, base_url: str | None, **extra):
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "when": when.describe_with_zone(event),
        "elsewhere": when.in_major_zones(event),
        "place": event.place,
        "event_url": links.absolute(event.get_absolute_url(), base_url),
        "manage_url": links.manage_url(registration, base_url),
        # The join link: for confirmed registrants only.
        "join_url": event.join_url
        if registration.is_confirmed and event.is_online and not event.is_cancelled
        else "",
    }
    context.update(extra)
    return context


def _ics_attachment(registration: Registration, base_url: str | None):
    content = calendar.for_registrant(
        registration,
        url_for=lambda item: links.absolute(item.get_absolute_url(), base_url),
        domain=links.site_domain(base_url),
    )
    return {
        "filename": "event.ics",
        "content": content.decode("utf-8"),
        "mimetype": "text/calendar; charset=utf-8; method=PUBLISH",
    }


def _queue(registration, *, template, subject, base_url, attach_ics=False, **extra):
    """``subject``: a lazy translation, read in the registrant's language."""
    with in_language(registration.language):
        attachments = [_ics_attachment(registration, base_url)] if attach_ics else None
        # Plain text and HTML from the same context (citiesofmigration.emails).
        return queue_templated_email(
            template=f"events/email/{template}",
            context=_context(registration, base_url, **extra),
            subject=str(subject) % {"title": registration.event.title},
            to=[registration.email],
            language=registration.language,
            attachments=attachments,
            headers={"Auto-Submitted": "auto-generated"},
        )


def queue_registration_email(registration: Registration, base_url=None):
    """The confirmation (with the calendar file) or the waitlist notice."""
    if registration.is_confirmed:
        return _queue(
            registration,
            template="confirmed",
            subject=_("You are registered: %(title)s"),
            base_url=base_url,
            attach_ics=True,
        )
    return _queue(
        registration,
        template="waitlisted",
        subject=_("You are on the waitlist: %(title)s"),
        base_url=base_url,
    )


def queue_promotion_email(registration: Registration, base_url=None):
    return _queue(
        registration,
        template="promoted",
        subject=_("A seat is yours: %(title)s"),
        base_url=base_url,
        attach_ics=True,
    )


def queue_reminder_email(registration: Registration, *, which: str, base_url=None):
    subject = (
        _("Tomorrow: %(title)s") if which == "day" else _("Starting within the hour: %(title)s")
    )
    return _queue(
        registration, template="reminder", subject=subject, base_url=base_url, which=which
    )


def queue_self_cancellation_email(registration: Registration, base_url=None):
    return _queue(
        registration,
        template="registration_cancelled",
        subject=_("Your registration is cancelled: %(title)s"),
        base_url=base_url,
    )


def queue_event_cancelled_email(registration: Registration, base_url=None):
    return _queue(
        registration,
        template="event_cancelled",
        subject=_("Cancelled: %(title)s"),
        base_url=base_url,
        attach_ics=registration.is_confirmed,
    )
