"""Demo places: the countries that the seeds' practices and partnerships name.

Also the helpers every app's loader shares. Fixtures carry each translated field twice:
``"title"`` in English and ``"title_fr"`` in French (issue 11); :func:`translated` turns
them into the model's own columns (``title_en``, ``title_fr``)."""

import json
import re

from django.conf import settings

from citiesofmigration.models import City, Country, Theme, slugify_title
from citiesofmigration.vocabulary import ensure_themes

FIXTURES = settings.BASE_DIR / "fixtures"
NBSP = "\u00a0"


def read_fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def translated(record, *fields):
    """The English and French columns of ``fields`` from a fixture record. Always set
    explicitly: assigning ``title`` writes the column of the language that happens to be
    active. A field with no French text gets an empty French column (the page then shows
    the English, marked as such); a slug gets NULL, as the admin leaves it."""
    columns = {}
    for field in fields:
        columns[f"{field}_en"] = record[field]
        french = record.get(f"{field}_fr") or ""
        columns[f"{field}_fr"] = (french or None) if field == "slug" else french
    return columns


def typeset_fr(text):
    """French spacing for text written in code (the fixtures already carry it): a
    no-break space before : ; ! ? » and % and after «, as Le guide du rédacteur asks."""
    text = re.sub(r" ([:;!?»%])", NBSP + r"\1", text)
    return text.replace("« ", "«" + NBSP)


def slugify_fr(title):
    """A French title's slug, by the rule the admin and the models use."""
    return slugify_title(title, "fr")


def get_city(*, name, country, province=""):
    """Used by every app's demo loader, so one city is one row however many items use it."""
    return City.objects.get_or_create_named(
        name=name, province=province, country=Country.objects.get(code=country)
    )


def load():
    ensure_themes(Theme)
    for country in read_fixture("countries.json"):
        Country.objects.update_or_create(
            code=country["code"],
            defaults={**translated(country, "name"), "region": country["region"]},
        )
    return {"themes": Theme.objects.count(), "countries": Country.objects.count()}
