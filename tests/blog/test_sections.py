"""Latest posts on the home page, a theme's page and a city's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.blog import pages
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_three_latest_posts(client, themes):
    now = timezone.now()
    for n in range(4):
        PostFactory(title=f"Post {n}", published_at=now - timedelta(days=10 - n))
    PostFactory(title="Draft", draft=True)
    PostFactory(title="Scheduled", scheduled=True)
    response = client.get("/en/")
    html = pages.text(response)
    assert "Latest from Conversations on Integration" in html
    titles = [title for title in pages.card_titles(response) if title.startswith("Post")]
    assert titles == ["Post 3", "Post 2", "Post 1"]
    assert "Draft" not in pages.card_titles(response)
    assert "Scheduled" not in pages.card_titles(response)
    assert 'href="/en/conversations/">Read all conversations' in html


def test_a_theme_page_shows_posts_under_that_theme_with_a_link_to_the_filtered_list(client, themes):
    PostFactory(title="About planning", themes=["plan"])
    PostFactory(title="About work", themes=["work"])
    response = client.get("/en/themes/plan/")
    assert "About planning" in pages.card_titles(response)
    assert "About work" not in pages.card_titles(response)
    assert 'href="/en/conversations/?theme=plan"' in pages.text(response)


def test_a_city_page_shows_posts_about_that_city(client, themes, halifax):
    PostFactory(title="Welcome in Halifax", cities=[halifax])
    PostFactory(title="Elsewhere")
    response = client.get("/en/cities/halifax/")
    assert "Welcome in Halifax" in pages.card_titles(response)
    assert "Elsewhere" not in pages.card_titles(response)


def test_the_site_search_finds_published_posts_and_links_to_the_filtered_list(client, themes):
    PostFactory(title="Sanctuary cities compared")
    PostFactory(title="Sanctuary draft", draft=True)
    PostFactory(title="Sanctuary later", scheduled=True)
    response = client.get("/en/search/", {"q": "sanctuary"})
    assert "Conversations on Integration" in pages.text(response)
    titles = pages.card_titles(response)
    assert "Sanctuary cities compared" in titles
    assert "Sanctuary draft" not in titles and "Sanctuary later" not in titles
    assert 'href="/en/conversations/?q=sanctuary"' in pages.text(response)
