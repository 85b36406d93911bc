"""An idea's page shows what refers to it from the other sections (webinars and events,
upcoming and past, E-Library resources, posts): each relation is entered once, on the
other item, shown on both pages, published items only, at a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    CityFactory,
    EventFactory,
    GoodIdeaFactory,
    PostFactory,
    ResourceFactory,
)
from tests.related_pages import links_named, queries_for, related_sections

pytestmark = pytest.mark.django_db

UPCOMING = "Upcoming webinars and events"
PAST = "Past webinars and events"
RESOURCES = "From the E-Library"
POSTS = "In Conversations on Integration"


def days(n):
    return (timezone.now() + timedelta(days=n)).replace(second=0, microsecond=0)


@pytest.fixture
def idea(themes, fredericton):
    return GoodIdeaFactory(
        title="Business Immigrant Mentorship",
        slug="business-immigrant-mentorship",
        cities=[fredericton],
    )


def relate_event(idea, **fields):
    event = EventFactory(**fields)
    event.related_ideas.add(idea)
    return event


def test_an_idea_shows_its_webinars_upcoming_first_then_past(client, idea):
    relate_event(idea, title="Mentoring newcomer entrepreneurs", start=days(17))
    relate_event(idea, title="Next week's exchange", start=days(7))
    relate_event(idea, title="Last year's conference", start=days(-365), takes_registrations=False)
    relate_event(idea, title="Last month's webinar", start=days(-30), takes_registrations=False)

    sections = related_sections(client.get(idea.get_absolute_url()))

    assert list(sections)[:2] == [UPCOMING, PAST]
    assert sections[UPCOMING] == ["Next week's exchange", "Mentoring newcomer entrepreneurs"]
    assert sections[PAST] == ["Last month's webinar", "Last year's conference"]


def test_an_idea_shows_the_resources_and_posts_that_reference_it(client, idea):
    toolkit = ResourceFactory(title="Immigrant Futures Toolkit", related_ideas=[idea])
    post = PostFactory(title="The toolkit is here", related_ideas=[idea])

    sections = related_sections(client.get(idea.get_absolute_url()))

    assert sections[RESOURCES] == ["Immigrant Futures Toolkit"]
    assert sections[POSTS] == ["The toolkit is here"]
    # The same relation, entered once, seen from the other side too.
    assert (
        "Business Immigrant Mentorship" in client.get(toolkit.get_absolute_url()).content.decode()
    )
    assert "Business Immigrant Mentorship" in client.get(post.get_absolute_url()).content.decode()


def test_one_language_version_of_a_resource_is_listed(client, idea):
    original = ResourceFactory(title="Immigrant Futures Toolkit", related_ideas=[idea])
    ResourceFactory(
        title="Trousse Immigrant Futures",
        language="fr",
        translation_of=original,
        related_ideas=[idea],
    )
    assert related_sections(client.get(idea.get_absolute_url()))[RESOURCES] == [
        "Immigrant Futures Toolkit"
    ]


def test_drafts_and_scheduled_items_never_appear(client, idea):
    relate_event(idea, title="Draft webinar", draft=True)
    ResourceFactory(title="Draft report", draft=True, related_ideas=[idea])
    PostFactory(title="Draft post", draft=True, related_ideas=[idea])
    PostFactory(title="Scheduled post", scheduled=True, related_ideas=[idea])

    response = client.get(idea.get_absolute_url())

    assert related_sections(response) == {}
    body = response.content.decode()
    for title in ["Draft webinar", "Draft report", "Draft post", "Scheduled post"]:
        assert title not in body


def test_where_links_to_the_city_page(client, idea):
    response = client.get(idea.get_absolute_url())
    assert links_named(response, "Fredericton") == ["/en/cities/fredericton/"]


def test_a_card_links_each_of_its_cities_to_its_page(client, idea, halifax):
    GoodIdeaFactory(title="Two-city idea", cities=[halifax], related_ideas=[idea])
    response = client.get(idea.get_absolute_url())
    assert "/en/cities/halifax/" in links_named(response, "Halifax")


def make_idea_with_relations(size):
    idea = GoodIdeaFactory(cities=CityFactory.create_batch(2))
    for n in range(size):
        for start in (days(3 + n), days(-30 - n)):
            event = EventFactory(
                start=start, cities=CityFactory.create_batch(2), themes=["work", "live"]
            )
            event.related_ideas.add(idea)
        in_person = EventFactory(in_person=True, venue_city=CityFactory(), start=days(9 + n))
        in_person.related_ideas.add(idea)
        ResourceFactory(authors=["A. Author", "B. Author"], related_ideas=[idea])
        PostFactory(authors=["C. Writer", "D. Writer"], themes=["learn"], related_ideas=[idea])
    return idea


def test_the_page_costs_the_same_queries_with_2_and_with_8_related_items(
    client, themes, django_assert_num_queries
):
    two, eight = make_idea_with_relations(2), make_idea_with_relations(8)
    client.get(two.get_absolute_url())  # warm caches filled once per process
    with_two = queries_for(client, two.get_absolute_url())
    with django_assert_num_queries(with_two):
        response = client.get(eight.get_absolute_url())
    sections = related_sections(response)
    assert len(sections[UPCOMING]) == 16 and len(sections[PAST]) == 8
    assert len(sections[RESOURCES]) == 8 and len(sections[POSTS]) == 8
