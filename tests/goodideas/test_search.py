"""Searching Good Ideas: full text, accents, websearch syntax, ranking, snippets and the
misspelling-tolerant fallback."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from citiesofmigration.models import Country, Theme
from goodideas.models import Collection
from tests.factories import CityFactory, CollectionFactory, CountryFactory, GoodIdeaFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db

LIST = "/en/good-ideas/"


def search(client, q, **params):
    response = client.get(LIST, {"q": q, **params})
    assert response.status_code == 200
    return response


def test_a_word_finds_its_other_forms(client, themes):
    GoodIdeaFactory(title="Loans for entrepreneurs")
    GoodIdeaFactory(title="Transit passes")
    assert pages.result_titles(search(client, "entrepreneur")) == ["Loans for entrepreneurs"]
    assert pages.result_titles(search(client, "mentoring")) == []


def test_a_search_without_accents_finds_a_place_written_with_them(client, montreal, halifax):
    GoodIdeaFactory(title="Municipal ID card", cities=[montreal])
    GoodIdeaFactory(title="Welcome pass", cities=[halifax])
    assert pages.result_titles(search(client, "Montreal")) == ["Municipal ID card"]


def test_a_search_with_accents_finds_text_written_without_them(client, themes):
    GoodIdeaFactory(title="Cafe conversations for newcomers")
    assert pages.result_titles(search(client, "café")) == ["Cafe conversations for newcomers"]


def test_a_quoted_phrase_matches_only_those_words_together(client, themes):
    GoodIdeaFactory(title="A welcome centre downtown")
    GoodIdeaFactory(title="Centre for youth", summary="Newcomers are made welcome here.")
    assert pages.result_titles(search(client, '"welcome centre"')) == ["A welcome centre downtown"]
    assert len(pages.result_titles(search(client, "welcome centre"))) == 2


def test_a_minus_sign_excludes_a_word(client, themes):
    GoodIdeaFactory(title="Housing for refugees")
    GoodIdeaFactory(title="Language classes for refugees")
    assert pages.result_titles(search(client, "refugees -housing")) == [
        "Language classes for refugees"
    ]


def test_a_match_in_the_title_ranks_above_a_match_in_the_story(client, themes):
    now = timezone.now()
    GoodIdeaFactory(title="Mentoring circles", published_at=now - timedelta(days=30))
    GoodIdeaFactory(
        title="Job fair",
        story="<p>Volunteers offer mentoring after the fair.</p>",
        published_at=now,  # newer, so only relevance can put it second
    )
    assert pages.result_titles(search(client, "mentoring")) == ["Mentoring circles", "Job fair"]


def test_places_and_tags_are_searchable(client, halifax):
    GoodIdeaFactory(title="Bus passes", cities=[halifax], tags=["transit"])
    assert pages.result_titles(search(client, "Halifax")) == ["Bus passes"]
    assert pages.result_titles(search(client, "transit")) == ["Bus passes"]


def test_the_matching_passage_is_shown_with_the_words_highlighted(client, themes):
    GoodIdeaFactory(
        title="Start-up loans",
        summary="Small loans and coaching help newcomer entrepreneurs open a business.",
    )
    body = pages.text(search(client, "entrepreneur"))
    assert '<p class="snippet">' in body
    assert "<mark>entrepreneurs</mark>" in body


def test_markup_in_a_matching_text_is_shown_as_text_never_run(client, themes):
    GoodIdeaFactory(
        title="Night school",
        summary='Evening classes <script>alert("owned")</script> for adult learners <b>now</b>',
    )
    body = pages.text(search(client, "learners"))
    assert "<mark>learners</mark>" in body
    assert "<script>alert" not in body
    assert "<b>now" not in body


def test_an_ampersand_in_the_story_shows_as_an_ampersand_in_the_snippet(client, themes):
    GoodIdeaFactory(title="Bridges", story="<p>Employers &amp; colleges train welders.</p>")
    body = pages.text(search(client, "welders"))
    assert "Employers &amp; colleges" in body
    assert "&amp;amp;" not in body


def test_a_misspelt_city_finds_its_ideas_and_offers_the_right_spelling(client, moncton, halifax):
    GoodIdeaFactory(title="Immigration strategy", cities=[moncton])
    GoodIdeaFactory(title="Welcome pass", cities=[halifax])
    response = search(client, "Monkton")
    assert pages.result_titles(response) == ["Immigration strategy"]
    body = pages.text(response)
    assert "No exact matches for “Monkton”" in body
    assert 'Did you mean <a href="?q=Moncton">Moncton</a>?' in body


def test_following_did_you_mean_gives_the_exact_matches(client, moncton):
    GoodIdeaFactory(title="Immigration strategy", cities=[moncton])
    response = search(client, "Moncton")
    assert pages.result_titles(response) == ["Immigration strategy"]
    assert "Did you mean" not in pages.text(response)


def test_a_longer_misspelling_still_finds_the_city(client, fredericton, halifax):
    GoodIdeaFactory(title="Business mentorship", cities=[fredericton])
    GoodIdeaFactory(title="Welcome pass", cities=[halifax])
    response = search(client, "Frederiction")
    assert pages.result_titles(response) == ["Business mentorship"]
    assert ">Fredericton</a>?" in pages.text(response)


def test_did_you_mean_keeps_the_filters_but_not_the_page(client, moncton):
    GoodIdeaFactory(title="Immigration strategy", cities=[moncton])
    response = search(client, "Monkton", theme="work", page="3")
    suggestion = next(href for href in pages.links(response) if "q=Moncton" in href)
    assert "theme=work" in suggestion and "page" not in suggestion


def test_did_you_mean_never_proposes_a_place_only_unpublished_ideas_name(client, moncton):
    GoodIdeaFactory(title="Immigration strategy", cities=[moncton], draft=True)
    response = search(client, "Monkton")
    assert pages.result_titles(response) == []
    assert "Did you mean" not in pages.text(response)


def test_search_and_filters_combine(client, halifax, munich):
    GoodIdeaFactory(title="Mentoring in Halifax", cities=[halifax])
    GoodIdeaFactory(title="Mentoring in Munich", cities=[munich])
    response = search(client, "mentoring", country="DE")
    assert pages.result_titles(response) == ["Mentoring in Munich"]
    assert pages.counts(response, "country") == {"CA": 1, "DE": 1}


def test_the_search_field_shows_what_was_searched(client, themes):
    body = pages.text(search(client, 'refugees "transit pass"'))
    assert 'value="refugees &quot;transit pass&quot;"' in body


# -- search in both languages (issue 11) ------------------------------------------------

FRENCH_LIST = "/fr/good-ideas/"


_CARD_LINK = re.compile(r'<article class="card idea-card[^"]*">\s*<h3><a href="([^"]*)">', re.S)


def search_fr(client, q, **params):
    response = client.get(FRENCH_LIST, {"q": q, **params})
    assert response.status_code == 200
    return response


def result_links(response) -> list[str]:
    """Addresses of the result cards, in the order shown (titles on /fr/ may carry an
    "in English" note, addresses never do)."""
    results = re.search(r'<ul class="result-list">(.*?)</ul>', pages.text(response), re.S)
    return _CARD_LINK.findall(results.group(1)) if results else []


def address(idea, language):
    with translation.override(language):
        return idea.get_absolute_url()


def snippets(response) -> list[str]:
    return [text for _language, text in snippets_with_language(response)]


def snippets_with_language(response) -> list[tuple[str, str]]:
    """(lang attribute or "", passage) of each result's highlighted passage."""
    pattern = r'<p class="snippet"(?: lang="(\w+)")?>(.*?)</p>'
    return re.findall(pattern, pages.text(response), re.S)


