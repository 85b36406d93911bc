"""An event's page shows the posts that refer to it (entered once, on the post) besides the
ideas and resources entered on the event; place names link to city pages; published items
only, at a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CityFactory, CountryFactory, EventFactory, PostFactory
from tests.related_pages import links_named, queries_for, related_sections

pytestmark = pytest.mark.django_db

POSTS = "In Conversations on Integration"


def test_an_event_shows_the_posts_that_reference_it_newest_first(client, webinar):
    older = PostFactory(title="Before the webinar")
    older.published_at = timezone.now() - timedelta(days=10)
    older.save()
    older.related_events.add(webinar)
    PostFactory(title="What we heard").related_events.add(webinar)
    PostFactory(title="Not yet written", draft=True).related_events.add(webinar)

    response = client.get(webinar.get_absolute_url())

    assert related_sections(response)[POSTS] == ["What we heard", "Before the webinar"]
    assert "Not yet written" not in response.content.decode()


def test_the_post_shows_the_event_too(client, webinar):
    post = PostFactory(title="What we heard")
    post.related_events.add(webinar)
    sections = related_sections(client.get(post.get_absolute_url()))
    assert sections["Learning Exchange events"] == ["Welcoming policies in practice"]


def test_the_venue_city_links_to_its_page_on_the_event_and_on_cards(client, halifax_city):
    event = EventFactory(
        title="Halifax workshop", in_person=True, venue="Central Library", venue_city=halifax_city
    )
    detail = client.get(event.get_absolute_url())
    # In the header line, the "Where" facts and the cities involved.
    assert set(links_named(detail, "Halifax")) == {"/en/cities/halifax/"}
    assert len(links_named(detail, "Halifax")) == 3
    assert "Central Library, 1 Sample Street, " in detail.content.decode()

    listing = client.get("/en/learning-exchange/")
    assert links_named(listing, "Halifax") == ["/en/cities/halifax/"]


def make_event_with_posts(size):
    canada = CountryFactory()
    event = EventFactory(in_person=True, venue_city=CityFactory(country=canada))
    for _ in range(size):
        post = PostFactory(authors=["A. Writer", "B. Writer"], themes=["live"])
        post.related_events.add(event)
    return event


def test_the_page_costs_the_same_queries_with_2_and_with_8_posts(
    client, themes, django_assert_num_queries
):
    two, eight = make_event_with_posts(2), make_event_with_posts(8)
    client.get(two.get_absolute_url())
    with_two = queries_for(client, two.get_absolute_url())
    with django_assert_num_queries(with_two):
        response = client.get(eight.get_absolute_url())
    assert len(related_sections(response)[POSTS]) == 8
