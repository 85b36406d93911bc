import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.utils import timezone

from blog.forms import comment_form_token
from citiesofmigration.editors import EDITORS_GROUP
from tests.factories import CityFactory, CountryFactory, UserFactory
from tests.tasks import run_tasks


@pytest.fixture
def editor(db):
    """Staff in the Editors group (created by migrations), not a superuser."""
    user = UserFactory(username="blog-editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, db):
    """Staff who may log into the admin but is no editor: no content permissions."""
    client.force_login(UserFactory(username="blog-staff-not-editor", is_staff=True))
    return client


@pytest.fixture
def halifax(db):
    canada = CountryFactory(code="CA", name="Canada")
    return CityFactory(name="Halifax", province="Nova Scotia", country=canada, slug="halifax")


@pytest.fixture
def clock(monkeypatch):
    """Move the site's clock: ``clock.advance(hours=2)`` makes every ``timezone.now()``
    (publication, feeds, tokens' expiry) that much later."""

    class Clock:
        offset = timedelta()

        def advance(self, **delta):
            self.offset += timedelta(**delta)

    clock = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock.offset)
    return clock


def form_token(post, *, seconds_ago=60):
    """The comment form's signed timestamp as if the page had loaded ``seconds_ago``."""
    earlier = signing.b62_encode(int(time.time()) - seconds_ago)
    with mock.patch.object(signing.TimestampSigner, "timestamp", lambda signer: earlier):
        return comment_form_token(post)


# Send the queued e-mails, as `manage.py db_worker` does in production.
run_worker = run_tasks
