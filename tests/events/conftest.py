import pytest
from django.contrib.auth.models import Group

from citiesofmigration.editors import EDITORS_GROUP
from tests.factories import EventFactory, UserFactory


@pytest.fixture
def webinar(db):
    """A published online webinar next week with two seats."""
    return EventFactory(title="Welcoming policies in practice", capacity=2)


@pytest.fixture
def editor(db):
    user = UserFactory(username="events-editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def halifax_city(db):
    from tests.factories import CityFactory, CountryFactory

    canada = CountryFactory(code="CA", name="Canada")
    return CityFactory(name="Halifax", province="Nova Scotia", country=canada, slug="halifax")
