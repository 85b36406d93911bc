"""The admin's rich-text editor on every sanitised field: the editor's files are loaded
without anything the Content-Security-Policy refuses, and whatever is posted through the
form is still cleaned by nh3 before it is stored."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import translation

from citiesofmigration.richtext import SanitisedHTMLField
from tests.core.admin_forms import form_data
from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db

EDITOR_ATTRIBUTE = "data-django-prose-editor-portal"


@pytest.fixture
def editor_client(client):
    editor = UserFactory(username="writing-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def sanitised_fields():
    return {
        (field.model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, SanitisedHTMLField)
        and not model._meta.label.split(".")[1].startswith("Historical")
    }


def test_every_sanitised_field_is_known_here():
    """A new sanitised field gets the editor through PublishableAdmin; this list says
    which ones the tests below look at, so a new one is noticed."""
    # Each has its English and French column (issue 11), each with its own editor.
    assert sanitised_fields() == {
        (label, name)
        for label, field in [
            ("goodideas.GoodIdea", "story"),
            ("events.Event", "description"),
            ("blog.Post", "body"),
        ]
        for name in (field, f"{field}_en", f"{field}_fr")
    }


@pytest.mark.parametrize(
    ("admin_path", "field"),
    [("goodideas/goodidea", "story"), ("events/event", "description"), ("blog/post", "body")],
)
def test_the_editor_replaces_the_raw_html_textarea(editor_client, themes, admin_path, field):
    html = editor_client.get(f"/admin/{admin_path}/add/").content.decode()
    # One editor per language, the French one marked as French for spell checkers.
    for language in ("en", "fr"):
        [textarea] = re.findall(rf'<textarea[^>]*name="{field}_{language}"[^>]*>', html)
        assert EDITOR_ATTRIBUTE in textarea
        assert f'lang="{language}"' in textarea
    assert not re.findall(rf'<textarea[^>]*name="{field}"[^>]*>', html)
    # Our preset and the package's styles, as files: no import map, no inline script.
    assert re.search(
        r'<script src="/static/js/admin-prose-editor\.[0-9a-f]+\.js" type="module">', html
    )
    assert "django_prose_editor/editor" in html
    assert "importmap" not in html
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert all("application/json" in tag or "ld+json" in tag for tag in inline_scripts), (
        inline_scripts
    )


ATTACK = (
    '<p>Hello <strong>neighbours</strong></p><script>alert("x")</script>'
    '<p><img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)" onclick="steal()">link</a></p>'
)


@pytest.mark.parametrize(
    ("factory", "admin_path", "field"),
    [
        (GoodIdeaFactory, "goodideas/goodidea", "story"),
        (EventFactory, "events/event", "description"),
        (PostFactory, "blog/post", "body"),
    ],
)
def test_script_posted_through_the_admin_form_is_not_stored(
    editor_client, themes, factory, admin_path, field
):
    item = factory()
    url = f"/admin/{admin_path}/{item.pk}/change/"
    page = editor_client.get(url)
    changes = {f"{field}_en": ATTACK, f"{field}_fr": ATTACK.replace("Hello", "Bonjour")}
    response = editor_client.post(
        url, form_data(page, f"{admin_path.split('/')[1]}_form", **changes)
    )
    assert response.status_code == 302
    item.refresh_from_db()
    for language, greeting in [("en", "Hello"), ("fr", "Bonjour")]:
        stored = getattr(item, f"{field}_{language}")
        assert f"<p>{greeting} <strong>neighbours</strong></p>" in stored
        for danger in ("<script", "alert(", "onerror", "onclick", "javascript:", "<img"):
            assert danger not in stored
        with translation.override(language):
            public = editor_client.get(item.get_absolute_url()).content.decode()
        assert f"{greeting} <strong>neighbours</strong>" in public and 'onerror="' not in public
