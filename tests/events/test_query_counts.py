"""Pages cost the same number of queries however many events and registrations exist."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    CityFactory,
    EventFactory,
    EventPersonFactory,
    GoodIdeaFactory,
    OrganisationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def add_events(count, *, offset=0, past=False):
    for n in range(offset, offset + count):
        start = timezone.now() + timedelta(days=(-1 if past else 1) * (3 + n * 9))
        event = EventFactory(
            title=f"Integration event {n}",
            summary=f"Integration of newcomers, session {n}.",
            start=start,
            takes_registrations=not past,
            cities=CityFactory.create_batch(2),
            themes=["work", "learn", "live"][: 1 + n % 3],
            tags=[f"topic {n}", "integration"],
            hosts=[OrganisationFactory()],
            capacity=5,
        )
        RegistrationFactory.create_batch(2, event=event)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


PAGES = {
    "upcoming, everything": ("/en/learning-exchange/", False),
    "upcoming, filtered": ("/en/learning-exchange/?theme=work&kind=webinar", False),
    "upcoming, searched": ("/en/learning-exchange/?q=integration+newcomers", False),
    "archive, everything": ("/en/learning-exchange/archive/", True),
    "archive, a year": (f"/en/learning-exchange/archive/?year={timezone.now().year}", True),
    "archive, searched, page 2": ("/en/learning-exchange/archive/?q=integration&page=2", True),
    "archive, misspelt": ("/en/learning-exchange/archive/?q=integrashun", True),
}


@pytest.mark.parametrize("url, past", PAGES.values(), ids=PAGES.keys())
def test_list_pages_cost_the_same_queries_with_5_and_with_30_events(
    client, themes, django_assert_num_queries, url, past
):
    add_events(5, past=past)
    client.get(url)  # warm caches filled once per process
    with_five = queries_for(client, url)
    add_events(25, offset=5, past=past)
    with django_assert_num_queries(with_five):
        client.get(url)


def test_the_upcoming_list_stays_within_a_small_fixed_number_of_queries(
    client, themes, django_assert_max_num_queries
):
    add_events(30)
    client.get("/en/learning-exchange/")
    # session-free page: count, page, cities, themes, one per facet (4), search checks
    with django_assert_max_num_queries(10):
        client.get("/en/learning-exchange/?theme=work")


def make_detailed_event(size):
    event = EventFactory(
        cities=CityFactory.create_batch(size),
        themes=["learn", "live", "plan"][: min(size, 3)],
        tags=[f"detail tag {n}" for n in range(size)],
        hosts=OrganisationFactory.create_batch(size),
        capacity=size,
    )
    event.partners.set(OrganisationFactory.create_batch(size))
    event.related_ideas.set(
        [GoodIdeaFactory(cities=CityFactory.create_batch(2)) for _ in range(size)]
    )
    for _ in range(size):
        EventPersonFactory(event=event)
    RegistrationFactory.create_batch(size, event=event)
    return event


def test_the_detail_page_costs_the_same_queries_however_many_relations(
    client, themes, django_assert_num_queries
):
    small, large = make_detailed_event(1), make_detailed_event(8)
    client.get(small.get_absolute_url())
    with_one = queries_for(client, small.get_absolute_url())
    with django_assert_num_queries(with_one):
        client.get(large.get_absolute_url())


@pytest.mark.parametrize("url", ["/en/", "/en/themes/work/"])
def test_pages_with_an_events_section_cost_the_same_with_more_events(
    client, themes, django_assert_num_queries, url
):
    add_events(3)
    client.get(url)
    with_three = queries_for(client, url)
    add_events(20, offset=3)
    with django_assert_num_queries(with_three):
        client.get(url)


def test_the_admin_list_of_events_counts_registrants_without_a_query_per_event(
    editor_client, themes, django_assert_num_queries
):
    add_events(3)
    url = "/admin/events/event/"
    editor_client.get(url)
    with_three = queries_for(editor_client, url)
    add_events(20, offset=3)
    with django_assert_num_queries(with_three):
        editor_client.get(url)


def test_the_admin_list_of_registrations_costs_the_same_with_more_rows(
    editor_client, themes, django_assert_num_queries
):
    add_events(2)
    url = "/admin/events/registration/"
    editor_client.get(url)
    with_few = queries_for(editor_client, url)
    add_events(20, offset=2)
    with django_assert_num_queries(with_few):
        editor_client.get(url)
