"""The faceted list at /good-ideas/: filters, counts, chips, sorting and pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import GoodIdeaFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db

LIST = "/en/good-ideas/"


@pytest.fixture
def catalogue(themes, halifax, moncton, munich):
    """Five published ideas: work and learn in Canada, work in Germany, live in Canada."""
    return {
        "work-ca": GoodIdeaFactory(
            title="Mentors for newcomer founders", primary_theme=themes["work"], cities=[halifax]
        ),
        "learn-ca": GoodIdeaFactory(
            title="Library language cafés", primary_theme=themes["learn"], cities=[moncton]
        ),
        "work-learn-ca": GoodIdeaFactory(
            title="Apprenticeships with language classes",
            primary_theme=themes["work"],
            themes=["learn"],
            cities=[moncton, halifax],
        ),
        "work-de": GoodIdeaFactory(
            title="Job coaching in Munich", primary_theme=themes["work"], cities=[munich]
        ),
        "live-ca": GoodIdeaFactory(
            title="Transit passes for refugees", primary_theme=themes["live"], cities=[halifax]
        ),
    }


def test_values_in_one_facet_widen_and_facets_narrow(client, catalogue):
    response = client.get(LIST, {"theme": ["work", "learn"], "country": "CA"})
    assert response.status_code == 200
    assert sorted(pages.result_titles(response)) == [
        "Apprenticeships with language classes",
        "Library language cafés",
        "Mentors for newcomer founders",
    ]


def test_each_count_says_what_choosing_that_value_would_give_with_the_other_filters(
    client, catalogue
):
    response = client.get(LIST, {"theme": ["work", "learn"], "country": "CA"})
    # Themes are counted within Canada; countries within Work or Learn.
    assert pages.counts(response, "theme") == {"live": 1, "work": 2, "learn": 2}
    assert pages.counts(response, "country") == {"CA": 3, "DE": 1}
    # An idea in two Canadian cities counts once for Canada.
    assert pages.counts(response, "city") == {"halifax": 2, "moncton": 2}


def test_the_chosen_values_are_ticked(client, catalogue):
    response = client.get(LIST, {"theme": ["work", "learn"], "country": "CA"})
    ticked = {value for value, option in pages.facet(response, "theme").items() if option.checked}
    assert ticked == {"work", "learn"}
    assert pages.facet(response, "country")["CA"].checked
    assert not pages.facet(response, "country")["DE"].checked


def test_values_that_would_give_nothing_are_not_offered(client, catalogue):
    response = client.get(LIST, {"country": "DE"})
    assert pages.counts(response, "theme") == {"work": 1}
    assert pages.counts(response, "city") == {"munich": 1}


def test_a_chosen_value_that_now_gives_nothing_stays_offered_so_it_can_be_unticked(
    client, catalogue
):
    response = client.get(LIST, {"country": "DE", "theme": "live"})
    live = pages.facet(response, "theme")["live"]
    assert live.checked and live.count == 0 and live.label == "Live"
    assert pages.result_titles(response) == []


def test_facets_offer_readable_labels(client, catalogue):
    response = client.get(LIST)
    assert pages.facet(response, "country")["DE"].label == "Germany"
    assert pages.facet(response, "region")["north-america"].label == ("North America")
    assert pages.facet(response, "city")["moncton"].label == "Moncton"


def test_active_filters_show_as_chips_that_each_remove_only_their_own_value(client, catalogue):
    response = client.get(
        LIST, {"theme": ["work", "learn"], "country": "CA", "q": "language", "page": "2"}
    )
    chips = {chip.label: chip for chip in pages.chips(response)}
    assert set(chips) == {"“language”", "Work", "Learn", "Canada"}
    assert chips["Work"].facet == "Theme"
    assert chips["Work"].params == {"theme": ["learn"], "country": ["CA"], "q": ["language"]}
    assert chips["Canada"].params == {"theme": ["work", "learn"], "q": ["language"]}
    assert chips["“language”"].params == {"theme": ["work", "learn"], "country": ["CA"]}


def test_following_a_chip_drops_that_filter(client, catalogue):
    response = client.get(LIST, {"theme": ["work", "learn"], "country": "CA"})
    work_chip = next(chip for chip in pages.chips(response) if chip.label == "Work")
    response = client.get(LIST, work_chip.params)
    assert sorted(pages.result_titles(response)) == [
        "Apprenticeships with language classes",
        "Library language cafés",
    ]
    assert [chip.label for chip in pages.chips(response)] == ["Learn", "Canada"]


def test_no_chips_without_filters(client, catalogue):
    response = client.get(LIST)
    assert pages.chips(response) == []
    assert "Clear all filters" not in pages.text(response)


def test_the_result_count_follows_the_filters(client, catalogue):
    assert pages.result_count(client.get(LIST)) == "5 results"
    assert pages.result_count(client.get(LIST, {"country": "DE"})) == "1 result"
    assert pages.result_count(client.get(LIST, {"theme": "plan"})) == "0 results"


@pytest.fixture
def dated(themes):
    now = timezone.now()
    return [
        GoodIdeaFactory(title="Bravo", published_at=now - timedelta(days=3)),
        GoodIdeaFactory(title="alpha", published_at=now - timedelta(days=1)),
        GoodIdeaFactory(title="Charlie", published_at=now - timedelta(days=2)),
    ]


def test_without_a_search_the_newest_come_first(client, dated):
    response = client.get(LIST)
    assert pages.result_titles(response) == ["alpha", "Charlie", "Bravo"]
    assert '<option value="newest" selected>' in pages.text(response)


def test_sorting_by_title_is_alphabetical_whatever_the_case(client, dated):
    response = client.get(LIST, {"sort": "title"})
    assert pages.result_titles(response) == ["alpha", "Bravo", "Charlie"]
    assert '<option value="title" selected>' in pages.text(response)


def test_sorting_by_title_puts_accented_titles_with_their_letter(client, themes):
    for title in ["Zoning for newcomers", "École des parents", "Dialogue circles"]:
        GoodIdeaFactory(title=title)
    response = client.get(LIST, {"sort": "title"})
    assert pages.result_titles(response) == [
        "Dialogue circles",
        "École des parents",
        "Zoning for newcomers",
    ]


def test_relevance_is_offered_and_chosen_only_with_a_search(client, dated):
    assert 'value="relevance"' not in pages.text(client.get(LIST))
    response = client.get(LIST, {"q": "synthetic"})
    assert '<option value="relevance" selected>' in pages.text(response)


@pytest.mark.parametrize("tampered", ["price", "-title", "relevance", "title;--", ""])
def test_an_unknown_sort_falls_back_to_newest(client, dated, tampered):
    response = client.get(LIST, {"sort": tampered})
    assert response.status_code == 200
    assert pages.result_titles(response) == ["alpha", "Charlie", "Bravo"]
    assert '<option value="newest" selected>' in pages.text(response)


@pytest.fixture
def many_work_ideas(themes, halifax):
    now = timezone.now()
    ideas = [
        GoodIdeaFactory(
            title=f"Work idea {n:02}", cities=[halifax], published_at=now - timedelta(hours=n)
        )
        for n in range(1, 15)
    ]
    GoodIdeaFactory(title="A Live idea", primary_theme=themes["live"], cities=[halifax])
    return ideas


def test_results_come_twelve_to_a_page(client, many_work_ideas):
    response = client.get(LIST, {"theme": "work"})
    assert len(pages.result_titles(response)) == 12
    assert pages.result_count(response) == "14 results"


def test_page_links_keep_the_filters(client, many_work_ideas):
    response = client.get(LIST, {"theme": "work", "city": "halifax", "sort": "title"})
    next_link = next(href for href in pages.links(response) if "page=2" in href)
    assert "theme=work" in next_link and "city=halifax" in next_link
    assert "sort=title" in next_link
    second = client.get(LIST + next_link)
    assert pages.result_titles(second) == ["Work idea 13", "Work idea 14"]


def test_changing_a_filter_starts_again_at_the_first_page(client, many_work_ideas):
    """The filter form carries no page number, so a new filter never lands on page 2."""
    response = client.get(LIST, {"theme": "work", "page": "2"})
    assert 'name="page"' not in pages.text(response)


def test_nothing_matching_says_so_and_offers_a_way_back(client, catalogue):
    response = client.get(LIST, {"theme": "plan"})
    body = pages.text(response)
    assert "No Good Ideas match these filters." in body
    assert 'href="/en/good-ideas/">See all Good Ideas' in body


def test_the_filter_panel_works_without_javascript(client, catalogue):
    body = pages.text(client.get(LIST))
    assert '<form method="get" action="/en/good-ideas/"' in body
    assert '<button type="submit" class="button">Apply filters</button>' in body


def test_a_chip_removes_its_value_even_when_the_address_padded_it_with_spaces(client, catalogue):
    response = client.get(LIST, {"theme": " work", "country": "CA"})
    work_chip = next(chip for chip in pages.chips(response) if chip.label == "Work")
    assert work_chip.params == {"country": ["CA"]}
