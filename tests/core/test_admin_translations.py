"""Editors write the French version of ideas, events and posts in the admin, next to the
English (issue 11): each language's page shows its own words, the French address is made
from the French title, and no two items ever share an address in either language."""

import json
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group

from citiesofmigration.models import slugify_title
from tests.core.admin_forms import form_data
from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

# (factory, admin path, the rich-text field, the public addresses' prefix after /en/)
KINDS = [
    (GoodIdeaFactory, "goodideas/goodidea", "story", "good-ideas"),
    (EventFactory, "events/event", "description", "learning-exchange"),
    (PostFactory, "blog/post", "body", "conversations"),
]
KIND_IDS = ["idea", "event", "post"]


@pytest.fixture
def editor_client(client):
    editor = UserFactory(username="bilingual-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def text(response):
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(html).replace("\xa0", " ").replace("\u202f", " "))


def save(client, admin_path, item, **changes):
    """Open the item's change form and save it as the browser would, with ``changes``."""
    url = f"/admin/{admin_path}/{item.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page, f"{admin_path.split('/')[1]}_form", **changes))
    assert response.status_code == 302, response.context and response.context.get("errors")
    item.refresh_from_db()
    return item


@pytest.mark.parametrize(("factory", "admin_path", "rich", "prefix"), KINDS, ids=KIND_IDS)
def test_the_french_version_written_in_the_admin_is_the_french_page(
    editor_client, client, themes, factory, admin_path, rich, prefix
):
    item = factory(
        title="Harbour welcome walks",
        slug="harbour-welcome-walks",
        summary="Walks for newcomers.",
        **{rich: "<p>Every Sunday at the harbour.</p>"},
    )
    save(
        editor_client,
        admin_path,
        item,
        title_fr="Promenades d’accueil au port",
        summary_fr="Des promenades pour les nouveaux arrivants.",
        **{f"{rich}_fr": "<p>Chaque dimanche, au port.</p>"},
    )
    # The French slug was left empty: it is made from the French title.
    assert item.slug_fr == "promenades-d-accueil-au-port"
    assert item.slug_en == "harbour-welcome-walks"

    french = client.get(f"/fr/{prefix}/promenades-d-accueil-au-port/")
    assert french.status_code == 200
    words = text(french)
    for written in (
        "Promenades d’accueil au port",
        "Des promenades pour les nouveaux arrivants.",
        "Chaque dimanche, au port.",
    ):
        assert written in words
    assert "Every Sunday at the harbour." not in words

    english = client.get(f"/en/{prefix}/harbour-welcome-walks/")
    assert english.status_code == 200
    words = text(english)
    assert "Harbour welcome walks" in words and "Every Sunday at the harbour." in words
    assert "Promenades" not in words and "Chaque dimanche" not in words


@pytest.mark.parametrize(("factory", "admin_path", "rich", "prefix"), KINDS, ids=KIND_IDS)
def test_a_french_slug_is_no_other_items_slug_in_either_language(
    editor_client, themes, factory, admin_path, rich, prefix
):
    # Another item already answers to "accueil" in English, a third to "accueil-2" in French.
    factory(title="Accueil (the program's own name)", slug="accueil")
    other = factory(slug="elsewhere")
    save(editor_client, admin_path, other, title_fr="Ailleurs", slug_fr="accueil-2")
    item = factory(title="Welcome", slug="welcome")
    save(editor_client, admin_path, item, title_fr="Accueil")
    assert item.slug_fr == "accueil-3"


