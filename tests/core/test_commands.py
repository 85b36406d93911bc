import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from citiesofmigration.models import City, Country, Theme

pytestmark = pytest.mark.django_db


def table_sizes():
    return {model.__name__: model.objects.count() for model in (Theme, Country, City)}


def test_loading_the_demo_twice_creates_no_duplicates():
    call_command("load_demo", verbosity=0)
    first = table_sizes()
    call_command("load_demo", verbosity=0)
    assert table_sizes() == first
    assert first["Theme"] == 5
    assert first["Country"] >= 5


def test_editors_group_can_curate_content_but_not_add_or_remove_themes():
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_theme", "add_city", "change_city", "add_country", "add_tag"} <= codenames
    assert "add_theme" not in codenames and "delete_theme" not in codenames
    # Editors never get user-management powers.
    assert not codenames & {"add_user", "change_user", "change_group"}


def test_local_editor_is_staff_in_editors_and_not_a_superuser(settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("create_local_editor", stdout=output)
    call_command("create_local_editor", stdout=output)  # twice is fine
    assert "password 'editor'" in output.getvalue()
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    assert editor.check_password("editor")


def test_local_editor_is_refused_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local use only"):
        call_command("create_local_editor")
    assert not get_user_model().objects.filter(username="editor").exists()
