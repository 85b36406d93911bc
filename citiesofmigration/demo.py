"""Demo places: the countries that the seeds' practices and partnerships name."""

import json

from django.conf import settings

from citiesofmigration.models import City, Country, Theme
from citiesofmigration.vocabulary import ensure_themes

FIXTURES = settings.BASE_DIR / "fixtures"


def read_fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def get_city(*, name, country, province=""):
    """Used by every app's demo loader, so one city is one row however many items use it."""
    return City.objects.get_or_create_named(
        name=name, province=province, country=Country.objects.get(code=country)
    )


def load():
    ensure_themes(Theme)
    for country in read_fixture("countries.json"):
        Country.objects.update_or_create(
            code=country["code"], defaults={"name": country["name"], "region": country["region"]}
        )
    return {"themes": Theme.objects.count(), "countries": Country.objects.count()}
