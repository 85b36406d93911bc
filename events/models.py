"""The Integration Learning Exchange: webinars, city-to-city exchanges, conferences and
seminars, with registrations (confirmed or on a waitlist) and an archive of past events.

Writes that touch several rows (registering, cancelling, promoting from the waitlist,
cancelling an event) live in :mod:`events.services`, under a lock on the event's row.
"""

import os
import secrets
import uuid
import zoneinfo

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from citiesofmigration.i18n import language_field
from citiesofmigration.models import City, Organisation, Person, Theme, slug_errors
from citiesofmigration.publication import PublicationQuerySet, Publishable
from citiesofmigration.richtext import SanitisedHTMLField
from citiesofmigration.search import (
    SearchableQuerySet,
    aggregated_text,
    place_text,
    refresh_search_vector,
    search_indexes,
    tag_text,
)

# Addresses under /learning-exchange/ that an event's slug must not take.
RESERVED_SLUGS = {"archive", "feed", "registration"}


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as America/Toronto."),
            params={"value": value},
        )


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    EXCHANGE = "exchange", _("City-to-city exchange")
    CONFERENCE = "conference", _("Conference")
    SEMINAR = "seminar", _("Seminar")


class AttendanceMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in-person", _("In person")
    HYBRID = "hybrid", _("In person and online")


class DatePrecision(models.TextChoices):
    """How much of the date is known. Past events from the seeds sometimes give only the
    days (Copenhagen, 25 to 28 September 1997) or only the month (Vancouver, November
    1999); the portal never invents a time or a day."""

    TIME = "time", _("Start and end times")
    DAY = "day", _("Days only")
    MONTH = "month", _("Month only")


class RegistrationState(models.TextChoices):
    """What the registration form area of an event's page shows."""

    OPEN = "open", _("Open")
    WAITLIST = "waitlist", _("Full: waitlist open")
    NOT_PUBLISHED = "not-published", _("Not published")
    NOT_TAKEN = "not-taken", _("No registration on this site")
    NOT_OPEN_YET = "not-open-yet", _("Not open yet")
    CLOSED = "closed", _("Closed")
    PAST = "past", _("The event has taken place")
    CANCELLED = "cancelled", _("The event is cancelled")


