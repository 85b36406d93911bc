"""Demo places: the countries that the seeds' practices and partnerships name."""

import json

from django.conf import settings

from citiesofmigration.models import City, Country, Theme
from citiesofmigration.vocabulary import ensure_themes

FIXTURES = settings.BASE_DIR / "fixtures"


def read_fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def get_city(*, name, country, province=""):
    """The city with this name in this country, created on first use (used by every
    app's demo loader, so one city is one row however many items point at it)."""
    country_obj = Country.objects.get(code=country)
    city = City.objects.filter(
        name__iexact=name, province__iexact=province, country=country_obj
    ).first()
    if city:
        return city
    from django.utils.text import slugify

    slug = slugify(name)
    if City.objects.filter(slug=slug).exists():
        slug = slugify(f"{name} {province or country}")
    return City.objects.create(name=name, province=province, country=country_obj, slug=slug)


def load():
    ensure_themes(Theme)
    for country in read_fixture("countries.json"):
        Country.objects.update_or_create(
            code=country["code"], defaults={"name": country["name"], "region": country["region"]}
        )
    return {"themes": Theme.objects.count(), "countries": Country.objects.count()}
