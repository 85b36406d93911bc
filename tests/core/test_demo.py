"""The shared demo content in French (issue 11): themes, countries, the About page, and
French typography in everything the demo loaders write."""

import html
import re

import pytest
from django.core.management import call_command

import citiesofmigration.demo
from blog.models import Post
from citiesofmigration.models import Country, Theme
from citiesofmigration.vocabulary import THEMES, ensure_themes
from events.models import Event
from goodideas.models import Collection, GoodIdea

pytestmark = pytest.mark.django_db


def test_the_themes_have_their_french_names_and_texts(client, themes):
    ordered = Theme.objects.order_by("position")
    assert [theme.name_fr for theme in ordered] == [
        "Vivre",
        "Travailler",
        "Apprendre",
        "Tisser des liens",
        "Planifier",
    ]
    for theme in ordered:
        assert theme.tagline_fr and theme.intro_fr and theme.description_fr, theme.slug
        assert len(theme.description_fr.split()) > 30, theme.slug
    page = html.unescape(client.get("/fr/themes/connect/").content.decode())
    assert "Tisser des liens" in page
    assert "Des pratiques qui tissent des liens entre les nouveaux arrivants" in page


def test_ensure_themes_fills_empty_french_and_keeps_an_editors_own(themes):
    Theme.objects.filter(slug="plan").update(description_fr="", tagline_fr="Nos propres mots")
    Theme.objects.filter(slug="live").update(intro_fr=None)
    ensure_themes(Theme)
    ensure_themes(Theme)  # idempotent
    plan = Theme.objects.get(slug="plan")
    assert plan.description_fr == THEMES[4]["fr"]["description"]
    assert plan.tagline_fr == "Nos propres mots"
    assert Theme.objects.get(slug="live").intro_fr == THEMES[0]["fr"]["intro"]
    assert Theme.objects.count() == 5


def test_the_countries_have_their_french_names(themes):
    citiesofmigration.demo.load()
    names = dict(Country.objects.values_list("code", "name_fr"))
    assert all(names.values())
    assert (names["DE"], names["US"], names["NL"], names["IL"]) == (
        "Allemagne",
        "États-Unis",
        "Pays-Bas",
        "Israël",
    )


def test_the_about_page_is_written_in_french_under_fr(client):
    french = html.unescape(client.get("/fr/about/").content.decode())
    assert '<html lang="fr"' in french
    assert (
        "Cities of Migration était une initiative internationale de la Fondation Maytree" in french
    )
    assert "Un précurseur\u00a0: le Projet Metropolis" in french
    assert "Cities of Migration was an international initiative" not in french
    english = html.unescape(client.get("/en/about/").content.decode())
    assert '<html lang="en"' in english
    assert (
        "Cities of Migration was an international initiative of the Maytree Foundation" in english
    )
    assert "Cities of Migration était" not in english


# -- French typography (Le guide du rédacteur) ---------------------------------------------

# A plain space where a no-break one belongs: before : ; ! ? » and after «.
PLAIN_SPACE = re.compile(r" [:;!?»]|« ")


def french_texts():
    for theme in Theme.objects.all():
        yield from (theme.name_fr, theme.tagline_fr, theme.intro_fr, theme.description_fr)
    for collection in Collection.objects.all():
        yield from (collection.name_fr, collection.description_fr)
    for idea in GoodIdea.objects.all():
        yield from (idea.title_fr, idea.summary_fr, idea.story_fr, idea.results_fr)
        yield idea.reflection_question_fr
    for event in Event.objects.all():
        yield from (event.title_fr, event.summary_fr, event.description_fr, event.lessons_fr)
    for post in Post.objects.all():
        yield from (post.title_fr, post.summary_fr, post.body_fr)


def test_the_french_demo_content_follows_french_typography(themes):
    call_command("load_demo", verbosity=0)
    texts = [text for text in french_texts() if text]
    assert len(texts) > 150
    for text in texts:
        assert not PLAIN_SPACE.search(text), text
        assert "'" not in html.unescape(text), text  # the typographic apostrophe, ’
    # The no-break spaces are really there (in rich text, stored as &nbsp;).
    assert sum(("\u00a0:" in t or "&nbsp;:" in t) for t in texts) > 40
