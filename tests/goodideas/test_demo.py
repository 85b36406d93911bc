"""The demo Good Ideas and collections in French as well as English (issue 11): every
idea's title and summary, whole ideas written in French, French addresses, and loading
twice changes nothing."""

import html
import re

import pytest
from django.core.management import call_command
from django.utils.translation import override

from citiesofmigration.demo import read_fixture, slugify_fr
from goodideas.models import Collection, GoodIdea

pytestmark = pytest.mark.django_db


FRENCH_WORDS = {"le", "la", "les", "des", "du", "de", "et", "un", "une", "pour", "dans", "qui"}
ENGLISH_WORDS = {"the", "and", "of", "to", "in", "for", "with", "that", "is", "on", "by"}


def reads_as_french(text):
    """More French function words than English ones: a French text, not English left in
    the French column."""
    words = re.findall(r"[a-zà-ÿ]+", html.unescape(re.sub(r"<[^>]+>", " ", text)).lower())
    french = sum(word in FRENCH_WORDS for word in words)
    return french > 3 * sum(word in ENGLISH_WORDS for word in words)


@pytest.fixture
def demo(themes):
    call_command("load_demo", verbosity=0)


def french_columns():
    return {
        idea.slug_en: (idea.slug_fr, idea.title_fr, idea.summary_fr, idea.story_fr)
        for idea in GoodIdea.objects.all()
    }


def test_every_published_idea_has_a_french_title_and_summary(demo):
    ideas = GoodIdea.objects.published()
    assert ideas.count() == len(read_fixture("goodideas.json"))
    for idea in ideas:
        assert idea.title_fr and idea.title_fr != idea.title_en, idea.slug_en
        assert idea.summary_fr and reads_as_french(idea.summary_fr), idea.slug_en


def test_at_least_ten_ideas_are_written_in_french_in_full(demo):
    whole = [
        idea
        for idea in GoodIdea.objects.published()
        if reads_as_french(idea.story_fr)
        # Results and the question for the reader are in French wherever they exist.
        and bool(idea.results_fr) == bool(idea.results_en)
        and bool(idea.reflection_question_fr) == bool(idea.reflection_question_en)
    ]
    assert len(whole) >= 10


def test_french_slugs_come_from_the_french_titles_and_are_unique(demo):
    ideas = list(GoodIdea.objects.all())
    for idea in ideas:
        assert idea.slug_fr == slugify_fr(idea.title_fr), idea.slug_en
    addresses = [idea.slug_en for idea in ideas] + [idea.slug_fr for idea in ideas]
    assert len(set(addresses)) == len(addresses)


def test_an_idea_reads_in_french_at_its_french_address(client, demo):
    idea = GoodIdea.objects.get(slug_en="welcomed-in-halifax-pass")
    with override("fr"):
        url = idea.get_absolute_url()
    assert url == f"/fr/good-ideas/{idea.slug_fr}/"
    response = client.get(url)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert '<html lang="fr"' in page
    assert idea.title_fr in page
    assert "Pendant un an, elle donne aux réfugiés nouvellement arrivés" in page
    assert idea.reflection_question_fr in page
    assert "For one year it gives newly arrived refugees" not in page
    # The English address under /fr/ leads to the French one.
    english_slug = client.get(f"/fr/good-ideas/{idea.slug_en}/")
    assert (english_slug.status_code, english_slug["Location"]) == (301, url)


def test_the_collections_have_french_names_and_introductions(client, demo):
    collections = Collection.objects.order_by("position")
    assert [c.name_fr for c in collections] == [
        "Immigrant Futures",
        "Villes sanctuaires",
        "Action municipale",
    ]
    for collection in collections:
        assert reads_as_french(collection.description_fr), collection.slug
    page = html.unescape(client.get("/fr/good-ideas/collections/urban-sanctuary/").content.decode())
    assert "Villes sanctuaires" in page
    assert "Les politiques de ville sanctuaire, ou d’«\u00a0accès sans crainte\u00a0»" in page


def test_loading_the_demo_again_keeps_the_french(demo):
    before = french_columns()
    call_command("load_demo", verbosity=0)
    assert french_columns() == before
    assert GoodIdea.objects.count() == len(before)
