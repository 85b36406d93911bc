import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)


def test_site_search_shows_matches_from_every_section_with_links_to_their_filters(client, demo):
    html = client.get("/search/", {"q": "sanctuary"}).content.decode()
    assert "Access without fear" in html  # a Good Idea
    assert "The Municipal Role in Immigration" in html  # an E-Library report
    assert 'href="/good-ideas/?q=sanctuary"' in html
    assert 'href="/e-library/?q=sanctuary"' in html
    assert "<mark>sanctuary</mark>" in html


def test_site_search_says_so_when_nothing_matches(client, demo):
    response = client.get("/search/", {"q": "zzqqxx"})
    assert response.status_code == 200
    assert "Nothing matches" in response.content.decode()


def test_site_search_survives_junk_input(client, demo):
    for junk in ["\x00", "x" * 10_000, "'; DROP TABLE goodideas_goodidea; --", ""]:
        assert client.get("/search/", {"q": junk}).status_code == 200


def test_every_page_has_a_labelled_site_search_in_the_header(client, demo):
    html = client.get("/").content.decode()
    assert '<search class="site-search">' in html
    assert 'for="site-search-q"' in html and 'id="site-search-q"' in html
