"""Regression tests for the public 500s found by a hostile tester (issue 9): each input
that gave an error page now gets a normal answer, and the feature it touched still works.
The broad sweep over every public address is tests/core/test_fuzz_public_urls.py."""

import re

import pytest
from django.urls import reverse

from citiesofmigration.search import MAX_QUERY_TERMS, clean_query
from events import links
from tests.events import pages as event_pages
from tests.factories import (
    EventFactory,
    GoodIdeaFactory,
    PostFactory,
    RegistrationFactory,
    ResourceFactory,
    SubscriberFactory,
)
from tests.goodideas import pages as idea_pages

pytestmark = pytest.mark.django_db

SEARCH_PAGES = [
    "/en/search/",
    "/en/good-ideas/",
    "/en/e-library/",
    "/en/learning-exchange/",
    "/en/learning-exchange/archive/",
    "/en/conversations/",
]

# Each made PostgreSQL refuse the query ("tsquery stack too small"): a 500 on every page.
OPERATOR_PILES = {
    "33 hyphens": "-" * 33,
    "40 hyphens between words": "welcome " + "-" * 40 + " centre",
    "spaced hyphens": "- " * 40 + "welcome",
    "hyphens and quotes": '-"-"' * 30 + "welcome",
    "hyphens after a word": "welcome" + " --" * 60,
}


@pytest.fixture
def content(themes):
    GoodIdeaFactory(title="Refugee welcome centre", summary="A welcome centre.")
    GoodIdeaFactory(title="Housing help desk", summary="Help with housing.")
    ResourceFactory(title="Welcome centre report")
    PostFactory(title="A welcome centre opens")
    EventFactory(title="Welcome centre webinar")
    EventFactory(title="Past welcome centre webinar", past=True)


@pytest.mark.parametrize("query", OPERATOR_PILES.values(), ids=OPERATOR_PILES.keys())
@pytest.mark.parametrize("page", SEARCH_PAGES)
def test_piles_of_search_operators_get_a_normal_page(client, content, page, query):
    assert client.get(page, {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "typed, searched",
    [
        ("refugees -housing", "refugees -housing"),
        ('"welcome centre" or library', '"welcome centre" or library'),
        ("well-being", "well-being"),
        ("welcome " + "-" * 40 + " centre", "welcome centre"),
        ("--housing", "-housing"),
        ("- - - housing", "housing"),
        ("wel\x00come\u2028centre", "wel come centre"),
        ("x " * 100, ("x " * MAX_QUERY_TERMS).strip()),
    ],
)
def test_the_search_box_shows_what_was_searched(typed, searched):
    assert clean_query(typed) == searched


def test_search_still_understands_phrases_or_and_a_single_minus(client, content):
    def titles(query):
        return sorted(idea_pages.result_titles(client.get("/en/good-ideas/", {"q": query})))

    assert titles("welcome") == ["Refugee welcome centre"]
    assert titles('"welcome centre"') == ["Refugee welcome centre"]
    assert titles("welcome or housing") == ["Housing help desk", "Refugee welcome centre"]
    assert titles("help -welcome") == ["Housing help desk"]
    assert titles("help " + "-" * 40 + "welcome") == ["Housing help desk"]


# (address, method) of every page behind a secret link.
TOKEN_PAGES = [
    ("/en/conversations/newsletter/unsubscribe/{}/", "get"),
    ("/en/conversations/newsletter/unsubscribe/{}/", "post"),
    ("/en/conversations/newsletter/confirm/{}/", "get"),
    ("/en/conversations/newsletter/confirm/{}/", "post"),
    ("/en/learning-exchange/registration/{}/", "get"),
    ("/en/learning-exchange/registration/{}/cancel/", "post"),
    ("/en/learning-exchange/registration/{}/resend/", "post"),
]
BAD_TOKENS = {
    "NUL inside": "a%00b",
    "only NUL": "%00",
    "line separator": "a%E2%80%A8b",
    "overlong": "x" * 5000,
    "accented": "r%C3%A9sum%C3%A9",
    "emoji": "%F0%9F%98%80",
    "quote and semicolon": "a%27%3Bb",
}


@pytest.mark.parametrize("token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
@pytest.mark.parametrize("template, method", TOKEN_PAGES)
def test_a_link_with_a_malformed_secret_is_not_found(client, template, method, token):
    assert getattr(client, method)(template.format(token)).status_code == 404


def test_a_mistyped_newsletter_link_still_says_what_went_wrong(client, db):
    response = client.get("/en/conversations/newsletter/unsubscribe/r%C3%A9sum%C3%A9/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_real_links_still_work(client, db):
    subscriber = SubscriberFactory()
    unsubscribe = reverse(
        "blog:newsletter_unsubscribe", kwargs={"token": subscriber.unsubscribe_token}
    )
    assert client.get(unsubscribe).status_code == 200
    registration = RegistrationFactory()
    assert client.get(links.manage_path(registration)).status_code == 200


OUT_OF_RANGE_DATES = {
    "year 0 month": "month=0000-01",
    "month 13": "month=2026-13",
    "month 0": "month=2026-00",
    "year 1 month": "month=0001-01",
    "year 9999 month": "month=9999-12",
    "year 0": "year=0",
    "year 0000": "year=0000",
    "year 9999": "year=9999",
    "negative year": "year=-1",
    "huge year": "year=99999999999999999999",
}
DATED_LISTS = ["/en/learning-exchange/", "/en/learning-exchange/archive/", "/en/conversations/"]
DATED_LISTS += ["/en/good-ideas/", "/en/e-library/"]


@pytest.mark.parametrize("query", OUT_OF_RANGE_DATES.values(), ids=OUT_OF_RANGE_DATES.keys())
@pytest.mark.parametrize("page", DATED_LISTS)
def test_out_of_range_dates_get_a_normal_page(client, content, page, query):
    assert client.get(f"{page}?{query}").status_code == 200


def test_a_year_zero_month_is_ignored_on_the_learning_exchange(client, content):
    everything = event_pages.result_titles(client.get("/en/learning-exchange/"))
    response = client.get("/en/learning-exchange/?month=0000-01")
    assert response.status_code == 200
    assert event_pages.result_titles(response) == everything == ["Welcome centre webinar"]
    # Not shown as a chosen month anywhere in the page's content (the language links in
    # the header keep the address as it was asked, query string included).
    main = re.search(r"<main\b.*?</main>", event_pages.text(response), re.S).group(0)
    assert "0000-01" not in main
