import re

import pytest
from django.urls import reverse

from citiesofmigration.models import Theme

pytestmark = pytest.mark.django_db


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_home_shows_the_five_themes_linked_to_their_pages(client, themes):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    for slug in ["live", "work", "learn", "connect", "plan"]:
        assert f'href="/en/themes/{slug}/"' in html
    # In the seeds' order: Live, Work, Learn, Connect, Plan.
    positions = [
        html.index(f"/themes/{slug}/") for slug in ["live", "work", "learn", "connect", "plan"]
    ]
    assert positions == sorted(positions)


def test_every_page_has_landmarks_a_skip_link_and_one_h1(client, themes):
    for url in ["/en/", "/en/about/", "/en/themes/work/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert 'href="#main"' in html, url
        assert '<main id="main"' in html, url
        assert "<header" in html and "<footer" in html and "<nav" in html, url
        assert h1_count(html) == 1, url


def test_theme_page_shows_the_description_an_editor_wrote(client, themes):
    theme = themes["connect"]
    theme.description = "Edited by an editor in the admin."
    theme.save()
    response = client.get(reverse("theme", kwargs={"slug": "connect"}))
    assert "Edited by an editor in the admin." in response.content.decode()


def test_unknown_theme_and_unknown_url_give_the_friendly_404(client, themes):
    for url in ["/en/themes/swim/", "/nothing/here/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "We could not find the page you asked for" in response.content.decode()


def test_about_page_is_written_from_the_seeds(client):
    html = client.get("/en/about/").content.decode()
    assert "Maytree" in html
    assert "Metropolis" in html


def test_navigation_marks_the_current_section(client):
    html = client.get("/en/about/").content.decode()
    assert re.search(r'href="/en/about/" aria-current="page"', html)


def test_post_to_a_read_only_page_is_refused(client):
    assert client.post("/en/").status_code == 405


def test_themes_are_a_fixed_set_of_five_created_by_migrations(db):
    assert list(Theme.objects.values_list("name", flat=True)) == [
        "Live",
        "Work",
        "Learn",
        "Connect",
        "Plan",
    ]
    assert all(len(theme.description.split()) > 30 for theme in Theme.objects.all())
