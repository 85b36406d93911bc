"""Merging duplicate cities: everything that named the duplicate names the kept city, the
duplicate is gone, and its old address is remembered (CityRedirect) for the city page."""

import pytest
from django.contrib.auth.models import Group

from citiesofmigration.models import City, CityRedirect
from citiesofmigration.services import city_links, merge_cities
from events.models import Event
from goodideas.models import Adaptation, GoodIdea
from tests.factories import (
    AdaptationFactory,
    CityFactory,
    EventFactory,
    GoodIdeaFactory,
    PersonFactory,
    PostFactory,
    ResourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dartmouth(themes):
    return CityFactory(name="Dartmouth", province="Nova Scotia", slug="dartmouth")


@pytest.fixture
def duplicate(dartmouth):
    # What a free-text proposal used to create: the same city spelt differently.
    return CityFactory(
        name="dartmouth", province="", country=dartmouth.country, slug="dartmouth-ca"
    )


def test_every_relation_moves_to_the_kept_city(dartmouth, duplicate):
    idea = GoodIdeaFactory(title="Harbour welcome walks", cities=[duplicate])
    resource = ResourceFactory(cities=[duplicate])
    webinar = EventFactory(cities=[duplicate])
    conference = EventFactory(in_person=True, venue_city=duplicate, past=True)
    post = PostFactory(cities=[duplicate])
    person = PersonFactory(city=duplicate)
    adaptation = AdaptationFactory(city=duplicate)

    result = merge_cities(keep=dartmouth, duplicates=[duplicate])

    assert not City.objects.filter(pk=duplicate.pk).exists()
    assert list(idea.cities.all()) == [dartmouth]
    assert list(resource.cities.all()) == [dartmouth]
    assert list(webinar.cities.all()) == [dartmouth]
    assert list(post.cities.all()) == [dartmouth]
    conference.refresh_from_db()
    person.refresh_from_db()
    adaptation.refresh_from_db()
    assert conference.venue_city == person.city == adaptation.city == dartmouth
    assert result.removed == ["dartmouth, Canada"] and result.moved >= 7
    # The history keeps pointing at a city that exists, so an old version can be restored.
    assert set(conference.history.values_list("venue_city", flat=True)) == {dartmouth.pk}


def test_the_old_address_leads_to_the_kept_city(dartmouth, duplicate):
    CityRedirect.objects.create(old_slug="dartmouth-old", city=duplicate)

    merge_cities(keep=dartmouth, duplicates=[duplicate])

    assert dict(CityRedirect.objects.values_list("old_slug", "city__slug")) == {
        "dartmouth-ca": "dartmouth",
        "dartmouth-old": "dartmouth",  # an earlier address of the duplicate too
    }


def test_an_item_linked_to_both_cities_keeps_one_link(dartmouth, duplicate):
    idea = GoodIdeaFactory(cities=[dartmouth, duplicate])
    AdaptationFactory(idea=idea, city=dartmouth, note="kept")
    AdaptationFactory(idea=idea, city=duplicate, note="the same adaptation again")

    result = merge_cities(keep=dartmouth, duplicates=[duplicate])

    assert list(idea.cities.all()) == [dartmouth]
    assert list(Adaptation.objects.values_list("note", flat=True)) == ["kept"]
    assert result.dropped == 2


def test_search_finds_the_items_by_the_kept_citys_name(dartmouth, themes):
    misspelt = CityFactory(name="Dartmuth", province="", country=dartmouth.country, slug="dartmuth")
    idea = GoodIdeaFactory(title="Harbour welcome walks", cities=[misspelt])
    assert not GoodIdea.objects.full_text("Dartmouth").filter(pk=idea.pk).exists()

    merge_cities(keep=dartmouth, duplicates=[misspelt])

    assert GoodIdea.objects.full_text("Dartmouth").filter(pk=idea.pk).exists()


def test_a_failure_half_way_changes_nothing(dartmouth, duplicate, monkeypatch):
    idea = GoodIdeaFactory(cities=[duplicate])
    event = EventFactory(in_person=True, venue_city=duplicate)

    def refuse(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(CityRedirect.objects, "update_or_create", refuse)
    with pytest.raises(RuntimeError):
        merge_cities(keep=dartmouth, duplicates=[duplicate])

    # (The Python object lost its pk in the attempted delete; the row is still there.)
    assert [city.slug for city in idea.cities.all()] == ["dartmouth-ca"]
    assert Event.objects.get(pk=event.pk).venue_city.slug == "dartmouth-ca"
    assert City.objects.count() == 2 and not CityRedirect.objects.exists()


def test_every_foreign_key_to_city_is_found():
    """A relation added later is moved too: the list comes from the models' metadata."""
    found = {(field.model._meta.label, field.name) for field in city_links()}
    assert {
        ("citiesofmigration.CityRedirect", "city"),
        ("citiesofmigration.Person", "city"),
        ("goodideas.Adaptation", "city"),
        ("goodideas.GoodIdea_cities", "city"),
        ("elibrary.Resource_cities", "city"),
        ("events.Event_cities", "city"),
        ("events.Event", "venue_city"),
        ("events.HistoricalEvent", "venue_city"),
        ("blog.Post_cities", "city"),
    } <= found


# -- In the admin, as an editor --------------------------------------------------------


@pytest.fixture
def editor_client(client):
    editor = UserFactory(username="merging-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


CHANGELIST = "/admin/citiesofmigration/city/"


def test_an_editor_merges_from_the_city_list(editor_client, dartmouth, duplicate):
    idea = GoodIdeaFactory(cities=[duplicate])
    selected = {"action": "merge_selected", "_selected_action": [dartmouth.pk, duplicate.pk]}

    # First the action asks which city is kept...
    page = editor_client.post(CHANGELIST, {**selected, "index": 0})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Which city is kept?" in html
    assert 'name="keep"' in html and "/en/cities/dartmouth-ca/" in html

    # ...then merges into the one chosen.
    response = editor_client.post(CHANGELIST, {**selected, "keep": dartmouth.pk}, follow=True)
    assert response.redirect_chain[-1][0].startswith(CHANGELIST)
    assert "merged into Dartmouth, Canada (1 link moved)" in response.content.decode()
    assert list(City.objects.values_list("slug", flat=True)) == ["dartmouth"]
    assert list(idea.cities.all()) == [dartmouth]
    assert CityRedirect.objects.get(old_slug="dartmouth-ca").city == dartmouth


def test_merging_asks_again_without_a_choice_and_needs_two_cities(
    editor_client, dartmouth, duplicate
):
    selected = {"action": "merge_selected", "_selected_action": [dartmouth.pk, duplicate.pk]}
    page = editor_client.post(CHANGELIST, {**selected, "keep": "not-a-city"})
    assert page.status_code == 200 and "Choose the city to keep." in page.content.decode()
    assert City.objects.count() == 2

    one = editor_client.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": [dartmouth.pk]}, follow=True
    )
    assert "Select at least two cities to merge." in one.content.decode()
    assert City.objects.count() == 2


def test_staff_without_the_city_permissions_cannot_merge(client, dartmouth, duplicate):
    clerk = UserFactory(username="clerk", is_staff=True)
    client.force_login(clerk)
    response = client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": [dartmouth.pk, duplicate.pk],
         "keep": dartmouth.pk},
    )  # fmt: skip
    assert response.status_code == 403
    assert City.objects.count() == 2
