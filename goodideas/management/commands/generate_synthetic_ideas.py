"""Synthetic Good Ideas for benchmarks. Every one is labelled as synthetic in its title,
summary and slug; none describes a real practice. ``--clear`` removes them again."""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from citiesofmigration.models import City, Country, Theme
from citiesofmigration.publication import Status
from goodideas.models import GoodIdea, PracticeStatus

SLUG_PREFIX = "synthetic-"
WORDS = """
newcomer refugee housing transit language school employer mentor council library health
youth family women entrepreneur credential welcome belonging volunteer partnership policy
neighbourhood sanctuary strategy training settlement rural data survey festival sport
culture citizenship voting leadership internship childcare
""".split()  # noqa: SIM905 - a word list reads better as prose
BATCH = 5000


def sentence(rng, length):
    return " ".join(rng.choice(WORDS) for _ in range(length))


class Command(BaseCommand):
    help = "Create N synthetic (clearly labelled) published Good Ideas for benchmarking."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--clear", action="store_true", help="Delete synthetic ideas first.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, clear, seed, **options):
        if clear:
            deleted, _ = GoodIdea.objects.filter(slug__startswith=SLUG_PREFIX).delete()
            self.stdout.write(f"Deleted {deleted} synthetic rows.")
        if count:
            self.generate(count, random.Random(seed))  # noqa: S311 - synthetic data, not secrets

    @transaction.atomic
    def generate(self, count, rng):
        themes = list(Theme.objects.all())
        cities = self.synthetic_cities(rng)
        tags = [Tag.objects.get_or_create(name=f"synthetic {word}")[0] for word in WORDS[:40]]
        start = GoodIdea.objects.filter(slug__startswith=SLUG_PREFIX).count()
        content_type = ContentType.objects.get_for_model(GoodIdea)
        now = timezone.now()
        ThemeLink = GoodIdea.themes.through
        CityLink = GoodIdea.cities.through
        for offset in range(0, count, BATCH):
            numbers = range(start + offset, start + min(offset + BATCH, count))
            ideas = GoodIdea.objects.bulk_create(
                [
                    GoodIdea(
                        title=f"Synthetic idea {n}: {sentence(rng, 4)}",
                        slug=f"{SLUG_PREFIX}{n}",
                        summary=f"[Synthetic benchmark data] {sentence(rng, 14)}",
                        story="".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(3)),
                        primary_theme=rng.choice(themes),
                        year_started=rng.randint(1995, 2025),
                        practice_status=rng.choice(PracticeStatus.values),
                        status=Status.PUBLISHED,
                        # Distinct dates, as real publishing gives.
                        published_at=now - timedelta(minutes=n),
                    )
                    for n in numbers
                ]
            )
            ThemeLink.objects.bulk_create(
                ThemeLink(goodidea_id=idea.pk, theme_id=theme.pk)
                for idea in ideas
                for theme in {idea.primary_theme, rng.choice(themes)}
            )
            CityLink.objects.bulk_create(
                CityLink(goodidea_id=idea.pk, city_id=city.pk)
                for idea in ideas
                for city in rng.sample(cities, rng.randint(1, 2))
            )
            TaggedItem.objects.bulk_create(
                TaggedItem(content_type=content_type, object_id=idea.pk, tag=tag)
                for idea in ideas
                for tag in rng.sample(tags, 3)
            )
            self.stdout.write(f"  {numbers.stop} synthetic ideas…")
        updated = GoodIdea.objects.filter(slug__startswith=SLUG_PREFIX).refresh_search_vectors()
        self.stdout.write(
            self.style.SUCCESS(f"{count} synthetic ideas created; {updated} indexed.")
        )

    def synthetic_cities(self, rng):
        countries = list(Country.objects.all())
        real = list(City.objects.exclude(name__startswith="Synthetic City"))
        synthetic = [
            City.objects.get_or_create_named(
                name=f"Synthetic City {n}", country=countries[n % len(countries)]
            )
            for n in range(150)
        ]
        return real + synthetic
