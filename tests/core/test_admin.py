import pytest
from django.contrib.auth.models import Group

from citiesofmigration.models import Theme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = UserFactory(username="ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_admin_is_titled_for_the_portal(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "Cities of Migration" in html
    assert "Themes" in html and "Cities" in html and "Countries" in html


def test_an_editor_rewords_a_theme_but_cannot_add_one(editor_client, themes):
    live = themes["live"]
    url = f"/admin/citiesofmigration/theme/{live.pk}/change/"
    response = editor_client.post(
        url,
        {
            "name_en": "Live",
            "name_fr": "Vivre",
            "tagline_en": "Home and health",
            "tagline_fr": "Logement et santé",
            "description_en": "New words.",
            "description_fr": "De nouveaux mots.",
            "position": 1,
        },
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.description_en, live.description_fr) == ("New words.", "De nouveaux mots.")
    # The theme's page in each language says it in that language.
    assert "De nouveaux mots." in editor_client.get("/fr/themes/live/").content.decode()
    assert "New words." in editor_client.get("/en/themes/live/").content.decode()
    assert editor_client.get("/admin/citiesofmigration/theme/add/").status_code == 403
    assert Theme.objects.count() == 5


def test_an_editor_adds_a_city_with_country_autocomplete(editor_client):
    from tests.factories import CountryFactory

    canada = CountryFactory()
    response = editor_client.post(
        "/admin/citiesofmigration/city/add/",
        {"name": "Moncton", "province": "New Brunswick", "country": canada.pk, "slug": "moncton"},
    )
    assert response.status_code == 302
    page = editor_client.get("/admin/citiesofmigration/city/?q=monc").content.decode()
    assert "Moncton" in page
