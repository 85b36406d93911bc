"""Demo E-Library from fixtures/elibrary.json: metadata written in our own words from the
seeds, with small generated sample files (labelled as samples) for downloads. Idempotent.

Resources are not translated field by field: each language edition is its own record
(``language``, ``translation_of``), so a French edition's title and abstract are written in
French. Where the sources name a French edition without giving its title, the title is a
French description and the abstract says so."""

from django.core.files.base import ContentFile
from django.utils.text import slugify

from citiesofmigration.demo import get_city, read_fixture
from citiesofmigration.models import Country, Organisation, Person, Theme
from citiesofmigration.publication import Status
from elibrary.models import Authorship, Resource, Series
from elibrary.samplefiles import MAKERS
from elibrary.services import attach_file
from goodideas.models import GoodIdea


def _publisher(name):
    return Organisation.objects.get_or_create(name=name)[0] if name else None


def _series(name, publisher):
    if not name:
        return None
    return Series.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "publisher": publisher}
    )[0]


def _attach_sample(resource, record):
    """Give the resource its sample file once; later runs keep the stored file."""
    kind = record["sample_file"]
    if not kind or (resource.file and resource.file.storage.exists(resource.file.name)):
        return False
    content = MAKERS[kind](record["title"], [record["sample_text"]])
    attach_file(resource, ContentFile(content, name=f"{record['slug']}.{kind}"))
    return True


def load():
    from elibrary.extraction import extract_resource_text

    records = read_fixture("elibrary.json")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    resources = {}
    for record in records:
        publisher = _publisher(record["publisher"])
        fields = {
            "title": record["title"],
            "resource_type": record["resource_type"],
            "publisher": publisher,
            "series": _series(record["series"], publisher),
            "series_volume": record["series_volume"],
            "year": record["year"],
            "month": record["month"],
            "day": record["day"],
            "language": record["language"],
            "abstract": record["abstract"],
            "external_url": record["external_url"],
            "isbn": record["isbn"],
            "doi": record["doi"],
            "licence": record["licence"],
            "status": Status.PUBLISHED,
        }
        resource = Resource.objects.filter(slug=record["slug"]).first() or Resource(
            slug=record["slug"]
        )
        for name, value in fields.items():
            setattr(resource, name, value)
        new_file = _attach_sample(resource, record)
        resource.save()
        if new_file:
            # Demo loading runs in a command, not a request: extract at once.
            extract_resource_text.call(resource.pk)
        Authorship.objects.filter(resource=resource).delete()
        for position, name in enumerate(record["authors"]):
            person = Person.objects.filter(name=name).first() or Person.objects.create(name=name)
            Authorship.objects.create(resource=resource, person=person, position=position)
        resource.themes.set([themes[slug] for slug in record["themes"]])
        resource.countries.set(Country.objects.filter(code__in=record["countries"]))
        resource.cities.set([get_city(**city) for city in record["cities"]])
        resource.related_ideas.set(GoodIdea.objects.filter(slug_en__in=record["related_ideas"]))
        resource.tags.set(record["tags"])
        resources[resource.slug] = resource
    for record in records:
        if record["translation_of"]:
            resource = resources[record["slug"]]
            resource.translation_of = resources[record["translation_of"]]
            resource.save(update_fields=["translation_of"])
    Resource.objects.filter(slug__in=resources).refresh_search_vectors()
    return {
        "resources": Resource.objects.published().count(),
        "with indexed text": Resource.objects.filter(extraction_status="done").count(),
    }
