"""Benchmark scenarios for Conversations on Integration (run by ``manage.py bench``)."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from blog.models import Kind, Post, PostAuthor
from citiesofmigration.models import Person, Theme
from citiesofmigration.publication import Status

SLUG_PREFIX = "synthetic-post-"
BATCH = 2000
WORDS = [
    "newcomers",
    "city",
    "council",
    "housing",
    "transit",
    "language",
    "employers",
    "refugees",
    "welcome",
    "library",
    "mentoring",
    "partnership",
    "sanctuary",
    "settlement",
    "youth",
    "health",
    "neighbourhood",
    "festival",
]


def _word(n):
    return WORDS[n % len(WORDS)]


def _synthetic():
    return Post.objects.filter(slug__startswith=SLUG_PREFIX)


@transaction.atomic
def prepare(size):
    """Make exactly ``size`` synthetic posts exist (demo posts come on top)."""
    existing = _synthetic().count()
    if existing > size:
        clear()
        existing = 0
    author, _ = Person.objects.get_or_create(
        slug="synthetic-bench-author", defaults={"name": "Synthetic bench author"}
    )
    themes = list(Theme.objects.all())
    kinds = list(Kind.values)
    now = timezone.now()
    for start in range(existing, size, BATCH):
        posts = Post.objects.bulk_create(
            [
                Post(
                    title=f"Synthetic post {n}: {_word(n)} and {_word(n * 7)}",
                    slug=f"{SLUG_PREFIX}{n}",
                    kind=kinds[n % len(kinds)],
                    summary=f"A generated post about {_word(n * 3)}.",
                    body=f"<p>{' '.join(_word(n + i) for i in range(60))}</p>",
                    status=Status.PUBLISHED,
                    published_at=now - timedelta(hours=n),
                )
                for n in range(start, min(start + BATCH, size))
            ]
        )
        PostAuthor.objects.bulk_create([PostAuthor(post=post, person=author) for post in posts])
        Post.themes.through.objects.bulk_create(
            [
                Post.themes.through(post_id=post.pk, theme_id=themes[post.pk % len(themes)].pk)
                for post in posts
            ]
        )
    _synthetic().filter(search_vector__isnull=True).refresh_search_vectors()


def scenarios():
    """The pages measured, at their English addresses (an unprefixed one answers 301)."""
    detail = Post.objects.published().filter(slug__startswith=SLUG_PREFIX).first()
    with translation.override("en"):
        listing = reverse("blog:list")
        return [
            ("Conversations list", listing),
            ("Conversations filtered", f"{listing}?kind=news&theme=plan&year=2024"),
            ("Conversations search", f"{listing}?q=sanctuary+housing"),
            ("Conversations feed", reverse("blog:feed")),
            ("Conversation detail", detail.get_absolute_url() if detail else listing),
        ]


def clear():
    _synthetic().delete()
    Person.objects.filter(slug="synthetic-bench-author", blog_authorships__isnull=True).delete()
