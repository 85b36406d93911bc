"""Whatever arrives in the address, the list answers with a normal page, never an error."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import GoodIdeaFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db

LIST = "/en/good-ideas/"

ODD_QUERIES = {
    "unknown facet values": "theme=swim&country=XX&region=atlantis&status=maybe&city=nowhere",
    "a year that is no number": "year=abc",
    "a year too long": "year=20245",
    "a page that is no number": "page=abc",
    "a huge page number": "page=999999999999",
    "a negative page": "page=-1",
    "NUL in the search": "q=refu%00gees",
    "only NUL in the search": "q=%00",
    "NUL in a facet value": "theme=wo%00rk&country=%00",
    "NUL in the page": "page=%00",
    "NUL in the sort": "sort=title%00",
    "a very long search": "q=" + "integration+" * 900,
    "one very long word": "q=" + "x" * 10_000,
    "500 empty theme values": "&".join(["theme="] * 500),
    "500 different theme values": "&".join(f"theme=t{n}" for n in range(500)),
    "SQL in the sort": "sort=%3B+DROP+TABLE+goodideas_goodidea%3B",
    "SQL in the search": "q=%27%3B+DROP+TABLE+goodideas_goodidea%3B+--",
    "tsquery operators": "q=%21%26%7C%3A*%28%29%3C-%3E",
    "an unbalanced quote": "q=%22refugees",
    "only stop words": "q=the+and+of",
    "only punctuation": "q=---",
    "markup in every parameter": "q=%3Cscript%3E&theme=%3Cscript%3E&sort=%3Cscript%3E",
    "invalid UTF-8": "q=%FF%FE&theme=%C3",
    "a search and an unknown value": "q=refugees&theme=swim",
}


@pytest.fixture
def ideas(themes, halifax):
    now = timezone.now()
    return [
        GoodIdeaFactory(
            title=f"Refugee welcome {n:02}", cities=[halifax], published_at=now - timedelta(days=n)
        )
        for n in range(1, 15)
    ]


@pytest.mark.parametrize("query", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_odd_input_gives_a_normal_page(client, ideas, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    body = pages.text(response)
    assert "<h1>Good Ideas in Integration</h1>" in body
    assert "<script>" not in body.split("</main>")[0]


def test_a_page_number_that_is_no_number_shows_the_first_page(client, ideas):
    response = client.get(LIST, {"page": "abc"})
    assert pages.result_titles(response)[0] == "Refugee welcome 01"


@pytest.mark.parametrize("page", ["999999999999", "3"])
def test_a_page_past_the_end_shows_the_last_page(client, ideas, page):
    response = client.get(LIST, {"page": page})
    assert pages.result_titles(response) == ["Refugee welcome 13", "Refugee welcome 14"]


def test_malformed_facet_values_are_ignored(client, ideas):
    response = client.get(f"{LIST}?year=abc&theme=wo%00rk")
    assert pages.result_count(response) == "14 results"
    assert pages.chips(response) == []


def test_an_unknown_value_matches_nothing_and_can_be_removed(client, ideas):
    response = client.get(LIST, {"theme": "swim"})
    assert pages.result_count(response) == "0 results"
    [chip] = pages.chips(response)
    assert chip.label == "swim" and chip.params == {}


def test_a_search_with_a_nul_byte_searches_for_the_words_around_it(client, ideas):
    response = client.get(f"{LIST}?q=welcome%0001")
    assert pages.result_titles(response) == ["Refugee welcome 01"]
    assert 'value="welcome 01"' in pages.text(response)


def test_a_very_long_search_is_cut_to_the_length_the_field_allows(client, ideas):
    response = client.get(LIST, {"q": "refugee " * 2000})
    assert response.status_code == 200
    shown = pages.text(response).split('name="q" id="id_q" value="')[1].split('"')[0]
    assert len(shown) <= 200


def test_hundreds_of_repeated_values_do_not_flood_the_page_with_chips(client, ideas):
    response = client.get(f"{LIST}?" + "&".join(f"theme=t{n}" for n in range(500)))
    assert len(pages.chips(response)) <= 30


def test_the_list_refuses_to_be_posted_to(client, ideas):
    assert client.post(LIST, {"q": "x"}).status_code == 405


@pytest.mark.parametrize("path", ["/en/good-ideas/no-such-idea/", "/en/good-ideas/%00/"])
def test_an_unknown_idea_is_a_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We could not find the page you asked for" in pages.text(response)
