"""A post's relations (ideas, resources, events) are entered once, on the post, and
shown on both pages; the cities it names link to their pages."""

import pytest

from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, ResourceFactory
from tests.related_pages import links_named, related_sections

pytestmark = pytest.mark.django_db


def test_each_relation_entered_on_the_post_shows_on_both_pages(client, themes):
    idea = GoodIdeaFactory(title="Business Immigrant Mentorship")
    resource = ResourceFactory(title="Immigrant Futures Toolkit")
    event = EventFactory(title="Mentoring newcomer entrepreneurs")
    post = PostFactory(title="From refugee to entrepreneur", related_ideas=[idea])
    post.related_resources.add(resource)
    post.related_events.add(event)

    on_the_post = related_sections(client.get(post.get_absolute_url()))
    assert on_the_post["Related Good Ideas"] == ["Business Immigrant Mentorship"]
    assert on_the_post["From the E-Library"] == ["Immigrant Futures Toolkit"]
    assert on_the_post["Learning Exchange events"] == ["Mentoring newcomer entrepreneurs"]

    for item in (idea, resource, event):
        sections = related_sections(client.get(item.get_absolute_url()))
        assert sections["In Conversations on Integration"] == ["From refugee to entrepreneur"]


def test_an_unpublished_post_is_not_shown_on_the_pages_it_relates_to(client, themes):
    idea = GoodIdeaFactory(title="Business Immigrant Mentorship")
    PostFactory(title="Still a draft", draft=True, related_ideas=[idea])
    PostFactory(title="Next week's post", scheduled=True, related_ideas=[idea])
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "Still a draft" not in body
    assert "Next week's post" not in body


def test_the_cities_a_post_names_link_to_their_pages(client, halifax):
    post = PostFactory(cities=[halifax])
    assert links_named(client.get(post.get_absolute_url()), "Halifax") == ["/en/cities/halifax/"]
