"""Writes that touch several rows: registering, cancelling, promoting from the waitlist,
cancelling an event, reminders and the privacy duties. Views, admin actions and
management commands call these; none of this hides in signals.

Capacity is enforced as pretix enforces quotas: inside one transaction the event's row is
locked (``SELECT ... FOR UPDATE``), the confirmed registrations are counted again, and
only then is the new registration confirmed or put on the waitlist. A partial unique
constraint on (event, lower(email)) backs "one active registration per e-mail".
E-mails are queued in the same transaction (see :mod:`events.emails`).

The public form calls :func:`register_or_remind`, which answers the same way whether or
not the address was registered: a repeated registration is told nothing on the page; the
address's owner gets its details again by e-mail, at most once an hour, decided under the
same event row lock so that a burst of duplicates sends one e-mail.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citiesofmigration.i18n import current_language
from citiesofmigration.publication import Status
from events import emails
from events.models import (
    DatePrecision,
    Event,
    Registration,
    RegistrationState,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)

# The row lock that keeps registrations within capacity. Only the concurrency test turns
# it off, to show that the test sees the race the lock prevents. Never change it elsewhere.
LOCK_EVENT_ROW = True

REMINDERS = {"day": timedelta(hours=24), "hour": timedelta(hours=1)}

# A repeated registration sends the existing one's details again at most this often, so
# that nobody can flood an address by posting the form with it. Only the concurrency
# test turns the guard off, to show what it prevents.
RESEND_EXISTING_EVERY = timedelta(hours=1)
RESEND_AT_MOST_HOURLY = True


class RegistrationRefused(Exception):
    """Nothing was saved and nothing sent; ``message`` says why, for the person."""

    def __init__(self, message, *, registration=None):
        super().__init__(str(message))
        self.message = message
        self.registration = registration


class RegistrationUnavailable(RegistrationRefused):
    pass


class AlreadyRegistered(RegistrationRefused):
    pass


class NoSeatFree(RegistrationRefused):
    pass


UNAVAILABLE_MESSAGES = {
    RegistrationState.NOT_PUBLISHED: _("This event is not open for registration."),
    RegistrationState.NOT_TAKEN: _("This event does not take registrations on this site."),
    RegistrationState.NOT_OPEN_YET: _("Registration for this event has not opened yet."),
    RegistrationState.CLOSED: _("Registration for this event has closed."),
    RegistrationState.PAST: _("This event has already taken place."),
    RegistrationState.CANCELLED: _("This event has been cancelled."),
}


def _locked_event(event_id) -> Event:
    events = Event.objects.all()
    if LOCK_EVENT_ROW:
        events = events.select_for_update()
    return events.get(pk=event_id)


@dataclass(frozen=True)
class RegistrationOutcome:
    """What :func:`register_or_remind` did. For the service's callers and tests only: the
    public page must not differ between the cases."""

    registration: Registration
    created: bool  # False: the address was already registered for the event
    resent: bool  # an e-mail went to the address (always, when created)


def register_for_event(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str = "",
    role: str = "",
    city: str = "",
    country: str = "",
    accessibility_needs: str = "",
    base_url: str | None = None,
    language: str | None = None,
) -> Registration:
    """Confirm a seat, or a place on the waitlist when every seat is taken, and queue the
    matching e-mail. Raises :class:`RegistrationRefused` (nothing saved) when the event
    does not take registrations or the e-mail address is already registered.
    ``language``: the person's, for every e-mail (default: the active language)."""
    outcome = _register(
        event=event,
        email=email,
        details={
            "name": name,
            "organisation": organisation,
            "role": role,
            "city": city,
            "country": country,
            "accessibility_needs": accessibility_needs,
        },
        base_url=base_url,
        language=language,
        remind=False,
    )
    return outcome.registration


def register_or_remind(
    *, event: Event, email: str, base_url=None, language: str | None = None, **details
) -> RegistrationOutcome:
    """The public form's service: register, or, when the address is already registered,
    e-mail that registration's details (with its status and manage link) to the address
    once an hour at most. Raises only :class:`RegistrationUnavailable`, which is about the
    event and never about a person.

    ``language`` (default: the active one, the page's) is the person's language for every
    e-mail; registering again from a page in the other language switches to it."""
    return _register(
        event=event,
        email=email,
        details=details,
        base_url=base_url,
        language=language,
        remind=True,
    )


