"""The demo content: written from the seeds, by an editorial byline, loadable twice."""

import html

import pytest
from django.core.management import call_command
from django.utils.translation import override

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
    assert client.get("/en/conversations/").status_code == 200


# -- in French (issue 11) ------------------------------------------------------------------


def test_every_demo_post_has_a_french_title_and_summary_and_three_are_whole(demo):
    posts = Post.objects.all()
    for post in posts:
        assert post.title_fr and post.title_fr != post.title_en, post.slug_en
        assert post.summary_fr and post.summary_fr != post.summary_en, post.slug_en
    whole = [post for post in posts if post.body_fr and "<h2>" in post.body_fr]
    assert len(whole) >= 3


def test_a_post_reads_in_french_at_its_french_address(client, demo):
    post = Post.objects.get(slug_en="why-cities-learn-from-cities")
    with override("fr"):
        url = post.get_absolute_url()
    assert url.startswith("/fr/") and post.slug_fr in url
    response = client.get(url)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert '<html lang="fr"' in page
    assert "Pourquoi Toronto devrait pouvoir apprendre de Lisbonne" in page
    assert "Ce que le portail offre" in page
    assert "What the portal offers" not in page
