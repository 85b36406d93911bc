"""Editors write posts in the admin: authors in order, scheduling, search kept current."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from blog.models import Post
from tests.blog import pages
from tests.blog.test_images import admin_form, errors_in
from tests.factories import PersonFactory, PostCommentFactory, PostFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/blog/post/add/"


def test_an_editor_writes_a_post_with_two_authors_that_search_then_finds(editor_client, themes):
    first, second = PersonFactory(name="Ada Example"), PersonFactory(name="Bo Sample")
    response = editor_client.post(
        ADD,
        admin_form(
            title_en="Transit passes for newcomers",
            slug_en="transit-passes",
            status="published",
            themes=[themes["live"].pk],
            tags="transit, refugees",
            **{
                "authorships-TOTAL_FORMS": "2",
                "authorships-0-person": second.pk,
                "authorships-0-position": "0",
                "authorships-1-person": first.pk,
                "authorships-1-position": "1",
            },
        ),
    )
    assert response.status_code == 302, errors_in(response)
    post = Post.objects.with_authors().get(slug="transit-passes")
    assert post.ordered_authors == [second, first]
    assert post.is_public
    # The stored search vector includes the authors and tags saved after the post itself.
    assert pages.result_titles(Client().get("/en/conversations/", {"q": "Sample"})) == [
        "Transit passes for newcomers"
    ]
    assert pages.result_titles(Client().get("/en/conversations/", {"q": "refugees"})) == [
        "Transit passes for newcomers"
    ]


def test_a_future_publication_date_schedules_the_post(editor_client, themes):
    later = timezone.localtime() + timedelta(days=3)
    response = editor_client.post(
        ADD,
        admin_form(
            status="published",
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert not post.is_public
    assert Client().get(post.get_absolute_url()).status_code == 404


def test_the_post_list_shows_posts_in_review_first_and_comments_to_moderate(editor_client, themes):
    PostFactory(title="Published one")
    waiting = PostFactory(title="Waiting for review", in_review=True)
    PostCommentFactory.create_batch(2, post=waiting)
    PostCommentFactory(post=waiting, approved=True)
    html = editor_client.get("/admin/blog/post/").content.decode()
    assert html.index("Waiting for review") < html.index("Published one")
    assert '<td class="field-pending_comments">2</td>' in html


def test_every_blog_admin_page_opens_for_editors(editor_client, themes):
    post = PostFactory()
    comment = PostCommentFactory(post=post)
    for url in [
        "/admin/blog/post/",
        f"/admin/blog/post/{post.pk}/change/",
        "/admin/blog/comment/",
        f"/admin/blog/comment/{comment.pk}/change/",
        "/admin/blog/subscriber/",
        "/admin/blog/newsletterissue/",
        "/admin/blog/newsletterissue/add/",
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_deleting_an_author_who_wrote_posts_is_refused(themes):
    from django.db.models import ProtectedError

    author = PersonFactory()
    PostFactory(authors=[author])
    with pytest.raises(ProtectedError):
        author.delete()
