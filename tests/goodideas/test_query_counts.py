"""Pages cost the same number of queries however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AdaptationFactory,
    CityFactory,
    CollectionFactory,
    GoodIdeaFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def add_ideas(count, *, offset=0):
    """Published ideas with several cities, themes, tags and collections each."""
    collection = CollectionFactory(name="Immigrant Futures", slug="immigrant-futures")
    for n in range(offset, offset + count):
        GoodIdeaFactory(
            title=f"Integration practice {n}",
            summary=f"Integration of newcomers, variant {n}.",
            cities=CityFactory.create_batch(3),
            themes=["work", "learn", "live"][: 1 + n % 3],
            tags=[f"topic {n}", f"topic {n + 1}", "integration"],
            collections=[collection],
            year_started=2000 + n % 20,
        )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


LIST_PAGES = {
    "everything with its facets": "/en/good-ideas/",
    "two themes and a country": "/en/good-ideas/?theme=work&theme=learn&country=CA",
    "a tag, sorted by title": "/en/good-ideas/?tag=integration&sort=title",
    "a search": "/en/good-ideas/?q=integration+newcomers",
    "a search, second page": "/en/good-ideas/?q=integration&page=2",
    "a misspelt search": "/en/good-ideas/?q=integrashun",
}


@pytest.mark.parametrize("url", LIST_PAGES.values(), ids=LIST_PAGES.keys())
def test_the_list_costs_the_same_queries_with_10_and_with_50_ideas(
    client, themes, django_assert_num_queries, url
):
    add_ideas(10)
    client.get(url)  # warm caches that are filled once per process
    with_ten = queries_for(client, url)
    add_ideas(40, offset=10)
    with django_assert_num_queries(with_ten):
        client.get(url)


def test_the_list_stays_within_a_small_fixed_number_of_queries(
    client, themes, django_assert_max_num_queries
):
    add_ideas(50)
    client.get("/en/good-ideas/")
    # count, page, cities, tags, and one per facet (8)
    with django_assert_max_num_queries(12):
        client.get("/en/good-ideas/?theme=work&country=CA")


def make_detailed_idea(size):
    idea = GoodIdeaFactory(
        title="The idea in question",
        cities=CityFactory.create_batch(size),
        themes=["learn", "live", "plan"][: min(size, 3)],
        tags=[f"detail tag {n}" for n in range(size)],
        lead_organisation=OrganisationFactory(),
        related_ideas=[GoodIdeaFactory(cities=CityFactory.create_batch(2)) for _ in range(size)],
    )
    idea.partners.set(OrganisationFactory.create_batch(size))
    idea.collections.set([CollectionFactory() for _ in range(size)])
    for _ in range(size):
        AdaptationFactory(idea=idea, adapted_idea=GoodIdeaFactory())
    return idea


def test_the_detail_page_costs_the_same_queries_however_many_relations(
    client, themes, django_assert_num_queries
):
    small = make_detailed_idea(1)
    large = make_detailed_idea(8)
    client.get(small.get_absolute_url())
    with_one = queries_for(client, small.get_absolute_url())
    with django_assert_num_queries(with_one):
        client.get(large.get_absolute_url())


@pytest.mark.parametrize("url", ["/en/", "/en/themes/work/"])
def test_pages_with_a_good_ideas_section_cost_the_same_queries_with_more_ideas(
    client, themes, django_assert_num_queries, url
):
    add_ideas(3)
    client.get(url)
    with_three = queries_for(client, url)
    add_ideas(30, offset=3)
    with django_assert_num_queries(with_three):
        client.get(url)
