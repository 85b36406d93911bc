"""A resource's page shows the events (upcoming and past) and posts that refer to it, and
the ideas it relates to: each relation entered once, shown on both pages, published
items only, at a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CountryFactory,
    EventFactory,
    GoodIdeaFactory,
    PostFactory,
    ResourceFactory,
)
from tests.related_pages import links_named, queries_for, related_sections

pytestmark = pytest.mark.django_db

UPCOMING = "Upcoming webinars and events"
PAST = "Past webinars and events"
POSTS = "In Conversations on Integration"


def days(n):
    return (timezone.now() + timedelta(days=n)).replace(second=0, microsecond=0)


@pytest.fixture
def toolkit(db):
    return ResourceFactory(title="Immigrant Futures Toolkit", slug="immigrant-futures-toolkit")


def test_a_resource_shows_its_events_upcoming_then_past_and_its_posts(client, toolkit):
    for title, start in [("Toolkit webinar", days(20)), ("Launch event", days(-60))]:
        EventFactory(title=title, start=start).related_resources.add(toolkit)
    PostFactory(title="The toolkit is here").related_resources.add(toolkit)

    sections = related_sections(client.get(toolkit.get_absolute_url()))

    assert list(sections) == [UPCOMING, PAST, POSTS]
    assert sections[UPCOMING] == ["Toolkit webinar"]
    assert sections[PAST] == ["Launch event"]
    assert sections[POSTS] == ["The toolkit is here"]


def test_the_relation_entered_on_the_resource_shows_on_the_idea_and_back(client, themes, toolkit):
    idea = GoodIdeaFactory(title="Immigrant Futures planning framework")
    toolkit.related_ideas.add(idea)
    assert (
        "Immigrant Futures planning framework"
        in client.get(toolkit.get_absolute_url()).content.decode()
    )
    assert related_sections(client.get(idea.get_absolute_url()))["From the E-Library"] == [
        "Immigrant Futures Toolkit"
    ]


def test_drafts_never_appear(client, toolkit):
    EventFactory(title="Draft webinar", draft=True).related_resources.add(toolkit)
    PostFactory(title="Draft post", draft=True).related_resources.add(toolkit)
    response = client.get(toolkit.get_absolute_url())
    assert related_sections(response) == {}
    assert "Draft webinar" not in response.content.decode()
    assert "Draft post" not in response.content.decode()


def test_its_cities_and_its_events_venue_city_link_to_city_pages(client, toolkit):
    canada = CountryFactory(code="CA", name="Canada")
    moncton = CityFactory(name="Moncton", country=canada, slug="moncton")
    halifax = CityFactory(name="Halifax", country=canada, slug="halifax")
    toolkit.cities.add(moncton)
    event = EventFactory(title="Halifax workshop", in_person=True, venue_city=halifax)
    event.related_resources.add(toolkit)
    response = client.get(toolkit.get_absolute_url())
    assert links_named(response, "Moncton") == ["/en/cities/moncton/"]
    assert links_named(response, "Halifax") == ["/en/cities/halifax/"]


def make_resource_with_relations(size):
    resource = ResourceFactory(cities=CityFactory.create_batch(2))
    for n in range(size):
        for start in (days(3 + n), days(-30 - n)):
            event = EventFactory(start=start, in_person=True, venue_city=CityFactory())
            event.related_resources.add(resource)
        PostFactory(authors=["A. Writer", "B. Writer"]).related_resources.add(resource)
    return resource


def test_the_page_costs_the_same_queries_with_2_and_with_8_related_items(
    client, themes, django_assert_num_queries
):
    two, eight = make_resource_with_relations(2), make_resource_with_relations(8)
    client.get(two.get_absolute_url())
    with_two = queries_for(client, two.get_absolute_url())
    with django_assert_num_queries(with_two):
        response = client.get(eight.get_absolute_url())
    sections = related_sections(response)
    assert [len(sections[heading]) for heading in (UPCOMING, PAST, POSTS)] == [8, 8, 8]
