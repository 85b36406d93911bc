"""Demo Good Ideas from fixtures/goodideas.json, written in our own words from the seeds
(004: the Immigrant Futures Good Ideas; 002: the municipal role report). Idempotent."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from citiesofmigration.demo import get_city, read_fixture
from citiesofmigration.models import Organisation, Theme
from citiesofmigration.publication import Status
from goodideas.models import Adaptation, Collection, GoodIdea


def _organisation(name):
    return Organisation.objects.get_or_create(name=name)[0] if name else None


def _collection(name):
    return Collection.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def load():
    records = read_fixture("goodideas.json")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    # Stagger publication dates so that "newest" has a meaningful order in the demo.
    first_published = timezone.now().replace(microsecond=0) - timedelta(days=len(records))
    ideas = {}
    for position, record in enumerate(records):
        contact = record["contact"]
        fields = {
            "title": record["title"],
            "summary": record["summary"],
            "story": record["story"],
            "primary_theme": themes[record["primary_theme"]],
            "lead_organisation": _organisation(record["lead_organisation"]),
            "year_started": record["year_started"],
            "practice_status": record["practice_status"],
            "results": record["results"],
            "reflection_question": record["reflection_question"],
            "website": record["website"],
            "contact_name": contact["name"],
            "contact_role": contact["role"],
            "contact_email": contact["email"],
            "contact_phone": contact["phone"],
            "contact_is_private": record["contact_is_private"],
            "status": Status.PUBLISHED,
        }
        # On a later run the publication date an idea already has is kept.
        idea, _ = GoodIdea.objects.update_or_create(
            slug=record["slug"],
            defaults=fields,
            create_defaults={**fields, "published_at": first_published + timedelta(days=position)},
        )
        idea.themes.set([themes[slug] for slug in [record["primary_theme"], *record["themes"]]])
        idea.cities.set([get_city(**city) for city in record["cities"]])
        idea.partners.set([_organisation(name) for name in record["partners"]])
        idea.collections.set([_collection(name) for name in record["collections"]])
        # Fixture tags are slugs; people read words.
        idea.tags.set([tag.replace("-", " ") for tag in record["tags"]])
        for place in record["adapted_in"]:
            Adaptation.objects.get_or_create(idea=idea, city=get_city(**place))
        ideas[idea.slug] = idea
    for record in records:
        ideas[record["slug"]].related_ideas.set([ideas[slug] for slug in record["related"]])
    for idea in ideas.values():
        idea.after_relations_saved()
    return {
        "Good Ideas": GoodIdea.objects.published().count(),
        "collections": Collection.objects.count(),
    }