def _resend_once_an_hour(registration: Registration, *, now, base_url, language) -> bool:
    """Called with the event row locked (as every writer of registrations does first), so
    concurrent duplicates decide one after the other and only the first sends. The
    language of the repeated registration becomes the registration's."""
    if registration.language != language:
        registration.language = language
        registration.save(update_fields=["language", "updated_at"])
    recently = registration.details_resent_at and (
        registration.details_resent_at > now - RESEND_EXISTING_EVERY
    )
    if recently and RESEND_AT_MOST_HOURLY:
        return False
    registration.details_resent_at = now
    registration.save(update_fields=["details_resent_at", "updated_at"])
    emails.queue_registration_email(registration, base_url)
    return True


def _register(*, event, email, details, base_url, language, remind) -> RegistrationOutcome:
    email = email.strip()
    language = language or current_language()
    details = {key: (value or "").strip() for key, value in details.items()}
    with transaction.atomic():
        event = _locked_event(event.pk)
        confirmed = event.registrations.confirmed().count()
        state = event.registration_state(confirmed_count=confirmed)
        if state not in (RegistrationState.OPEN, RegistrationState.WAITLIST):
            raise RegistrationUnavailable(UNAVAILABLE_MESSAGES[state])
        existing = _existing_registration(event, email)
        if existing and remind:
            resent = _resend_once_an_hour(
                existing, now=timezone.now(), base_url=base_url, language=language
            )
            return RegistrationOutcome(existing, created=False, resent=resent)
        if existing:
            raise AlreadyRegistered(
                _("This e-mail address is already registered for this event."),
                registration=existing,
            )
        now = timezone.now()
        is_confirmed = state == RegistrationState.OPEN
        try:
            with transaction.atomic():  # a savepoint: a lost race on the e-mail is not fatal
                registration = Registration.objects.create(
                    event=event,
                    status=RegistrationStatus.CONFIRMED
                    if is_confirmed
                    else RegistrationStatus.WAITLISTED,
                    email=email,
                    **details,
                    language=language,
                    consented_at=now,
                    created_at=now,
                    confirmed_at=now if is_confirmed else None,
                )
        except IntegrityError:
            # Lost a race on the e-mail (possible only without the row lock): the winner's
            # registration is committed and visible now.
            existing = _existing_registration(event, email) if remind else None
            if existing is None:
                raise AlreadyRegistered(
                    _("This e-mail address is already registered for this event.")
                ) from None
            resent = _resend_once_an_hour(
                existing, now=timezone.now(), base_url=base_url, language=language
            )
            return RegistrationOutcome(existing, created=False, resent=resent)
        emails.queue_registration_email(registration, base_url)
    return RegistrationOutcome(registration, created=True, resent=True)


def _existing_registration(event, email) -> Registration | None:
    return event.registrations.active().not_anonymised().for_email(email).first()


def resend_registration_email(*, registration: Registration, base_url=None) -> None:
    """Send the confirmation (or waitlist notice) again, with the manage link, to the
    address registered: the owner of the address gets it, nobody else."""
    if registration.is_active and not registration.event.is_past():
        with transaction.atomic():
            emails.queue_registration_email(registration, base_url)


def cancel_registration(
    *, registration: Registration, base_url=None, notify=True, by_editor=False
) -> Registration:
    """Cancel; a freed seat goes to the first person on the waitlist, who is told."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = event
        if not registration.is_active:
            return registration  # cancelling twice changes nothing
        if event.is_past() and not by_editor:
            raise RegistrationUnavailable(UNAVAILABLE_MESSAGES[RegistrationState.PAST])
        was_confirmed = registration.is_confirmed
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        if notify:
            emails.queue_self_cancellation_email(registration, base_url)
        if was_confirmed:
            promote_from_waitlist(event=event, base_url=base_url)
    return registration


def _promote(registration: Registration, base_url) -> None:
    now = timezone.now()
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = registration.promoted_at = now
    registration.save(update_fields=["status", "confirmed_at", "promoted_at", "updated_at"])
    emails.queue_promotion_email(registration, base_url)


def promote_from_waitlist(*, event: Event, base_url=None) -> list[Registration]:
    """Fill every free seat from the waitlist, first come first served, and tell each
    person promoted. Called after a cancellation and after the capacity is raised."""
    with transaction.atomic():
        event = _locked_event(event.pk)
        if event.is_cancelled or event.is_past():
            return []
        waiting = event.registrations.in_waitlist_order().select_for_update()
        if event.capacity is not None:
            free = event.capacity - event.registrations.confirmed().count()
            if free <= 0:
                return []
            waiting = waiting[:free]
        promoted = list(waiting)
        for registration in promoted:
            registration.event = event
            _promote(registration, base_url)
    return promoted


def promote_registration(*, registration: Registration, base_url=None) -> Registration:
    """An editor promotes one person from the waitlist, when a seat is free."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = event
        if not registration.is_waitlisted:
            raise RegistrationRefused(_("Only people on the waitlist can be promoted."))
        if event.is_cancelled or event.is_past():
            raise RegistrationUnavailable(_("The event is over or cancelled."))
        confirmed = event.registrations.confirmed().count()
        if event.capacity is not None and confirmed >= event.capacity:
            raise NoSeatFree(_("Every seat is taken: raise the number of seats first."))
        _promote(registration, base_url)
    return registration


