"""Editors (staff in the Editors group, not superusers) curate Good Ideas in the admin."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from citiesofmigration.publication import Status
from goodideas.models import GoodIdea
from tests.factories import CollectionFactory, GoodIdeaFactory, OrganisationFactory
from tests.goodideas import pages

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/goodideas/goodidea/"


def listed_titles(response):
    return re.findall(r'<th class="field-title"><a href="[^"]*">([^<]*)</a>', pages.text(response))


def test_an_editor_who_is_no_superuser_curates_good_ideas(editor_client, editor, themes):
    GoodIdeaFactory(title="Welcome pass")
    assert not editor.is_superuser
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert listed_titles(response) == ["Welcome pass"]
    assert editor_client.get(f"{CHANGELIST}add/").status_code == 200


def test_staff_outside_the_editors_group_cannot_open_good_ideas(staff_client, themes):
    assert staff_client.get(CHANGELIST).status_code == 403


def test_proposals_waiting_for_review_are_listed_first(editor_client, themes):
    now = timezone.now()
    GoodIdeaFactory(title="Published long ago", published_at=now - timedelta(days=400))
    GoodIdeaFactory(title="Aardvark draft", draft=True)
    GoodIdeaFactory(title="Zebra proposal", in_review=True)
    GoodIdeaFactory(title="Published today", published_at=now)
    sent_back = GoodIdeaFactory(title="Sent back for review", published_at=now - timedelta(days=9))
    GoodIdea.objects.filter(pk=sent_back.pk).update(status=Status.REVIEW)
    titles = listed_titles(editor_client.get(CHANGELIST))
    assert set(titles[:2]) == {"Zebra proposal", "Sent back for review"}
    assert len(titles) == 5


@pytest.fixture
def varied(themes, halifax, munich):
    chamber = OrganisationFactory(name="Halifax Chamber of Commerce")
    return {
        "review": GoodIdeaFactory(title="Proposed transit pass", in_review=True),
        "plan": GoodIdeaFactory(title="Welcoming policy", primary_theme=themes["plan"]),
        "germany": GoodIdeaFactory(title="Job coaching", cities=[munich]),
        "private": GoodIdeaFactory(title="Sanctuary services", contact_is_private=True),
        "collected": GoodIdeaFactory(
            title="Futures framework",
            collections=[CollectionFactory(name="Immigrant Futures", slug="immigrant-futures")],
            practice_status="running",
        ),
        "halifax": GoodIdeaFactory(
            title="Halifax mentors", cities=[halifax], lead_organisation=chamber
        ),
    }


def test_the_status_filter_shows_the_review_queue(editor_client, varied):
    response = editor_client.get(CHANGELIST, {"status__exact": "review"})
    assert listed_titles(response) == ["Proposed transit pass"]


def test_the_filters_narrow_by_theme_country_collection_status_and_privacy(
    editor_client, varied, themes, germany
):
    def titles(**params):
        return listed_titles(editor_client.get(CHANGELIST, params))

    assert titles(primary_theme__id__exact=themes["plan"].pk) == ["Welcoming policy"]
    assert titles(cities__country__id__exact=germany.pk) == ["Job coaching"]
    collection = varied["collected"].collections.get()
    assert titles(collections__id__exact=collection.pk) == ["Futures framework"]
    assert titles(practice_status__exact="running") == ["Futures framework"]
    assert titles(contact_is_private__exact="1") == ["Sanctuary services"]


def test_the_filter_panel_offers_only_countries_that_have_ideas(editor_client, varied):
    body = pages.text(editor_client.get(CHANGELIST))
    assert "Germany" in body and "Canada" in body
    assert "France" not in body


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("transit", ["Proposed transit pass"]),
        ("Munich", ["Job coaching"]),
        ("Chamber of Commerce", ["Halifax mentors"]),
    ],
)
def test_the_search_box_finds_titles_places_and_organisations(editor_client, varied, q, expected):
    assert listed_titles(editor_client.get(CHANGELIST, {"q": q})) == expected


def test_an_idea_in_several_matching_cities_is_listed_once(editor_client, themes, canada):
    from tests.factories import CityFactory

    GoodIdeaFactory(
        title="Two cities",
        cities=[
            CityFactory(name="Springfield East", country=canada),
            CityFactory(name="Springfield West", country=canada),
        ],
    )
    assert listed_titles(editor_client.get(CHANGELIST, {"q": "Springfield"})) == ["Two cities"]


def test_editors_see_who_proposed_an_idea_under_review(editor_client, themes):
    idea = GoodIdeaFactory(in_review=True)
    body = pages.text(editor_client.get(f"{CHANGELIST}{idea.pk}/change/"))
    assert "Sam Submitter" in body and "sam.submitter@example.org" in body


def publish(client, *ideas):
    return client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [idea.pk for idea in ideas]},
        follow=True,
    )


def test_publishing_a_proposal_in_bulk_puts_it_on_the_public_list(client, editor, themes):
    idea = GoodIdeaFactory(title="Proposed chess club", in_review=True)
    GoodIdeaFactory(title="Already public")
    assert pages.result_titles(client.get("/en/good-ideas/")) == ["Already public"]

    client.force_login(editor)
    response = publish(client, idea)
    assert "1 item published." in pages.text(response)
    client.logout()

    assert "Proposed chess club" in pages.result_titles(client.get("/en/good-ideas/"))
    assert client.get(idea.get_absolute_url()).status_code == 200
    idea.refresh_from_db()
    assert idea.status == Status.PUBLISHED
    assert (idea.submitter_name, idea.submitter_email) == ("", "")


def test_publishing_in_bulk_keeps_a_publication_date_already_set(editor_client, themes):
    scheduled = timezone.now() + timedelta(days=3)
    idea = GoodIdeaFactory(draft=True)
    GoodIdea.objects.filter(pk=idea.pk).update(published_at=scheduled)
    publish(editor_client, idea)
    idea.refresh_from_db()
    assert idea.status == Status.PUBLISHED and idea.published_at == scheduled
    assert not idea.is_public


def test_unpublishing_in_bulk_takes_ideas_off_the_site(client, editor, themes):
    idea = GoodIdeaFactory(title="Going away")
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {"action": "unpublish_selected", "_selected_action": [idea.pk]},
        follow=True,
    )
    assert "1 item unpublished." in pages.text(response)
    client.logout()
    assert client.get(idea.get_absolute_url()).status_code == 404


def change_form(idea, **changes):
    """What the admin's change form posts for ``idea``, with ``changes``."""
    data = {
        "title_en": idea.title_en,
        "title_fr": idea.title_fr or "",
        "slug_en": idea.slug_en,
        "slug_fr": idea.slug_fr or "",
        "summary_en": idea.summary_en,
        "summary_fr": idea.summary_fr or "",
        "story_en": idea.story_en,
        "story_fr": idea.story_fr or "",
        "status": idea.status,
        "published_at_0": "",
        "published_at_1": "",
        "primary_theme": idea.primary_theme_id,
        "themes": [theme.pk for theme in idea.themes.all()],
        "cities": [city.pk for city in idea.cities.all()],
        "tags": ", ".join(idea.tags.names()),
        "practice_status": idea.practice_status,
        "adaptations-TOTAL_FORMS": "0",
        "adaptations-INITIAL_FORMS": "0",
        "adaptations-MIN_NUM_FORMS": "0",
        "adaptations-MAX_NUM_FORMS": "1000",
        "collectionmembership_set-TOTAL_FORMS": "0",
        "collectionmembership_set-INITIAL_FORMS": "0",
        "collectionmembership_set-MIN_NUM_FORMS": "0",
        "collectionmembership_set-MAX_NUM_FORMS": "1000",
    }
    if idea.published_at:
        local = timezone.localtime(idea.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(changes)
    return data


def save_in_admin(client, idea, **changes):
    response = client.post(f"{CHANGELIST}{idea.pk}/change/", change_form(idea, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    idea.refresh_from_db()
    return idea


def test_saving_keeps_the_primary_theme_among_the_themes(editor_client, themes):
    idea = GoodIdeaFactory(primary_theme=themes["work"])
    idea = save_in_admin(editor_client, idea, primary_theme=themes["plan"].pk, themes=[])
    assert themes["plan"] in idea.themes.all()


def test_a_word_added_to_the_title_in_the_admin_is_found_by_search(client, editor, themes):
    idea = GoodIdeaFactory(title="Mentoring circles")
    client.force_login(editor)
    save_in_admin(client, idea, title_en="Mentoring circles in Zanzibar")
    client.logout()
    response = client.get("/en/good-ideas/", {"q": "Zanzibar"})
    assert pages.result_titles(response) == ["Mentoring circles in Zanzibar"]


def test_a_tag_added_in_the_admin_is_searchable_and_a_facet(client, editor, themes):
    idea = GoodIdeaFactory(title="Mentoring circles", tags=["mentoring"])
    client.force_login(editor)
    save_in_admin(client, idea, tags="mentoring, xylophone lessons")
    client.logout()
    assert pages.result_titles(client.get("/en/good-ideas/", {"q": "xylophone"})) == [
        "Mentoring circles"
    ]
    response = client.get("/en/good-ideas/")
    assert pages.counts(response, "tag") == {"mentoring": 1, "xylophone-lessons": 1}


def test_publishing_through_the_change_form_dates_the_idea_and_forgets_the_submitter(
    editor_client, themes
):
    idea = GoodIdeaFactory(in_review=True)
    idea = save_in_admin(editor_client, idea, status=Status.PUBLISHED)
    assert idea.is_public
    assert (idea.submitter_name, idea.submitter_email) == ("", "")


def test_the_story_an_editor_saves_is_cleaned_of_script(editor_client, client, themes):
    idea = GoodIdeaFactory()
    save_in_admin(
        editor_client,
        idea,
        story_en='<p onclick="steal()">Safe words</p><script>alert("x")</script>',
    )
    body = pages.text(client.get(idea.get_absolute_url()))
    assert "<p>Safe words</p>" in body
    assert "steal()" not in body and 'alert("x")' not in body


def test_the_admin_refuses_a_slug_that_the_sites_own_pages_use(editor_client, themes):
    idea = GoodIdeaFactory(title="Welcome desk", themes=["live"])
    for field in ("slug_en", "slug_fr"):
        response = editor_client.post(
            f"{CHANGELIST}{idea.pk}/change/", change_form(idea, **{field: "submit"})
        )
        assert response.status_code == 200
        assert "used by the site" in str(response.context["adminform"].form.errors[field])
        idea.refresh_from_db()
        assert "submit" not in (idea.slug_en, idea.slug_fr)
