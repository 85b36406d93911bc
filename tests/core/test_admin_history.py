"""The history of ideas, resources, events and posts in the admin: each version with what
changed, field by field, from what to what, and "Revert" to an earlier version, for an
editor (a member of the Editors group, not a superuser)."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group

from tests.core.admin_forms import form_data
from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = UserFactory(username="history-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def text(response):
    """The page's words, as a person reads them."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(html).replace("\xa0", " "))


def edit(client, url, form_id, **changes):
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page, form_id, **changes))
    assert response.status_code == 302, response.context and response.context.get("errors")
    return response


def test_an_editor_sees_what_changed_and_reverts_it(editor_client, editor, themes):
    idea = GoodIdeaFactory(title="Harbour welcome walks", summary="Walks for newcomers.")
    change_url = f"/admin/goodideas/goodidea/{idea.pk}/change/"
    history_url = f"/admin/goodideas/goodidea/{idea.pk}/history/"

    edit(editor_client, change_url, "goodidea_form", summary_en="Guided walks for new families.")

    history = editor_client.get(history_url)
    assert history.status_code == 200
    words = text(history)
    # The change, from what to what, and who made it.
    assert "One-line summary [en]: Walks for newcomers. → Guided walks for new families." in words
    # Only what the editor changed: no French field the form saved empty as it was.
    assert "[fr]" not in words
    assert "history-editor" in words

    first = idea.history.earliest()
    version_url = f"/admin/goodideas/goodidea/{idea.pk}/history/{first.history_id}/"
    version = editor_client.get(version_url)
    assert version.status_code == 200
    assert 'value="Revert"' in version.content.decode()

    response = editor_client.post(version_url, form_data(version, "historicalgoodidea_form"))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.summary == "Walks for newcomers."
    latest = idea.history.latest()
    assert latest.history_user == editor and latest.history_type == "~"
    # The public page shows the restored words.
    assert "Walks for newcomers." in editor_client.get(idea.get_absolute_url()).content.decode()
    # And the revert is itself in the history, as one more change.
    assert "One-line summary [en]: Guided walks for new families. → Walks for newcomers." in text(
        editor_client.get(history_url)
    )


def test_a_french_edit_is_in_the_history_and_a_revert_restores_it(editor_client, themes):
    idea = GoodIdeaFactory(title="Harbour welcome walks", summary="Walks for newcomers.")
    change_url = f"/admin/goodideas/goodidea/{idea.pk}/change/"
    history_url = f"/admin/goodideas/goodidea/{idea.pk}/history/"
    edit(
        editor_client,
        change_url,
        "goodidea_form",
        title_fr="Promenades d’accueil au port",
        summary_fr="Des promenades pour les nouveaux arrivants.",
    )
    translated = idea.history.latest()
    edit(editor_client, change_url, "goodidea_form", summary_fr="Des visites en famille.")

    words = text(editor_client.get(history_url))
    assert "Title [fr]: — → Promenades d’accueil au port" in words
    assert (
        "One-line summary [fr]: Des promenades pour les nouveaux arrivants. → "
        "Des visites en famille." in words
    )
    # The English text was not touched, and the history does not say it was.
    assert "One-line summary [en]" not in words

    version_url = f"/admin/goodideas/goodidea/{idea.pk}/history/{translated.history_id}/"
    version = editor_client.get(version_url)
    assert 'lang="fr"' in version.content.decode()
    response = editor_client.post(version_url, form_data(version, "historicalgoodidea_form"))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.summary_fr == "Des promenades pour les nouveaux arrivants."
    assert idea.summary_en == "Walks for newcomers."
    assert (
        "One-line summary [fr]: Des visites en famille. → "
        "Des promenades pour les nouveaux arrivants." in text(editor_client.get(history_url))
    )
    # Each language's page shows its own words again.
    french = text(editor_client.get(f"/fr/good-ideas/{idea.slug_fr}/"))
    assert "Des promenades pour les nouveaux arrivants." in french
    english = text(editor_client.get(f"/en/good-ideas/{idea.slug_en}/"))
    assert "Walks for newcomers." in english and "Des promenades" not in english


@pytest.mark.parametrize(
    ("factory", "admin_path", "field", "label"),
    [
        (ResourceFactory, "elibrary/resource", "title", "Title"),
        (EventFactory, "events/event", "title_en", "Title [en]"),
        (PostFactory, "blog/post", "title_en", "Title [en]"),
    ],
)
def test_resources_events_and_posts_have_the_same_history(
    editor_client, themes, factory, admin_path, field, label
):
    item = factory(**{field: "The first words."})
    model_name = admin_path.split("/")[1]
    edit(
        editor_client,
        f"/admin/{admin_path}/{item.pk}/change/",
        f"{model_name}_form",
        **{field: "The second words."},
    )

    history = editor_client.get(f"/admin/{admin_path}/{item.pk}/history/")
    assert f"{label}: The first words. → The second words." in text(history)

    first = item.history.earliest()
    version_url = f"/admin/{admin_path}/{item.pk}/history/{first.history_id}/"
    version = editor_client.get(version_url)
    response = editor_client.post(version_url, form_data(version, f"historical{model_name}_form"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert getattr(item, field) == "The first words."


def test_staff_without_content_permissions_see_no_history(client, themes):
    idea = GoodIdeaFactory()
    client.force_login(UserFactory(username="clerk", is_staff=True))
    first = idea.history.earliest()
    assert client.get(f"/admin/goodideas/goodidea/{idea.pk}/history/").status_code == 403
    version_url = f"/admin/goodideas/goodidea/{idea.pk}/history/{first.history_id}/"
    assert client.get(version_url).status_code == 403
    assert client.post(version_url, {"title": "Taken over"}).status_code == 403


def test_the_history_page_has_no_inline_style(editor_client, themes):
    """The Content-Security-Policy refuses style attributes; the package's template had one."""
    idea = GoodIdeaFactory()
    html = editor_client.get(f"/admin/goodideas/goodidea/{idea.pk}/history/").content.decode()
    assert "style=" not in html


def test_editors_hold_the_permissions_on_the_new_tables(editor):
    for permission in [
        "goodideas.view_historicalgoodidea",
        "elibrary.view_historicalresource",
        "events.view_historicalevent",
        "blog.view_historicalpost",
        "citiesofmigration.change_cityredirect",
        "goodideas.change_collectionmembership",
        "goodideas.view_contactrequest",
        "citiesofmigration.delete_city",
    ]:
        assert editor.has_perm(permission), permission
