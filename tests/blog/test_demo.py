"""The demo content: written from the seeds, by an editorial byline, loadable twice."""

import pytest
from django.core.management import call_command

from blog.models import Kind, Post
from citiesofmigration.publication import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(themes):
    call_command("load_demo", verbosity=0)


def test_loading_the_demo_twice_creates_no_duplicates(demo):
    before = Post.objects.count()
    authorships = Post.authors.through.objects.count()
    call_command("load_demo", verbosity=0)
    assert Post.objects.count() == before >= 8
    assert Post.authors.through.objects.count() == authorships


def test_demo_posts_are_signed_by_the_editors_not_by_an_invented_person(demo):
    names = set(Post.objects.values_list("authors__name", flat=True))
    assert names == {"Cities of Migration editors"}


def test_the_demo_covers_every_kind_and_the_seeds_topics(demo):
    assert set(Post.objects.values_list("kind", flat=True)) == set(Kind.values)
    titles = " ".join(Post.objects.values_list("title", flat=True))
    for topic in ["Urban Sanctuary", "immigrant competent", "Metropolis", "municipal role"]:
        assert topic in titles, topic


def test_the_demo_has_one_scheduled_post_and_every_other_is_public(demo):
    scheduled = Post.objects.filter(status=Status.PUBLISHED).exclude(
        pk__in=Post.objects.published().values("pk")
    )
    assert [post.slug for post in scheduled] == ["making-the-case-to-council"]


def test_demo_posts_link_to_good_ideas_that_exist(demo):
    from citiesofmigration.demo import read_fixture

    for record in read_fixture("blog.json"):
        post = Post.objects.get(slug=record["slug"])
        assert post.related_ideas.count() == len(record["related_ideas"]), record["slug"]


def test_every_demo_page_renders(client, demo):
    for post in Post.objects.published():
        assert client.get(post.get_absolute_url()).status_code == 200, post.slug
    assert client.get("/conversations/").status_code == 200
