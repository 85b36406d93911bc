import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from citiesofmigration.editors import EDITORS_GROUP
from elibrary.extraction import extract_resource_text
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(db):
    """Staff in the Editors group (created by migrations), not a superuser."""
    user = UserFactory(username="elibrary-editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, db):
    """Staff who may log into the admin but is no editor: no content permissions."""
    client.force_login(UserFactory(username="staff-not-editor", is_staff=True))
    return client


def queued_extractions():
    """Resource ids whose text extraction waits in the background queue."""
    return sorted(
        task.args_kwargs["args"][0]
        for task in DBTaskResult.objects.ready().filter(task_path=extract_resource_text.module_path)
    )


def run_background_worker():
    """Run every queued task as the production worker does, then stop. The worker
    commits and recycles connections, so tests that use it are transactional."""
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    failed = DBTaskResult.objects.failed().values_list("task_path", "exception_class_path")
    assert not failed, f"background tasks failed: {list(failed)}"
