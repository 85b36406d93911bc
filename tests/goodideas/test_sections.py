"""The Good Ideas shown on the home page, a theme's page and a city's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import GoodIdeaFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_six_newest_ideas(client, themes):
    now = timezone.now()
    for n in range(8):
        GoodIdeaFactory(title=f"Idea {n}", published_at=now - timedelta(days=n))
    response = client.get("/en/")
    assert pages.card_titles(response) == [f"Idea {n}" for n in range(6)]
    assert 'href="/en/good-ideas/">Browse all Good Ideas' in pages.text(response)


def test_a_theme_page_lists_its_ideas_alphabetically_and_links_to_the_filtered_list(client, themes):
    for title in ["Zoning help", "école ouverte", "Apprenticeships"]:
        GoodIdeaFactory(title=title, primary_theme=themes["learn"])
    GoodIdeaFactory(title="Other theme", primary_theme=themes["live"])
    response = client.get("/en/themes/learn/")
    assert pages.card_titles(response) == ["Apprenticeships", "école ouverte", "Zoning help"]
    assert 'href="/en/good-ideas/?theme=learn">Browse and filter all of them' in pages.text(
        response
    )


def test_a_theme_page_includes_ideas_where_it_is_a_secondary_theme(client, themes):
    GoodIdeaFactory(title="Work and learn", primary_theme=themes["work"], themes=["learn"])
    assert pages.card_titles(client.get("/en/themes/learn/")) == ["Work and learn"]


def test_a_city_page_lists_the_ideas_in_that_city(client, halifax, moncton):
    GoodIdeaFactory(title="Two cities", cities=[halifax, moncton])
    GoodIdeaFactory(title="Only Moncton", cities=[moncton])
    response = client.get("/en/cities/halifax/")
    assert pages.card_titles(response) == ["Two cities"]
    assert 'href="/en/good-ideas/?city=halifax">' in pages.text(response)
