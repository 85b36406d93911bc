"""Searching the Learning Exchange in English and in French (issue 11): French text
stemmed as French, what is written in the page's language first, snippets in the language
shown and facet labels in the page's language."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from citiesofmigration.models import Theme
from tests.events import pages
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

_CARD_LINK = re.compile(r'<article class="card event-card[^"]*">.*?<h3><a href="([^"]*)">', re.S)


def result_links(response) -> list[str]:
    results = re.search(r'<ul class="result-list">(.*?)</ul>', pages.text(response), re.S)
    return _CARD_LINK.findall(results.group(1)) if results else []


def address(event, language):
    with translation.override(language):
        return event.get_absolute_url()


def search(client, language, q):
    response = client.get(f"/{language}/learning-exchange/", {"q": q})
    assert response.status_code == 200
    return response


@pytest.fixture
def integration_events(themes):
    """A webinar translated into French, « intégration » in its French title only, and an
    English-only one with "integration" in its title, sooner."""
    french = EventFactory(
        title="Refugees at work",
        title_fr="L'intégration économique des personnes réfugiées",
        summary_fr="Un webinaire sur l'intégration des personnes réfugiées au travail.",
        start=timezone.now() + timedelta(days=20),
    )
    english = EventFactory(
        title="Integration in practice", start=timezone.now() + timedelta(days=3)
    )
    return french, english


def test_a_french_page_lists_the_event_written_in_french_first(client, integration_events):
    french, english = integration_events
    links = result_links(search(client, "fr", "integration"))
    assert links == [address(french, "fr"), address(english, "fr")]


def test_an_english_page_lists_the_event_written_in_english_first(client, integration_events):
    french, english = integration_events
    links = result_links(search(client, "en", "integration"))
    assert links == [address(english, "en"), address(french, "en")]


def test_a_french_query_without_accents_finds_and_highlights_the_french_text(
    client, integration_events
):
    french, _ = integration_events
    response = search(client, "fr", "refugiees")
    assert result_links(response) == [address(french, "fr")]
    assert "<mark>réfugiées</mark>" in pages.text(response)


def test_theme_labels_are_french_with_an_english_fallback(client, themes):
    Theme.objects.filter(slug="connect").update(name_fr=None)
    EventFactory(themes=["learn", "connect"])
    labels = {
        value: label
        for value, label, _count in pages.facet(client.get("/fr/learning-exchange/"), "theme")
    }
    assert labels == {"learn": Theme.objects.get(slug="learn").name_fr, "connect": "Connect"}
