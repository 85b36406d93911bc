import pytest
from django.db import IntegrityError, transaction

from citiesofmigration.models import City
from citiesofmigration.richtext import sanitise_html
from tests.factories import CityFactory, CountryFactory

pytestmark = pytest.mark.django_db


def test_a_city_name_is_unique_within_its_country_and_province():
    canada = CountryFactory(code="CA", name="Canada")
    CityFactory(name="Halifax", province="Nova Scotia", country=canada, slug="halifax")
    with pytest.raises(IntegrityError), transaction.atomic():
        CityFactory(name="HALIFAX", province="Nova Scotia", country=canada, slug="halifax-2")


def test_the_same_city_name_may_exist_in_another_country():
    canada = CountryFactory(code="CA", name="Canada")
    uk = CountryFactory(code="GB", name="United Kingdom", region="europe")
    CityFactory(name="London", province="Ontario", country=canada, slug="london-on")
    CityFactory(name="London", province="England", country=uk, slug="london")
    assert City.objects.filter(name="London").count() == 2


def test_country_codes_must_be_iso_alpha2():
    with pytest.raises(IntegrityError), transaction.atomic():
        CountryFactory(code="ca", name="Canada")


def test_a_city_gets_a_slug_from_its_name():
    city = City.objects.create(
        name="Saint John", province="New Brunswick", country=CountryFactory()
    )
    assert city.slug == "saint-john"


def test_stored_rich_text_loses_scripts_and_event_handlers_but_keeps_structure():
    dirty = (
        '<p onclick="steal()">Hello <strong>city</strong></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><a href="https://example.org">ok</a>'
    )
    clean = sanitise_html(dirty)
    assert "<script" not in clean and "onclick" not in clean and "javascript:" not in clean
    assert "<p>Hello <strong>city</strong></p>" in clean
    assert 'href="https://example.org"' in clean