class EventQuerySet(SearchableQuerySet, PublicationQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet (running ones included)."""
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())

    def not_cancelled(self):
        return self.filter(cancelled_at__isnull=True)

    def for_cards(self):
        """What a list of event cards shows, in a fixed number of queries (the venue's
        city is joined: a card names it and links to its page)."""
        return self.select_related("venue_city__country").prefetch_related(
            models.Prefetch("cities", queryset=City.objects.with_country()), "themes"
        )

    def upcoming_then_past(self, now=None):
        """Two lists from one query, for a page that shows both: the events that have not
        ended, soonest first, then those that have, most recent first."""
        now = now or timezone.now()
        events = list(self.order_by("start", "title"))
        upcoming = [event for event in events if not event.is_past(now)]
        past = [event for event in reversed(events) if event.is_past(now)]
        return upcoming, past

    def about(self, *, theme=None, city=None):
        events = self
        if theme is not None:
            events = events.filter(pk__in=Event.objects.filter(themes=theme).values("pk"))
        if city is not None:
            events = events.filter(pk__in=Event.objects.filter(cities=city).values("pk"))
        return events

    def with_registration_counts(self):
        """confirmed_count, waitlisted_count, cancelled_count: one subquery each, so a
        list of events costs the same queries however many registrations they have."""

        def count(status):
            return Subquery(
                Registration.objects.filter(event=OuterRef("pk"), status=status)
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=models.IntegerField(),
            )

        return self.annotate(
            confirmed_count=Coalesce(count(RegistrationStatus.CONFIRMED), 0),
            waitlisted_count=Coalesce(count(RegistrationStatus.WAITLISTED), 0),
            cancelled_count=Coalesce(count(RegistrationStatus.CANCELLED), 0),
        )


def _generated_name(folder, filename):
    """A stored name nobody can guess or steer (``../x``): files are served only through
    the event's download view, which checks that the event is public."""
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    extension = extension if extension.isalnum() and len(extension) <= 5 else "bin"
    return f"events/{folder}/{uuid.uuid4().hex}.{extension}"


def slides_path(instance, filename):
    return _generated_name("slides", filename)


def captions_path(instance, filename):
    return _generated_name("captions", filename)


class Event(Publishable):
    uid = models.UUIDField(
        _("calendar identifier"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stays the same when the title or address changes, so calendars update."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    summary = models.CharField(
        _("one-line summary"), max_length=300, help_text=_("Shown on cards, feeds and calendars.")
    )
    description = SanitisedHTMLField(_("description"), blank=True)

    # When. Stored in UTC; shown in the event's own time zone and a few others.
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), db_index=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/Toronto",
        validators=[validate_time_zone],
        help_text=_("The event's own time zone; start and end are entered in it."),
    )
    date_precision = models.CharField(
        _("what is known of the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.TIME,
        help_text=_("For past events whose times (or days) were never published."),
    )
    # Kept from start, in the event's time zone, for the month and year filters.
    start_month = models.CharField(_("month"), max_length=7, editable=False, db_index=True)
    start_year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)

    # Where.
    attendance_mode = models.CharField(
        _("online or in person"),
        max_length=10,
        choices=AttendanceMode.choices,
        blank=True,
        help_text=_("Leave empty only for past events where this is not known."),
    )
    join_url = models.URLField(
        _("join link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Sent only to confirmed registrants, in their confirmation and reminders. "
            "Never shown on a public page, feed or calendar file."
        ),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    venue_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("city of the venue"),
    )

    # Registration.
    takes_registrations = models.BooleanField(
        _("registration on this site"),
        default=True,
        help_text=_("Off for archived events and events that register people elsewhere."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: no limit. When all seats are taken, people join a waitlist; raising "
            "the number promotes the first people on it."
        ),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: as soon as published.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    cancellation_note = models.TextField(
        _("why it is cancelled"),
        blank=True,
        help_text=_("Shown on the event's page and sent to registrants."),
    )

    # Who and what.
    people = models.ManyToManyField(
        Person, through="EventPerson", related_name="events", blank=True, verbose_name=_("people")
    )
    hosts = models.ManyToManyField(
        Organisation, related_name="hosted_events", blank=True, verbose_name=_("hosts")
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partnered_events", blank=True, verbose_name=_("partners")
    )
    themes = models.ManyToManyField(
        Theme, related_name="events", blank=True, verbose_name=_("themes")
    )
    cities = models.ManyToManyField(
        City,
        related_name="events",
        blank=True,
        verbose_name=_("cities involved"),
        help_text=_("The venue's city is always included."),
    )
    tags = TaggableManager(_("tags"), blank=True)
    related_ideas = models.ManyToManyField(
        "goodideas.GoodIdea",
        related_name="events",
        blank=True,
        verbose_name=_("related Good Ideas"),
    )
    related_resources = models.ManyToManyField(
        "elibrary.Resource",
        related_name="events",
        blank=True,
        verbose_name=_("related E-Library resources"),
    )

    # The archive.
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    slides = models.FileField(
        _("slides"),
        upload_to=slides_path,
        max_length=250,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "pptx", "ppt", "odp"])],
    )
    transcript = models.TextField(_("transcript"), blank=True)
    captions = models.FileField(
        _("captions file"),
        upload_to=captions_path,
        max_length=250,
        blank=True,
        validators=[FileExtensionValidator(["vtt", "srt"])],
    )
    lessons = models.TextField(
        _("what we learned"), blank=True, help_text=_("A short summary, a few sentences.")
    )

    search_vector = SearchVectorField(null=True, editable=False)
    # French text, stemmed as French (issue 11); search_vector holds the English.
    search_vector_fr = SearchVectorField(null=True, editable=False)

    # Editors see each change field by field and can revert it (django-simple-history).
    # History: registered in events/translation.py, after the translated columns exist.

    objects = EventQuerySet.as_manager()
    search_fallback_lookups = ["title", "cities__name", "tags__name", "hosts__name"]
    # Never given to an event's slug, in either language (see unique_slug).
    reserved_slugs = frozenset(RESERVED_SLUGS)

    class Meta(Publishable.Meta):
        ordering = ["start", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = search_indexes("event", title_columns=("title_en", "title_fr"))
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = slug_errors(self, _("This address is taken by a page of the Learning Exchange."))
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event must end after it starts.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        upcoming = self.end is not None and self.end > timezone.now()
        if self.is_online and self.takes_registrations and upcoming and not self.join_url:
            errors["join_url"] = _("An online event needs the link registrants join with.")
        if self.is_in_person and not (self.venue or self.address or self.venue_city_id):
            errors["venue"] = _("Say where the event takes place.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        local_start = self.local_start
        self.start_month = f"{local_start:%Y-%m}"
        self.start_year = local_start.year
        super().save(*args, **kwargs)

    # -- time ------------------------------------------------------------------------

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def has_times(self):
        return self.date_precision == DatePrecision.TIME

    @property
    def is_multi_day(self):
        return self.local_start.date() != self.local_end.date()

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_online(self):
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID)

    @property
    def is_in_person(self):
        return self.attendance_mode in (AttendanceMode.IN_PERSON, AttendanceMode.HYBRID)

    @property
    def venue_and_address(self):
        """The venue and its address, without the city (pages link the city apart)."""
        return ", ".join(part for part in [self.venue, self.address] if part)

    @property
    def place(self):
        """Where, in words, for cards, calendars and feeds (never the join link)."""
        parts = [self.venue_and_address]
        if self.venue_city_id:
            parts.append(str(self.venue_city))
        where = ", ".join(part for part in parts if part)
        if self.attendance_mode == AttendanceMode.ONLINE:
            return str(_("Online"))
        if self.attendance_mode == AttendanceMode.HYBRID:
            return _("%(place)s and online") % {"place": where} if where else str(_("Online"))
        return where

    # -- registration ----------------------------------------------------------------

    @property
    def effective_closes_at(self):
        return self.registration_closes_at or self.start

    def registration_state(self, *, confirmed_count=None, now=None) -> str:
        """Why the form is (or is not) shown. ``confirmed_count`` may be passed when the
        caller has counted under a lock (see services)."""
        now = now or timezone.now()
        if self.is_cancelled:
            return RegistrationState.CANCELLED
        if self.is_past(now):
            return RegistrationState.PAST
        if not self.is_public:
            return RegistrationState.NOT_PUBLISHED
        if not self.takes_registrations:
            return RegistrationState.NOT_TAKEN
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_OPEN_YET
        if now >= self.effective_closes_at:
            return RegistrationState.CLOSED
        if self.capacity is not None:
            if confirmed_count is None:
                confirmed_count = self.registrations.confirmed().count()
            if confirmed_count >= self.capacity:
                return RegistrationState.WAITLIST
        return RegistrationState.OPEN

    def accepts_registrations(self, **kwargs) -> bool:
        return self.registration_state(**kwargs) in (
            RegistrationState.OPEN,
            RegistrationState.WAITLIST,
        )

    # -- search ----------------------------------------------------------------------

    @classmethod
    def search_document(cls, language):
        """What search finds an event by, in ``language`` (see citiesofmigration.search):
        its own fields in that language; places, hosts, people, tags and the venue in
        both. The transcript, in no declared language, counts as English."""
        event = OuterRef("pk")
        return {
            "A": ["title"],
            "B": ["summary"],
            "C": [
                aggregated_text(City.objects.filter(events=event), "events", place_text(language)),
                aggregated_text(
                    Organisation.objects.filter(hosted_events=event), "hosted_events", F("name")
                ),
                aggregated_text(
                    Organisation.objects.filter(partnered_events=event),
                    "partnered_events",
                    F("name"),
                ),
                aggregated_text(Person.objects.filter(events=event), "events", F("name")),
                tag_text(cls),
                "venue",
                "address",
            ],
            "D": ["description", "lessons", *(["transcript"] if language == "en" else [])],
        }

    def after_relations_saved(self):
        """Call once the many-to-many fields are saved (admin, loaders, factories): the
        venue's city joins the cities involved and the search vector is refreshed."""
        if self.venue_city_id:
            self.cities.add(self.venue_city_id)
        refresh_search_vector(self)

    def json_ld(self, url):
        """schema.org Event for search engines. The location of an online event is its
        public page, never the join link."""
        modes = {
            AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
            AttendanceMode.IN_PERSON: "OfflineEventAttendanceMode",
            AttendanceMode.HYBRID: "MixedEventAttendanceMode",
        }
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "startDate": self.local_start.isoformat()
            if self.has_times
            else self.local_start.date().isoformat(),
            "endDate": self.local_end.isoformat()
            if self.has_times
            else self.local_end.date().isoformat(),
            "eventStatus": "https://schema.org/EventCancelled"
            if self.is_cancelled
            else "https://schema.org/EventScheduled",
        }
        if self.attendance_mode:
            data["eventAttendanceMode"] = f"https://schema.org/{modes[self.attendance_mode]}"
        locations = []
        if self.is_online:
            locations.append({"@type": "VirtualLocation", "url": url})
        if self.is_in_person and (self.venue or self.address or self.venue_city_id):
            place = {"@type": "Place", "name": self.venue or self.place}
            if self.address or self.venue_city_id:
                place["address"] = ", ".join(
                    part for part in [self.address, str(self.venue_city or "")] if part
                )
            locations.append(place)
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        hosts = list(self.hosts.all())
        if hosts:
            data["organizer"] = [{"@type": "Organization", "name": host.name} for host in hosts]
        return data


class PersonRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")


class EventPerson(models.Model):
    """A speaker or moderator of an event; their role, organisation and city come from
    the shared Person, so one person's talks across the portal are one query."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="event_roles", verbose_name=_("person")
    )
    role = models.CharField(
        _("role at the event"), max_length=10, choices=PersonRole.choices, default="speaker"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("speaker or moderator")
        verbose_name_plural = _("speakers and moderators")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "role"], name="eventperson_once_per_role"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]


def new_manage_key():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def in_waitlist_order(self):
        return self.waitlisted().order_by("created_at", "pk")

    def for_email(self, email):
        return self.filter(email__iexact=email.strip())

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class Registration(models.Model):
    """One person's registration for one event. Personal data: kept only for running the
    event, and anonymised a set time after it (``manage.py anonymise_registrations``)."""

    event = models.ForeignKey(
        # PROTECT: an event with registrations is never deleted by accident.
        Event,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("event"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role or job title"), max_length=150, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    language = language_field(_("language for e-mails"))
    consented_at = models.DateTimeField(_("agreed to the privacy notice"))

    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    day_reminder_sent_at = models.DateTimeField(
        _("day-before reminder sent"), null=True, blank=True
    )
    hour_reminder_sent_at = models.DateTimeField(
        _("hour-before reminder sent"), null=True, blank=True
    )
    # Someone posting the form again with this address gets one e-mail about the
    # existing registration an hour at most (see services.register_or_remind).
    details_resent_at = models.DateTimeField(
        _("details e-mailed again after a repeated registration"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    # Part of the signed manage link; a new key makes every earlier link stop working.
    manage_key = models.CharField(max_length=64, default=new_manage_key, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                F("event"),
                Lower("email"),
                condition=Q(status__in=ACTIVE_STATUSES) & Q(anonymised_at__isnull=True),
                name="registration_one_active_per_email",
                violation_error_message=_("This e-mail address is already registered."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.name or _('(anonymised)')} — {self.event}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @cached_property
    def waitlist_position(self):
        if not self.is_waitlisted:
            return None
        ahead = (
            Registration.objects.waitlisted()
            .filter(event_id=self.event_id)
            .filter(
                Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .count()
        )
        return ahead + 1

    def personal_data(self):
        """Everything held about the person in this registration (for their export)."""
        return {
            "event": self.event.title,
            "event_start": self.event.start.isoformat(),
            "status": self.status,
            "name": self.name,
            "email": self.email,
            "organisation": self.organisation,
            "role": self.role,
            "city": self.city,
            "country": self.country,
            "accessibility_needs": self.accessibility_needs,
            "consented_at": self.consented_at.isoformat(),
            "registered_at": self.created_at.isoformat(),
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "cancelled_at": self.cancelled_at.isoformat() if self.cancelled_at else None,
            "attended": self.attended,
        }
