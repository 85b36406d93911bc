"""The list page costs the same number of queries however many resources there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from elibrary.models import Resource
from tests.elibrary import pages
from tests.factories import (
    CityFactory,
    CountryFactory,
    GoodIdeaFactory,
    OrganisationFactory,
    ResourceFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db


def add_resources(count, *, offset=0):
    """Published resources with authors, publisher, series, themes, countries, cities and
    tags; every other one has a French translation; each has text from its document."""
    canada = CountryFactory(code="CA", name="Canada")
    series = SeriesFactory(name="Who Does What")
    for n in range(offset, offset + count):
        original = ResourceFactory(
            title=f"Settlement report {n}",
            resource_type=["report", "toolkit", "guide"][n % 3],
            year=2000 + n % 20,
            abstract=f"Settlement services for newcomers, part {n}.",
            authors=[f"Author{n} First", f"Author{n} Second"],
            publisher=OrganisationFactory(),
            series=series if n % 2 else None,
            themes=["work", "learn", "live"][: 1 + n % 3],
            countries=[canada],
            cities=CityFactory.create_batch(2),
            tags=[f"topic {n}", "settlement"],
        )
        if n % 2 == 0:
            ResourceFactory(
                title=f"Rapport sur l'établissement {n}",
                language="fr",
                translation_of=original,
                resource_type=original.resource_type,
                year=original.year,
                authors=[f"Author{n} First"],
            )
    # What the background worker stores after reading each document.
    Resource.objects.update(extracted_text="The ferry timetable for newcomers in the harbour.")
    Resource.objects.all().refresh_search_vectors()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


LIST_PAGES = {
    "everything with its facets": "/en/e-library/",
    "French toolkits": "/en/e-library/?language=fr&type=toolkit",
    "every language version": "/en/e-library/?all_versions=true",
    "a search in titles and abstracts": "/en/e-library/?q=settlement+newcomers",
    "a search inside the documents": "/en/e-library/?q=ferry+timetable",
    "a search, second page, sorted by title": "/en/e-library/?q=settlement&page=2&sort=title",
    "a misspelt search": "/en/e-library/?q=setlement",
    "a theme, a year and a country": "/en/e-library/?theme=work&year=2001&country=CA",
}


@pytest.mark.parametrize("url", LIST_PAGES.values(), ids=LIST_PAGES.keys())
def test_the_list_costs_the_same_queries_with_10_and_with_40_resources(
    client, themes, django_assert_num_queries, url
):
    add_resources(10)
    client.get(url)  # warm caches that are filled once per process
    with_ten = queries_for(client, url)
    add_resources(30, offset=10)
    with django_assert_num_queries(with_ten):
        response = client.get(url)
    assert len(pages.result_titles(response)) >= 2  # the cards are really rendered


def make_detailed_resource(size):
    """A resource with ``size`` of each relation the detail page shows."""
    series = SeriesFactory()
    resource = ResourceFactory(
        series=series,
        publisher=OrganisationFactory(),
        authors=[f"Detail Author{n}" for n in range(size)],
        themes=["learn", "live", "plan"][: min(size, 3)],
        countries=[CountryFactory(code="CA", name="Canada")],
        cities=CityFactory.create_batch(size),
        tags=[f"detail tag {n}" for n in range(size)],
        related_ideas=[GoodIdeaFactory(cities=CityFactory.create_batch(2)) for _ in range(size)],
        related_resources=[
            ResourceFactory(authors=["Related Author"], publisher=OrganisationFactory())
            for _ in range(size)
        ],
    )
    for language in ["fr", "es", "de", "it", "nl", "pt"][:size]:
        ResourceFactory(language=language, translation_of=resource)
    for _ in range(size):
        ResourceFactory(series=series)
    return resource


def test_the_detail_page_costs_the_same_queries_however_many_relations(
    client, themes, django_assert_num_queries
):
    small = make_detailed_resource(1)
    large = make_detailed_resource(6)
    client.get(small.get_absolute_url())
    with_one = queries_for(client, small.get_absolute_url())
    with django_assert_num_queries(with_one):
        response = client.get(large.get_absolute_url())
    assert len(pages.section_card_titles(response, "related-resources-title")) == 6
