"""Benchmark scenarios for the Learning Exchange (``manage.py bench``, ``make bench``).

Synthetic events are labelled as such in their title, summary and slug; half are upcoming,
half in the archive, each with two themes and one city from the existing places."""

import random
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from citiesofmigration.models import City, Theme
from citiesofmigration.publication import Status
from events.models import AttendanceMode, Event, EventKind

SLUG_PREFIX = "synthetic-event-"
WORDS = [
    "newcomer",
    "refugee",
    "housing",
    "transit",
    "language",
    "school",
    "employer",
    "mentor",
    "council",
    "library",
    "health",
    "youth",
    "welcome",
    "belonging",
    "partnership",
    "policy",
    "sanctuary",
    "strategy",
    "settlement",
]
BATCH = 5000


def _generate(count, start, rng):
    themes = list(Theme.objects.all())
    cities = list(City.objects.all()[:200])
    now = timezone.now().replace(second=0, microsecond=0)
    kinds = list(EventKind.values)
    ThemeLink, CityLink = Event.themes.through, Event.cities.through
    for offset in range(0, count, BATCH):
        numbers = range(start + offset, start + min(offset + BATCH, count))
        events = []
        for n in numbers:
            begins = now + timedelta(days=rng.randint(-3650, 365), hours=rng.randint(0, 23))
            local = begins.astimezone(timezone.get_default_timezone())
            words = " ".join(rng.choice(WORDS) for _ in range(4))
            events.append(
                Event(
                    title=f"Synthetic event {n}: {words}",
                    slug=f"{SLUG_PREFIX}{n}",
                    kind=rng.choice(kinds),
                    summary=f"A synthetic event for benchmarks about {words}.",
                    start=begins,
                    end=begins + timedelta(minutes=90),
                    time_zone="America/Toronto",
                    start_month=f"{local:%Y-%m}",
                    start_year=local.year,
                    attendance_mode=AttendanceMode.ONLINE,
                    join_url="https://meet.example.org/synthetic",
                    status=Status.PUBLISHED,
                    published_at=now - timedelta(days=1),
                )
            )
        created = Event.objects.bulk_create(events)
        ThemeLink.objects.bulk_create(
            ThemeLink(event_id=event.pk, theme_id=theme.pk)
            for event in created
            for theme in rng.sample(themes, 2)
        )
        if cities:
            CityLink.objects.bulk_create(
                CityLink(event_id=event.pk, city_id=rng.choice(cities).pk) for event in created
            )
    Event.objects.filter(slug__startswith=SLUG_PREFIX).refresh_search_vectors()


def prepare(size):
    """Make exactly ``size`` synthetic events exist (demo events come on top)."""
    existing = Event.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing > size:
        clear()
        existing = 0
    if existing < size:
        with transaction.atomic():
            _generate(size - existing, existing, random.Random(2026))  # noqa: S311 - synthetic


def scenarios():
    """The pages measured, at their English addresses (an unprefixed one answers 301)."""
    detail = Event.objects.published().filter(slug__startswith=SLUG_PREFIX).upcoming().first()
    with translation.override("en"):
        upcoming = reverse("events:list")
        archive = reverse("events:archive")
        return [
            ("Learning Exchange upcoming", upcoming),
            ("Learning Exchange filtered", f"{upcoming}?theme=work&kind=webinar"),
            ("Learning Exchange archive", archive),
            ("Learning Exchange archive search", f"{archive}?q=refugee+housing"),
            ("Learning Exchange detail", detail.get_absolute_url() if detail else upcoming),
            ("Learning Exchange iCal feed", reverse("events:calendar")),
        ]


def clear():
    Event.objects.filter(slug__startswith=SLUG_PREFIX).delete()
