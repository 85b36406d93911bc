import pytest
from django.contrib.auth.models import Group

from citiesofmigration.editors import EDITORS_GROUP
from tests.factories import CityFactory, CountryFactory, UserFactory


@pytest.fixture
def editor(db):
    """Staff in the Editors group (created by migrations), not a superuser."""
    user = UserFactory(username="editor-in-test", is_staff=True)
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


@pytest.fixture
def canada(db):
    return CountryFactory(code="CA", name="Canada")


@pytest.fixture
def germany(db):
    return CountryFactory(code="DE", name="Germany", region="europe")


@pytest.fixture
def halifax(canada):
    return CityFactory(name="Halifax", province="Nova Scotia", country=canada, slug="halifax")


@pytest.fixture
def moncton(canada):
    return CityFactory(name="Moncton", province="New Brunswick", country=canada, slug="moncton")


@pytest.fixture
def fredericton(canada):
    return CityFactory(
        name="Fredericton", province="New Brunswick", country=canada, slug="fredericton"
    )


@pytest.fixture
def montreal(canada):
    return CityFactory(name="Montréal", province="Québec", country=canada, slug="montreal")


@pytest.fixture
def munich(germany):
    return CityFactory(name="Munich", province="Bavaria", country=germany, slug="munich")
