"""The E-Library list: facets with counts, one row per work, and any input answers 200."""

import pytest

from tests.elibrary import pages
from tests.factories import CountryFactory, OrganisationFactory, ResourceFactory, SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(themes):
    """An English toolkit and its French translation, a French-only toolkit, a report
    and a guide, from two publishers, in a series or not, about several countries."""
    canada = CountryFactory(code="CA", name="Canada")
    germany = CountryFactory(code="DE", name="Germany", region="europe")
    france = CountryFactory(code="FR", name="France", region="europe")
    cerc = OrganisationFactory(name="CERC Migration")
    imfg = OrganisationFactory(name="IMFG")
    futures = SeriesFactory(name="Immigrant Futures", publisher=cerc)
    original = ResourceFactory(
        title="Immigrant Futures Toolkit",
        resource_type="toolkit",
        year=2019,
        publisher=cerc,
        series=futures,
        themes=["plan"],
        countries=[canada, germany],
    )
    translation = ResourceFactory(
        title="Boîte à outils Avenirs immigrants",
        resource_type="toolkit",
        language="fr",
        translation_of=original,
        year=2019,
        publisher=cerc,
        series=futures,
        themes=["plan"],
        countries=[canada, germany],
    )
    french_only = ResourceFactory(
        title="Guide d'accueil municipal",
        resource_type="toolkit",
        language="fr",
        year=2021,
        publisher=cerc,
        themes=["learn"],
        countries=[france],
    )
    report = ResourceFactory(
        title="The Municipal Role in Immigration",
        resource_type="report",
        year=2024,
        publisher=imfg,
        themes=["live", "plan"],
        countries=[canada],
    )
    guide = ResourceFactory(
        title="Welcoming Employers Guide",
        resource_type="guide",
        year=2020,
        publisher=imfg,
        themes=["work"],
        countries=[canada],
    )
    ResourceFactory(title="Unpublished draft", draft=True, resource_type="dataset", year=1999)
    return {
        "original": original,
        "translation": translation,
        "french_only": french_only,
        "report": report,
        "guide": guide,
    }


def get(client, params=None):
    response = client.get("/en/e-library/", params or {})
    assert response.status_code == 200
    return response


def test_the_list_shows_one_row_per_work_newest_first(client, library):
    assert pages.result_titles(get(client)) == [
        "The Municipal Role in Immigration",
        "Guide d'accueil municipal",
        "Welcoming Employers Guide",
        "Immigrant Futures Toolkit",
    ]


def test_each_facet_offers_its_values_with_counts(client, library):
    response = get(client)
    assert pages.facet_counts(response, "type") == {"guide": 1, "report": 1, "toolkit": 2}
    assert pages.facet_labels(response, "type")["toolkit"] == "Toolkit"
    assert pages.facet_counts(response, "theme") == {
        "learn": 1, "live": 1, "plan": 2, "work": 1,
    }  # fmt: skip
    assert pages.facet_counts(response, "language") == {"en": 3, "fr": 2}
    assert pages.facet_labels(response, "language") == {"en": "English", "fr": "French"}
    # Named in the page's language (issue 11): "Anglais", "Français" on the French list.
    french = client.get("/fr/e-library/")
    assert pages.facet_labels(french, "language") == {"en": "Anglais", "fr": "Français"}
    assert list(pages.facet_counts(response, "year")) == ["2024", "2021", "2020", "2019"]
    assert pages.facet_counts(response, "publisher") == {"cerc-migration": 2, "imfg": 2}
    assert pages.facet_counts(response, "series") == {"immigrant-futures": 1}
    assert pages.facet_counts(response, "country") == {"CA": 3, "FR": 1, "DE": 1}
    assert pages.facet_labels(response, "country")["DE"] == "Germany"


FACETS = ["type", "theme", "year", "publisher", "series", "country", "language"]


@pytest.mark.parametrize("facet", FACETS)
def test_a_facet_count_is_the_number_of_results_that_value_gives(client, library, facet):
    counts = pages.facet_counts(get(client), facet)
    assert counts
    for value, count in counts.items():
        chosen = get(client, {facet: value})
        assert len(pages.result_titles(chosen)) == count, f"{facet}={value}"