@pytest.fixture
def housing(themes):
    """An idea written in both languages whose French summary says « logements », and an
    English-only idea that matches "logement" better (title and summary) and is newer:
    only the page's language can put the French idea first on /fr/."""
    now = timezone.now()
    french = GoodIdeaFactory(
        title="A housing co-operative",
        title_fr="Une coopérative d'habitation",
        summary="Affordable homes for families who have just arrived.",
        summary_fr="Des logements abordables pour les familles nouvellement arrivées.",
        published_at=now - timedelta(days=30),
    )
    english = GoodIdeaFactory(
        title="Logement Plus rent bank",
        summary="Logement Plus is a rent bank run with the city's housing office.",
        published_at=now,  # newer: only relevance can put it anywhere
    )
    return french, english


def test_a_french_search_finds_french_text_in_another_form_and_puts_it_first(client, housing):
    french, english = housing
    links = result_links(search_fr(client, "logement"))
    assert links == [address(french, "fr"), address(english, "fr")]


def test_an_english_page_puts_the_english_match_first_for_the_same_words(client, housing):
    french, english = housing
    links = result_links(search(client, "logement"))
    assert links == [address(english, "en"), address(french, "en")]


def test_the_french_snippet_highlights_the_french_words(client, housing):
    body = pages.text(search_fr(client, "logement"))
    assert "<mark>logements</mark> abordables" in body