def cancel_event(*, event: Event, note: str = "", base_url=None) -> int:
    """Cancel the event and tell everyone registered or waiting. Their registrations
    are kept as they were (the record of who had signed up). Returns how many were told."""
    with transaction.atomic():
        event = _locked_event(event.pk)
        if event.is_cancelled:
            return 0
        event.cancelled_at = timezone.now()
        if note:
            event.cancellation_note = note
        event.save(update_fields=["cancelled_at", "cancellation_note", "updated_at"])
        told = 0
        for registration in event.registrations.active().not_anonymised():
            registration.event = event
            emails.queue_event_cancelled_email(registration, base_url)
            told += 1
    return told


def set_attendance(*, registrations, attended: bool | None) -> int:
    return registrations.filter(status=RegistrationStatus.CONFIRMED).update(
        attended=attended, updated_at=timezone.now()
    )


def queue_due_reminders(*, now=None, base_url=None) -> dict:
    """Queue the day-before and hour-before reminders that are due. Idempotent: each
    registration records which reminders went out, and rows another run is handling are
    skipped. Someone who registered inside a window is not reminded for it (their
    confirmation has just arrived). Run it every few minutes (cron, or a worker)."""
    now = now or timezone.now()
    counts = {"day": 0, "hour": 0}
    upcoming = (
        Registration.objects.confirmed()
        .not_anonymised()
        .filter(
            event__status=Status.PUBLISHED,
            event__cancelled_at__isnull=True,
            event__date_precision=DatePrecision.TIME,
            event__start__gt=now,
        )
        .select_related("event")
    )
    windows = [
        ("hour", Q(event__start__lte=now + REMINDERS["hour"]), "hour_reminder_sent_at"),
        (
            "day",
            Q(event__start__gt=now + REMINDERS["hour"], event__start__lte=now + REMINDERS["day"]),
            "day_reminder_sent_at",
        ),
    ]
    for which, window, flag in windows:
        with transaction.atomic():
            due = (
                upcoming.filter(window, **{f"{flag}__isnull": True})
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")
            )
            for registration in due:
                registered_in_window = registration.confirmed_at and (
                    registration.confirmed_at > registration.event.start - REMINDERS[which]
                )
                if not registered_in_window:
                    emails.queue_reminder_email(registration, which=which, base_url=base_url)
                    counts[which] += 1
                setattr(registration, flag, now)
                fields = [flag]
                if which == "hour" and registration.day_reminder_sent_at is None:
                    registration.day_reminder_sent_at = now  # too late for the day-before one
                    fields.append("day_reminder_sent_at")
                registration.save(update_fields=[*fields, "updated_at"])
    return counts


# -- privacy -----------------------------------------------------------------------------


def anonymise_after_days() -> int:
    """How long after an event its registrations keep personal data (the privacy notice
    states it): settings.EVENTS_ANONYMISE_AFTER_DAYS, 90 days unless set."""
    return int(getattr(settings, "EVENTS_ANONYMISE_AFTER_DAYS", 90))


def anonymise_registrations(*, after: timedelta, now=None) -> int:
    """Remove the personal data of registrations for events that ended more than
    ``after`` ago. Kept: the status, attendance and country, for counts only."""
    now = now or timezone.now()
    return (
        Registration.objects.not_anonymised()
        .filter(event__end__lt=now - after)
        .update(
            name="",
            email="",
            organisation="",
            role="",
            city="",
            accessibility_needs="",
            manage_key="",
            anonymised_at=now,
            updated_at=now,
        )
    )


def personal_data_for(email: str) -> list[dict]:
    """Everything the Learning Exchange holds about one e-mail address."""
    registrations = (
        Registration.objects.not_anonymised().for_email(email).select_related("event")
    ).order_by("created_at", "pk")
    return [registration.personal_data() for registration in registrations]


def erase_personal_data(email: str, *, base_url=None) -> int:
    """Delete every registration of one e-mail address. A seat it held for an event
    still to come goes to the waitlist first. Returns how many were deleted."""
    with transaction.atomic():
        registrations = list(Registration.objects.not_anonymised().for_email(email))
        for registration in registrations:
            if registration.is_active:
                cancel_registration(
                    registration=registration, base_url=base_url, notify=False, by_editor=True
                )
        return Registration.objects.filter(pk__in=[r.pk for r in registrations]).delete()[0]
