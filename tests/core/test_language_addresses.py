"""Issue 11: one address per language, old addresses answering 301, the toggle and hreflang."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db

FRENCH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "fr-CA,fr;q=0.9,en;q=0.5"}
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.8"}


def toggle_link(response):
    """The header's link to this page in the other language: (href, hreflang)."""
    html = response.content.decode()
    nav = re.search(r'<nav class="language-toggle".*?</nav>', html, re.S).group(0)
    href, hreflang = re.search(r'<a href="([^"]+)" lang="\w+" hreflang="(\w+)"', nav).groups()
    return href.replace("&amp;", "&"), hreflang


def hreflang_links(response):
    html = response.content.decode()
    return dict(
        (code, href.replace("&amp;", "&"))
        for code, href in re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html)
    )


@pytest.mark.parametrize(
    ("headers", "expected"),
    [(FRENCH_BROWSER, "/fr/"), (ENGLISH_BROWSER, "/en/"), ({}, "/en/")],
)
def test_the_root_sends_a_visitor_to_their_browser_language(client, headers, expected):
    response = client.get("/", **headers)
    assert response.status_code == 301
    assert response["Location"] == expected
    # Caches must not hand the French redirect to an English browser.
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_old_unprefixed_addresses_answer_301_with_their_query_string(client):
    idea = GoodIdeaFactory(title="Welcome centre", slug="welcome-centre")
    response = client.get("/good-ideas/?theme=live&q=welcome", **FRENCH_BROWSER)
    assert response.status_code == 301
    assert response["Location"] == "/fr/good-ideas/?theme=live&q=welcome"
    response = client.get("/good-ideas/welcome-centre/", **ENGLISH_BROWSER)
    assert response.status_code == 301
    assert response["Location"] == "/en/good-ideas/welcome-centre/"
    assert client.get(response["Location"]).context["idea"] == idea


def test_an_unknown_unprefixed_address_is_still_a_404(client):
    assert client.get("/no-such-page/").status_code == 404


def test_html_lang_and_content_language_follow_the_address_not_the_browser(client):
    french = client.get("/en/about/", **FRENCH_BROWSER)
    assert french["Content-Language"] == "en"
    assert '<html lang="en">' in french.content.decode()
    english = client.get("/fr/about/", **ENGLISH_BROWSER)
    assert english["Content-Language"] == "fr"
    assert '<html lang="fr">' in english.content.decode()


def test_the_toggle_keeps_filters_and_search(client):
    response = client.get("/en/good-ideas/", {"theme": "live", "q": "housing"})
    href, hreflang = toggle_link(response)
    assert hreflang == "fr"
    parts = urlsplit(href)
    assert parts.path == "/fr/good-ideas/"
    assert sorted(parts.query.split("&")) == ["q=housing", "theme=live"]
    back, back_language = toggle_link(client.get(href))
    assert back_language == "en"
    assert urlsplit(back).path == "/en/good-ideas/"


def test_a_translated_idea_has_its_own_slug_in_each_language_and_links_them(client):
    idea = GoodIdeaFactory(title="Welcome centre", slug="welcome-centre")
    idea.title_fr = "Centre d'accueil"
    idea.slug_fr = "centre-d-accueil"
    idea.save()
    english = client.get("/en/good-ideas/welcome-centre/")
    assert english.status_code == 200
    href, _language = toggle_link(english)
    assert href == "/fr/good-ideas/centre-d-accueil/"
    french = client.get(href)
    assert french.status_code == 200
    assert "Centre d&#x27;accueil" in french.content.decode()
    assert toggle_link(french)[0] == "/en/good-ideas/welcome-centre/"
    links = hreflang_links(french)
    assert urlsplit(links["en"]).path == "/en/good-ideas/welcome-centre/"
    assert urlsplit(links["fr"]).path == "/fr/good-ideas/centre-d-accueil/"


def test_the_other_languages_slug_redirects_to_this_languages_address(client):
    idea = GoodIdeaFactory(title="Welcome centre", slug="welcome-centre")
    idea.title_fr = "Centre d'accueil"
    idea.slug_fr = "centre-d-accueil"
    idea.save()
    response = client.get("/fr/good-ideas/welcome-centre/?utm=x")
    assert response.status_code == 301
    assert response["Location"] == "/fr/good-ideas/centre-d-accueil/?utm=x"
    response = client.get("/en/good-ideas/centre-d-accueil/")
    assert response.status_code == 301
    assert response["Location"] == "/en/good-ideas/welcome-centre/"


def test_an_untranslated_idea_keeps_its_english_slug_under_fr(client):
    idea = GoodIdeaFactory(title="Welcome centre", slug="welcome-centre")
    with override("fr"):
        assert idea.get_absolute_url() == "/fr/good-ideas/welcome-centre/"
    assert client.get("/fr/good-ideas/welcome-centre/").status_code == 200


def test_the_language_of_the_last_page_opened_is_remembered(client):
    response = client.get("/fr/about/", **ENGLISH_BROWSER)
    assert response.cookies["django_language"].value == "fr"
    # An English browser that chose French is sent to French from an old address.
    assert client.get("/about/", **ENGLISH_BROWSER)["Location"] == "/fr/about/"
    client.get("/en/about/", **FRENCH_BROWSER)
    assert client.get("/about/", **FRENCH_BROWSER)["Location"] == "/en/about/"


def test_the_cookie_is_only_sent_when_the_choice_changes(client):
    first = client.get("/fr/about/")
    assert "django_language" in first.cookies
    again = client.get("/fr/")
    assert "django_language" not in again.cookies


def test_every_head_names_both_languages(client):
    for url in ["/en/", "/fr/good-ideas/", "/en/e-library/", "/fr/learning-exchange/"]:
        links = hreflang_links(client.get(url))
        assert set(links) == {"en", "fr"}, url
        assert urlsplit(links["fr"]).path.startswith("/fr/")
        assert urlsplit(links["en"]).path.startswith("/en/")


def test_the_admin_and_machine_addresses_stay_unprefixed(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_feeds_and_calendars_set_no_language_cookie(client):
    """Clients that poll them keep no cookies: a Set-Cookie would only stop caches."""
    with override("fr"):
        feeds = [reverse("blog:feed"), reverse("events:calendar")]
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "django_language" not in response.cookies, url
    assert "django_language" in client.get("/fr/about/").cookies