def test_an_english_only_idea_shows_its_english_passage_on_a_french_page(client, housing):
    found = snippets_with_language(search_fr(client, "logement"))
    # In English, and marked as English so that a screen reader switches voice.
    assert any(lang == "en" and "is a rent bank run with" in text for lang, text in found)
    assert all(lang == "" for lang, text in found if "is a rent bank run with" not in text)


def test_a_french_phrase_finds_french_content_about_it(client, themes):
    idea = GoodIdeaFactory(
        title="Mentoring for jobs",
        title_fr="Du mentorat pour l'emploi des nouveaux arrivants",
        summary_fr="Des cadres bénévoles accompagnent les nouveaux arrivants vers l'emploi.",
    )
    GoodIdeaFactory(title="Job mentoring for newcomers", summary="Mentors meet newcomers.")
    assert result_links(search_fr(client, "emploi des nouveaux arrivants")) == [address(idea, "fr")]
    # Singular and plural, masculine and feminine are one word in French.
    assert result_links(search_fr(client, "emploi nouveau arrivante")) == [address(idea, "fr")]


def test_a_french_search_without_accents_finds_accented_text(client, themes):
    idea = GoodIdeaFactory(
        title="Newcomer entrepreneurs",
        title_fr="Réussite économique des entrepreneurs immigrés",
    )
    GoodIdeaFactory(title="Economic success for everyone")
    assert result_links(search_fr(client, "reussite economique")) == [address(idea, "fr")]
    assert result_links(search_fr(client, "Réussite ÉCONOMIQUE")) == [address(idea, "fr")]


def test_french_content_is_found_from_an_english_page_too(client, themes):
    idea = GoodIdeaFactory(
        title="Welcome desks",
        title_fr="Guichets d'accueil",
        summary_fr="Les guichets orientent les personnes réfugiées vers les services.",
    )
    assert result_links(search(client, "guichets")) == [address(idea, "en")]


def test_a_misspelt_french_word_finds_the_idea_and_offers_the_french_spelling(client, themes):
    idea = GoodIdeaFactory(title="Family homes", title_fr="Des logements pour les familles")
    GoodIdeaFactory(title="Transit passes", title_fr="Des laissez-passer de transport")
    response = search_fr(client, "logemnt")
    assert result_links(response) == [address(idea, "fr")]
    assert '<a href="?q=logements">logements</a>' in pages.text(response)
    # Following the suggestion gives exact matches, without any suggestion.
    followed = search_fr(client, "logements")
    assert result_links(followed) == [address(idea, "fr")]
    assert 'href="?q=' not in pages.text(followed)


