"""A post's page: author bios, related Good Ideas, previous and next, and who may see it."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from citiesofmigration.models import Organisation
from tests.blog import pages
from tests.factories import GoodIdeaFactory, PersonFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_post_with_its_authors_bios_in_order(client, themes):
    organisation = Organisation.objects.create(
        name="Institute of Examples", website="https://example.org/"
    )
    first = PersonFactory(
        name="Ada Example", role="Researcher", organisation=organisation, bio="Studies cities."
    )
    second = PersonFactory(name="Bo Sample", bio="Writes about transit.")
    post = PostFactory(
        title="Sanctuary in practice",
        summary="How cities open services to everyone.",
        body="<p>The <strong>body</strong> of the post.</p><script>alert(1)</script>",
        authors=[second, first],
        themes=["live"],
        tags=["sanctuary"],
    )
    html = pages.text(client.get(post.get_absolute_url()))
    assert "<h1>Sanctuary in practice</h1>" in html
    assert "<strong>body</strong>" in html
    assert "<script>alert(1)</script>" not in html  # sanitised when saved
    assert "About the authors" in html
    assert html.index("Bo Sample") < html.index("Ada Example")
    assert "Studies cities." in html and "Writes about transit." in html
    assert '<a href="https://example.org/" rel="noopener">Institute of Examples</a>' in html
    assert 'href="/en/conversations/?tag=sanctuary"' in html
    assert 'href="/en/conversations/?theme=live"' in html
    assert f'href="/en/conversations/?author={first.slug}"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_the_page_describes_the_post_for_search_engines(client, themes):
    post = PostFactory(title="Structured", authors=["Ada Example"])
    html = pages.text(client.get(post.get_absolute_url()))
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html)
    data = json.loads(found[1])
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Structured"
    assert data["author"] == [{"@type": "Person", "name": "Ada Example"}]
    assert data["datePublished"] == post.published_at.isoformat()


def test_only_published_related_good_ideas_are_shown(client, themes):
    shown = GoodIdeaFactory(title="Welcome pass")
    hidden = GoodIdeaFactory(title="Idea in draft", draft=True)
    post = PostFactory(related_ideas=[shown, hidden])
    response = client.get(post.get_absolute_url())
    assert "Related Good Ideas" in pages.text(response)
    assert "Welcome pass" in pages.card_titles(response)
    assert "Idea in draft" not in pages.text(response)


def test_only_published_related_resources_and_events_are_shown(client, themes):
    from tests.factories import EventFactory, ResourceFactory

    post = PostFactory()
    post.related_resources.set(
        [ResourceFactory(title="Toolkit for councils"), ResourceFactory(title="Draft", draft=True)]
    )
    post.related_events.set(
        [EventFactory(title="Webinar on welcoming"), EventFactory(title="Hidden", draft=True)]
    )
    response = client.get(post.get_absolute_url())
    text = pages.text(response)
    assert "From the E-Library" in text and "Learning Exchange events" in text
    assert "Toolkit for councils" in text and "Webinar on welcoming" in text
    assert "Draft" not in pages.card_titles(response)
    assert "Hidden" not in text


def test_without_related_ideas_there_is_no_empty_section(client, themes):
    post = PostFactory()
    assert "Related Good Ideas" not in pages.text(client.get(post.get_absolute_url()))


def test_previous_and_next_lead_to_the_neighbouring_published_posts(client, themes):
    now = timezone.now()
    oldest = PostFactory(title="Oldest", published_at=now - timedelta(days=30))
    PostFactory(title="A draft in between", draft=True)
    middle = PostFactory(title="Middle", published_at=now - timedelta(days=20))
    PostFactory(title="Scheduled", scheduled=True)
    newest = PostFactory(title="Newest", published_at=now - timedelta(days=10))

    html = pages.text(client.get(middle.get_absolute_url()))
    assert re.search(rf'href="{oldest.get_absolute_url()}" rel="prev"', html)
    assert re.search(rf'href="{newest.get_absolute_url()}" rel="next"', html)
    newest_html = pages.text(client.get(newest.get_absolute_url()))
    assert 'rel="next"' not in newest_html  # the scheduled post is not next yet
    assert re.search(rf'href="{middle.get_absolute_url()}" rel="prev"', newest_html)
    assert 'rel="prev"' not in pages.text(client.get(oldest.get_absolute_url()))


def test_posts_published_at_the_same_moment_each_have_a_neighbour(client, themes):
    moment = timezone.now() - timedelta(days=1)
    first, second = PostFactory(published_at=moment), PostFactory(published_at=moment)
    assert second.get_absolute_url() in pages.text(client.get(first.get_absolute_url()))
    assert first.get_absolute_url() in pages.text(client.get(second.get_absolute_url()))


@pytest.mark.parametrize("trait", ["draft", "in_review", "scheduled", "archived"])
def test_unpublished_posts_are_not_found_by_the_public(client, themes, trait):
    post = PostFactory(**{trait: True})
    assert client.get(post.get_absolute_url()).status_code == 404


def test_editors_preview_a_scheduled_post_which_search_engines_do_not_index(editor_client, themes):
    post = PostFactory(title="Coming soon", scheduled=True)
    response = editor_client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "this post is scheduled and becomes public on" in pages.text(response)
    assert 'id="comment-form"' not in pages.text(response)


def test_staff_without_the_editors_permissions_see_no_preview(staff_client, themes):
    post = PostFactory(draft=True)
    assert staff_client.get(post.get_absolute_url()).status_code == 404


def test_a_scheduled_post_appears_on_its_date(client, themes, clock):
    post = PostFactory(
        title="On its date", published_at=timezone.now() + timedelta(hours=1), tags=["later"]
    )
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "On its date" not in pages.result_titles(client.get("/en/conversations/"))
    clock.advance(hours=2)
    assert client.get(post.get_absolute_url()).status_code == 200
    listing = client.get("/en/conversations/")
    assert pages.result_titles(listing) == ["On its date"]
    assert pages.counts(listing, "tag") == {"later": 1}


def test_an_unknown_post_gives_the_friendly_404(client, db):
    response = client.get("/en/conversations/no-such-post/")
    assert response.status_code == 404
    assert "We could not find the page you asked for" in pages.text(response)


def test_a_post_with_an_image_shows_it_with_its_description(client, themes, settings, tmp_path):
    from django.core.files.base import ContentFile

    from tests.blog.test_images import png_bytes

    settings.MEDIA_ROOT = tmp_path
    post = PostFactory()
    post.image = ContentFile(png_bytes(), name="photo.png")
    post.image_alt = "People queueing at a welcome centre"
    post.save()
    html = pages.text(client.get(post.get_absolute_url()))
    assert re.search(
        r'<img src="/media/conversations/[0-9a-f]{32}\.png" '
        r'alt="People queueing at a welcome centre"',
        html,
    )
    assert '<meta property="og:image" content="http://testserver/media/conversations/' in html


def test_a_post_page_costs_the_same_queries_with_more_authors_comments_and_ideas(
    client, themes, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PostCommentFactory

    def detailed_post(size):
        post = PostFactory(
            authors=[PersonFactory() for _ in range(size)],
            themes=["live", "work"][: min(size, 2)],
            tags=[f"tag {n}" for n in range(size)],
            related_ideas=[GoodIdeaFactory() for _ in range(size)],
        )
        PostCommentFactory.create_batch(size, post=post, approved=True)
        return post

    small, large = detailed_post(1), detailed_post(6)
    client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        client.get(small.get_absolute_url())
    with django_assert_num_queries(len(captured.captured_queries)):
        client.get(large.get_absolute_url())
