"""Demo posts from fixtures/blog.json, written in our own words from the seeds (000: Urban
Sanctuary, CERC Migration, Immigrant Futures, MyCOM; 001: the vision; 002: the municipal
role report; 003: the Metropolis Project; 004: the Immigrant Futures toolkit), in English
and in French (issue 11). The author is an editorial byline, not a person. Idempotent."""

from datetime import datetime, timedelta

from django.utils import timezone

from blog.models import Post, PostAuthor
from citiesofmigration.demo import get_city, read_fixture, translated
from citiesofmigration.models import Organisation, Person, Theme
from citiesofmigration.publication import Status
from elibrary.models import Resource
from events.models import Event
from goodideas.models import GoodIdea

EDITORS_SLUG = "cities-of-migration-editors"


def editors():
    organisation, _ = Organisation.objects.get_or_create(name="Cities of Migration")
    person, _ = Person.objects.update_or_create(
        slug=EDITORS_SLUG,
        defaults={
            "name": "Cities of Migration editors",
            "role": "Editorial team",
            "organisation": organisation,
            "bio": (
                "The portal's editorial team. They write news and commentary from published "
                "research and from the practices cities share, and read every reader's "
                "comment before it appears."
            ),
        },
    )
    return person


def load():
    records = read_fixture("blog.json")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    author = editors()
    for record in records:
        fields = {
            # English from "title", French from "title_fr", and so on (slug_en is the key).
            **translated(record, "title", "summary", "body"),
            "slug_fr": record.get("slug_fr") or None,
            "kind": record["kind"],
            "status": Status.PUBLISHED,
        }
        if "scheduled_in_days" in record:
            # Scheduled on the first run; later runs keep that date, so it goes live.
            published_at = timezone.now().replace(microsecond=0) + timedelta(
                days=record["scheduled_in_days"]
            )
            post, _ = Post.objects.update_or_create(
                slug_en=record["slug"],
                defaults=fields,
                create_defaults={**fields, "published_at": published_at},
            )
        else:
            fields["published_at"] = datetime.fromisoformat(record["published_at"])
            post, _ = Post.objects.update_or_create(slug_en=record["slug"], defaults=fields)
        PostAuthor.objects.get_or_create(post=post, person=author)
        post.themes.set([themes[slug] for slug in record["themes"]])
        post.tags.set(record["tags"])
        post.cities.set([get_city(**city) for city in record["cities"]])
        post.related_ideas.set(GoodIdea.objects.filter(slug_en__in=record["related_ideas"]))
        post.related_resources.set(Resource.objects.filter(slug__in=record["related_resources"]))
        post.related_events.set(Event.objects.filter(slug_en__in=record["related_events"]))
        post.after_relations_saved()
    return {
        "posts": Post.objects.published().count(),
        "scheduled": Post.objects.filter(
            status=Status.PUBLISHED, published_at__gt=timezone.now()
        ).count(),
    }