def test_did_you_mean_never_proposes_a_word_only_a_drafts_title_has(client, themes):
    GoodIdeaFactory(
        title="Draft", title_fr="Des logements pour les familles", draft=True, cities=[]
    )
    response = search_fr(client, "logemnt")
    assert result_links(response) == []
    assert "logements" not in pages.text(response)


def test_a_country_misspelt_in_french_is_corrected_to_its_french_name(client, munich):
    Country.objects.filter(code="DE").update(name_fr="Allemagne")
    idea = GoodIdeaFactory(title="Integration councils", cities=[munich])
    response = search_fr(client, "Allemange")
    assert '<a href="?q=Allemagne">Allemagne</a>' in pages.text(response)
    # The French name is searchable as such.
    assert result_links(search_fr(client, "Allemagne")) == [address(idea, "fr")]


# -- facet labels in the page's language --------------------------------------------------


def test_facet_labels_are_french_on_french_pages_and_english_without_a_translation(
    client, themes, halifax, munich
):
    Country.objects.filter(code="DE").update(name_fr="Allemagne")  # Canada: no French name
    Theme.objects.filter(slug="live").update(name_fr=None)
    GoodIdeaFactory(title="In Halifax", cities=[halifax], primary_theme=themes["live"])
    GoodIdeaFactory(title="In Munich", cities=[munich], primary_theme=themes["work"])
    response = client.get(FRENCH_LIST)
    countries = pages.facet(response, "country")
    assert {value: option.label for value, option in countries.items()} == {
        "DE": "Allemagne",
        "CA": "Canada",
    }
    theme_labels = {value: option.label for value, option in pages.facet(response, "theme").items()}
    assert theme_labels["work"] == Theme.objects.get(slug="work").name_fr
    assert theme_labels["live"] == "Live"
    english = {o.value: o.label for o in pages.facet(client.get(LIST), "country").values()}
    assert english == {"DE": "Germany", "CA": "Canada"}


def test_a_chosen_value_that_matches_nothing_keeps_its_french_label(client, themes, munich):
    Country.objects.filter(code="DE").update(name_fr="Allemagne")
    GoodIdeaFactory(title="In Munich", cities=[munich], primary_theme=themes["work"])
    response = client.get(FRENCH_LIST, {"country": "DE", "theme": "plan"})
    assert pages.facet(response, "country")["DE"].label == "Allemagne"
    assert "Allemagne" in [chip.label for chip in pages.chips(response)]


def test_french_labels_sort_as_a_french_reader_expects(client, themes):
    places = {
        "US": ("United States", "États-Unis"),
        "FR": ("France", "France"),
        "CA": ("Canada", None),
    }
    for code, (name, name_fr) in places.items():
        country = CountryFactory(code=code, name=name)
        Country.objects.filter(pk=country.pk).update(name_fr=name_fr)
        GoodIdeaFactory(title=f"Idea in {name}", cities=[CityFactory(country=country)])
    labels = [option.label for option in pages.facet(client.get(FRENCH_LIST), "country").values()]
    assert labels == ["Canada", "États-Unis", "France"]


def test_collection_labels_are_translated_with_an_english_fallback(client, themes):
    translated = CollectionFactory(name="Housing first", slug="housing-first")
    Collection.objects.filter(pk=translated.pk).update(name_fr="Le logement d'abord")
    untranslated = CollectionFactory(name="Welcoming cities", slug="welcoming-cities")
    GoodIdeaFactory(title="One", collections=[translated])
    GoodIdeaFactory(title="Two", collections=[untranslated])
    labels = {o.value: o.label for o in pages.facet(client.get(FRENCH_LIST), "collection").values()}
    assert labels == {
        "housing-first": "Le logement d'abord",
        "welcoming-cities": "Welcoming cities",
    }