@pytest.mark.parametrize(("factory", "admin_path", "rich", "prefix"), KINDS, ids=KIND_IDS)
def test_a_slug_typed_by_the_editor_cannot_be_another_items_address(
    editor_client, themes, factory, admin_path, rich, prefix
):
    factory(slug="welcome-centre")
    item = factory(slug="harbour-walks")
    url = f"/admin/{admin_path}/{item.pk}/change/"
    page = editor_client.get(url)
    data = form_data(
        page, f"{admin_path.split('/')[1]}_form", title_fr="Centre", slug_fr="welcome-centre"
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "already the address of another item" in str(errors["slug_fr"])
    item.refresh_from_db()
    assert item.slug_fr is None


def test_a_french_title_that_would_take_a_reserved_address_gets_another(editor_client, themes):
    """/fr/good-ideas/collections/ is the collections page, not an idea."""
    idea = GoodIdeaFactory(title="Curated sets", slug="curated-sets")
    save(editor_client, "goodideas/goodidea", idea, title_fr="Collections")
    assert idea.slug_fr == "collections-2"


def test_english_and_french_are_edited_side_by_side(editor_client, themes):
    idea = GoodIdeaFactory()
    html = editor_client.get(f"/admin/goodideas/goodidea/{idea.pk}/change/").content.decode()
    names = re.findall(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"', html)
    for field in ("title", "slug", "summary", "story", "results", "reflection_question"):
        english = names.index(f"{field}_en")
        assert names[english + 1] == f"{field}_fr", field
        assert field not in names
    # Each input says its language, for spelling checkers and screen readers.
    assert re.search(
        r'<input[^>]*name="title_fr"[^>]*lang="fr"|lang="fr"[^>]*name="title_fr"', html
    )
    # Each language's slug follows its own title, by script files (no inline script).
    prepopulated = json.loads(unescape(re.search(r'data-prepopulated-fields="([^"]*)"', html)[1]))
    assert {(field["name"], tuple(field["dependency_list"])) for field in prepopulated} == {
        ("slug_en", ("title_en",)),
        ("slug_fr", ("title_fr",)),
    }
    assert re.search(r'<script src="/static/js/admin-slugs(\.[0-9a-f]+)?\.js"', html)
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert all("application/json" in tag for tag in inline_scripts), inline_scripts


def test_the_admin_search_finds_an_item_by_its_french_title(editor_client, themes):
    GoodIdeaFactory(title="Harbour welcome walks", title_fr="Promenades d’accueil au port")
    GoodIdeaFactory(title="Job coaching")
    response = editor_client.get("/admin/goodideas/goodidea/", {"q": "promenades"})
    html = response.content.decode()
    listed = re.findall(r'<th class="field-title"><a href="[^"]*">([^<]*)</a>', html)
    assert listed == ["Harbour welcome walks"]


def test_the_list_shows_which_items_wait_for_their_french_version(editor_client, themes):
    GoodIdeaFactory(title="Harbour welcome walks", title_fr="Promenades d’accueil au port")
    GoodIdeaFactory(title="Job coaching")
    html = editor_client.get("/admin/goodideas/goodidea/").content.decode()
    rows = re.findall(
        r'<th class="field-title"><a [^>]*>([^<]*)</a></th>\s*'
        r'<td class="field-has_french"><img [^>]*alt="(True|False)"',
        html,
    )
    assert sorted(rows) == [("Harbour welcome walks", "True"), ("Job coaching", "False")]


def test_the_themes_and_collections_are_written_in_both_languages(editor_client, themes):
    from tests.factories import CollectionFactory

    collection = CollectionFactory(name="Immigrant Futures", slug="immigrant-futures")
    url = f"/admin/goodideas/collection/{collection.pk}/change/"
    page = editor_client.get(url)
    names = re.findall(r'<(?:input|textarea)[^>]*\bname="([^"]+)"', page.content.decode())
    assert names.index("name_fr") == names.index("name_en") + 1
    response = editor_client.post(
        url, form_data(page, "collection_form", name_fr="Avenirs des immigrants")
    )
    assert response.status_code == 302
    collection.refresh_from_db()
    assert (collection.name_en, collection.name_fr) == (
        "Immigrant Futures",
        "Avenirs des immigrants",
    )
    # One slug for both languages: a facet value in shareable addresses.
    assert collection.slug == "immigrant-futures"


def test_french_slugs_are_readable():
    assert slugify_title("Main-d’œuvre d’immigration", "fr") == "main-d-oeuvre-d-immigration"
    assert slugify_title("L'accueil des réfugiés", "fr") == "l-accueil-des-refugies"
    assert slugify_title("Newcomers’ guide", "en") == "newcomers-guide"