def test_french_toolkits_are_the_french_versions_of_toolkits(client, library):
    response = get(client, {"language": "fr", "type": "toolkit"})
    assert pages.result_titles(response) == [
        "Guide d'accueil municipal",
        "Boîte à outils Avenirs immigrants",
    ]
    assert pages.checked_values(response, "language") == ["fr"]
    assert pages.checked_values(response, "type") == ["toolkit"]
    # The other facets count within French toolkits.
    assert pages.facet_counts(response, "year") == {"2021": 1, "2019": 1}


def test_with_french_chosen_the_french_version_of_a_work_is_shown(client, library):
    titles = pages.result_titles(get(client, {"language": "fr"}))
    assert "Boîte à outils Avenirs immigrants" in titles
    assert "Immigrant Futures Toolkit" not in titles


def test_listing_every_version_shows_the_original_and_its_translation(client, library):
    titles = pages.result_titles(get(client, {"all_versions": "true", "type": "toolkit"}))
    assert sorted(titles) == [
        "Boîte à outils Avenirs immigrants",
        "Guide d'accueil municipal",
        "Immigrant Futures Toolkit",
    ]


def test_a_search_matching_only_the_translation_finds_the_translation(client, library):
    assert pages.result_titles(get(client, {"q": "boîte outils"})) == [
        "Boîte à outils Avenirs immigrants"
    ]


def test_a_french_card_says_its_language(client, library):
    response = get(client, {"language": "fr"})
    assert '<span class="badge" lang="fr">Français</span>' in pages.text(response)


BAD_INPUT = {
    "unknown facet values": {"type": "spaceship", "language": "xx", "theme": "nope"},
    "malformed values": {"year": "abc", "country": "../../etc", "publisher": "<script>"},
    "a year too long": {"year": "99999"},
    "page is not a number": {"page": "abc"},
    "page is negative": {"page": "-1"},
    "page far beyond the last": {"page": "99999"},
    "NUL bytes everywhere": {
        "q": "quokka\x00ferry",
        "type": "\x00",
        "page": "\x00",
        "sort": "\x00",
        "all_versions": "\x00",
    },
    "a 10,000-character search": {"q": "settlement " * 909 + "x"},
    "500 repeated values": {"type": [f"type-{n}" for n in range(500)]},
    "500 repeated years": {"year": [str(n) for n in range(1500, 2000)]},
    "search syntax characters": {"q": '"unbalanced !&|:*() <-> \\'},
    "a tampered sort": {"sort": "-download_count"},
    "all_versions not a boolean": {"all_versions": "maybe"},
    "only stop words": {"q": "the and of"},
}


@pytest.mark.parametrize("params", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_still_gives_the_list_page(client, library, params):
    response = get(client, params)
    assert "<h1>E-Library</h1>" in pages.text(response)


def test_a_very_long_search_is_cut_to_200_characters(client, library):
    response = get(client, {"q": "a" * 10_000})
    assert f'value="{"a" * 200}"' in pages.text(response)
    assert f'value="{"a" * 201}' not in pages.text(response)


def test_unknown_facet_values_match_nothing_and_can_be_removed(client, library):
    response = get(client, {"type": "spaceship"})
    assert pages.result_titles(response) == []
    assert "No resources match these filters." in pages.text(response)


def test_a_page_that_is_not_a_number_shows_the_first_page(client, library):
    assert pages.result_titles(get(client, {"page": "abc"})) == pages.result_titles(get(client))


def test_sorting_by_title_is_alphabetical_whatever_the_case_or_accents(client):
    for title in ["Zeta report", "École guide", "alpha toolkit", "Bravo brief"]:
        ResourceFactory(title=title)
    response = get(client, {"sort": "title"})
    assert pages.result_titles(response) == [
        "alpha toolkit",
        "Bravo brief",
        "École guide",
        "Zeta report",
    ]


def test_newest_first_puts_a_resource_without_a_month_after_the_dated_ones_of_its_year(client):
    ResourceFactory(title="Undated 2019 report", year=2019, month=None)
    ResourceFactory(title="November 2019 report", year=2019, month=11)
    ResourceFactory(title="March 2019 report", year=2019, month=3)
    ResourceFactory(title="2020 report", year=2020)
    assert pages.result_titles(get(client)) == [
        "2020 report",
        "November 2019 report",
        "March 2019 report",
        "Undated 2019 report",
    ]
