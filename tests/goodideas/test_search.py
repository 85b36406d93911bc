"""Searching Good Ideas: full text, accents, websearch syntax, ranking, snippets and the
misspelling-tolerant fallback."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import GoodIdeaFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db

LIST = "/good-ideas/"


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
