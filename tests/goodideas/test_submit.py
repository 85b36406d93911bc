"""Proposing a Good Idea through the public form at /good-ideas/submit/."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citiesofmigration.models import City
from citiesofmigration.publication import Status
from goodideas.models import GoodIdea
from tests.factories import CityFactory, GoodIdeaFactory
from tests.goodideas import pages
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

SUBMIT = "/en/good-ideas/submit/"
THANKS = "/en/good-ideas/submit/thanks/"


@pytest.fixture
def proposal(themes, canada):
    return {
        "title": "Newcomer Chess Club",
        "city": "Saint John",
        "province": "New Brunswick",
        "country": canada.pk,
        "theme": themes["connect"].pk,
        "summary": "Weekly chess evenings where newcomers and neighbours meet.",
        "story": "Started by two librarians in 2019.\n\nNow forty players come each week.",
        "organisation": "Saint John Public Library",
        "website": "library.example.org/chess",
        "submitter_name": "Ada Proposer",
        "submitter_email": "ada.proposer@example.org",
    }


def submit(client, data, *, send=False, **extra):
    """Post the form; with ``send``, also let the background worker send the e-mails."""
    response = client.post(SUBMIT, data, **extra)
    if send:
        run_tasks()
    return response


def test_the_form_asks_for_the_practice_the_place_and_the_submitter(client, themes):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    body = pages.text(response)
    for label in ["Name of the practice", "City", "Country", "Your name", "Your e-mail"]:
        assert f">{label}" in body
    assert "never published" in body


def test_a_proposal_waits_for_review_and_is_never_published_directly(client, proposal):
    response = submit(client, proposal, send=True)
    assert response.status_code == 302 and response["Location"] == THANKS
    idea = GoodIdea.objects.get()
    assert idea.status == Status.REVIEW and not idea.is_public
    assert idea.title == "Newcomer Chess Club"
    assert idea.primary_theme.slug == "connect"
    assert [str(city) for city in idea.cities.all()] == ["Saint John, Canada"]
    assert idea.lead_organisation.name == "Saint John Public Library"
    assert idea.website == "https://library.example.org/chess"
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert pages.result_titles(client.get("/en/good-ideas/")) == []


def test_the_submitter_is_kept_for_the_editors(client, proposal):
    submit(client, proposal)
    idea = GoodIdea.objects.get()
    assert idea.submitter_name == "Ada Proposer"
    assert idea.submitter_email == "ada.proposer@example.org"


def test_the_editors_are_emailed_once_the_proposal_is_saved(client, proposal):
    submit(client, proposal, send=True)
    [message] = mail.outbox
    idea = GoodIdea.objects.get()
    assert message.to == settings.EDITORS_EMAIL
    assert message.subject == "[Cities of Migration] Good Idea proposed: Newcomer Chess Club"
    assert "Weekly chess evenings" in message.body
    assert f"http://testserver/admin/goodideas/goodidea/{idea.pk}/change/" in message.body


def test_the_request_sends_nothing_itself_the_background_worker_does(client, proposal):
    submit(client, proposal)
    assert mail.outbox == []
    run_tasks()
    assert len(mail.outbox) == 1


def test_the_thank_you_page_says_what_happens_next(client, themes):
    body = pages.text(client.get(THANKS))
    assert "Thank you for your Good Idea" in body
    assert "review every proposal before anything is published" in body


def test_a_story_becomes_paragraphs_with_any_markup_shown_as_text(client, proposal, editor_client):
    proposal["story"] = 'First part.\n\n<script>alert("x")</script> <b>bold</b> & more'
    submit(client, proposal)
    idea = GoodIdea.objects.get()
    body = pages.text(editor_client.get(idea.get_absolute_url()))
    assert "<p>First part.</p>" in body
    assert '<script>alert("x")' not in body and "<b>bold</b>" not in body
    assert "&lt;script&gt;" in body and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in body


@pytest.mark.parametrize("missing", ["title", "city", "country", "theme", "summary", "story"])
def test_a_missing_field_is_asked_for_again_and_what_was_typed_is_kept(client, proposal, missing):
    del proposal[missing]
    response = submit(client, proposal)
    assert response.status_code == 200
    body = pages.text(response)
    assert "Please correct the following" in body
    assert "This field is required." in body
    assert 'value="Ada Proposer"' in body
    assert 'value="ada.proposer@example.org"' in body
    if missing != "story":
        assert "Now forty players come each week." in body
    assert not GoodIdea.objects.exists()


def test_an_invalid_email_is_refused(client, proposal):
    proposal["submitter_email"] = "not an address"
    response = submit(client, proposal)
    assert "Enter a valid email address." in pages.text(response)
    assert not GoodIdea.objects.exists()


@pytest.mark.parametrize("field", ["title", "city", "summary", "organisation", "submitter_name"])
@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r"])
def test_a_line_break_inside_a_one_line_field_is_refused(client, proposal, field, line_break):
    proposal[field] = f"First{line_break}Bcc: victim@example.org"
    response = submit(client, proposal)
    assert response.status_code == 200
    assert "Please keep this on one line." in pages.text(response)
    assert not GoodIdea.objects.exists()


def test_a_bot_that_fills_the_hidden_field_is_thanked_but_nothing_is_kept(client, proposal):
    proposal["homepage"] = "https://spam.example"
    response = submit(client, proposal, send=True)
    assert response.status_code == 302 and response["Location"] == THANKS
    assert not GoodIdea.objects.exists()
    assert mail.outbox == []


def test_the_hidden_field_is_hidden_from_people_and_assistive_technology(client, themes):
    body = pages.text(client.get(SUBMIT))
    assert '<div class="honeypot" aria-hidden="true">' in body
    assert 'name="homepage" id="id_homepage" tabindex="-1" autocomplete="off"' in body


def test_a_fourth_proposal_within_an_hour_from_one_client_is_refused(client, proposal):
    for n in range(3):
        proposal["title"] = f"Proposal {n}"
        assert submit(client, proposal).status_code == 302
    proposal["title"] = "One too many"
    response = submit(client, proposal)
    assert response.status_code == 429
    body = pages.text(response)
    assert "You have sent several ideas in the last hour. Please try again later." in body
    assert 'value="One too many"' in body  # nothing typed is lost
    assert GoodIdea.objects.count() == 3


def test_another_client_may_still_propose(client, proposal):
    for _ in range(3):
        submit(client, proposal, REMOTE_ADDR="192.0.2.1")
    assert submit(client, proposal, REMOTE_ADDR="192.0.2.2").status_code == 302
    assert GoodIdea.objects.count() == 4


def test_a_client_cannot_escape_the_limit_by_inventing_forwarded_addresses(client, proposal):
    for n in range(4):
        submit(client, proposal, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert GoodIdea.objects.count() == 3


def test_a_place_typed_into_a_proposal_gets_no_public_page_before_review(client, proposal):
    proposal["city"] = "Cheap Pills Town"
    submit(client, proposal)
    response = client.get("/en/cities/cheap-pills-town/")
    assert "Cheap Pills Town" not in pages.text(response)


def test_proposals_with_the_same_title_get_their_own_addresses(client, proposal):
    submit(client, proposal)
    submit(client, proposal)
    assert sorted(GoodIdea.objects.values_list("slug", flat=True)) == [
        "newcomer-chess-club",
        "newcomer-chess-club-2",
    ]


def test_publishing_a_proposal_forgets_who_sent_it(client, proposal):
    submit(client, proposal)
    idea = GoodIdea.objects.get()
    idea.status = Status.PUBLISHED
    idea.save()
    idea.refresh_from_db()
    assert (idea.submitter_name, idea.submitter_email) == ("", "")
    assert idea.published_at is not None


def test_publishing_proposals_in_bulk_forgets_who_sent_them(client, proposal):
    submit(client, proposal)
    GoodIdea.objects.all().publish()
    idea = GoodIdea.objects.get()
    assert (idea.submitter_name, idea.submitter_email) == ("", "")
    assert idea.is_public


def test_the_form_refuses_other_methods(client, themes):
    assert client.put(SUBMIT).status_code == 405


# -- The city: a known one is picked, not created again -----------------------------------


@pytest.fixture
def dartmouth(canada, themes):
    city = CityFactory(name="Dartmouth", province="Nova Scotia", country=canada, slug="dartmouth")
    GoodIdeaFactory(title="Harbour welcome walks", cities=[city])
    return city


def test_the_city_field_suggests_cities_with_published_content(client, dartmouth, canada):
    GoodIdeaFactory(draft=True, cities=[CityFactory(name="Secret Draftville", country=canada)])
    CityFactory(name="Nameless Hamlet", country=canada)  # no content: not suggested
    response = client.get(SUBMIT)
    html = response.content.decode()
    assert re.search(r'<input[^>]*name="city"[^>]*list="known-cities"', html) or re.search(
        r'<input[^>]*list="known-cities"[^>]*name="city"', html
    )
    suggestions = re.findall(r'<option value="([^"]*)" data-province', html)
    assert suggestions == ["Dartmouth"]
    assert "Dartmouth, Nova Scotia, Canada</option>" in html
    assert "Choose a city from the suggestions, or type a new one." in pages.text(response)


@pytest.mark.parametrize(
    "typed", ["Dartmouth", "dartmouth", "DARTMOUTH", "Dártmouth", " dartmouth"]
)
@pytest.mark.parametrize("province", ["", "Nova Scotia", "nova scotia"])
def test_a_known_city_typed_in_any_case_or_accents_is_not_created_again(
    client, proposal, dartmouth, typed, province
):
    submit(client, {**proposal, "city": typed, "province": province})
    idea = GoodIdea.objects.get(title="Newcomer Chess Club")
    assert list(idea.cities.all()) == [dartmouth]
    assert City.objects.filter(name__unaccent__iexact="dartmouth").count() == 1


def test_an_accented_city_is_found_without_its_accents(client, proposal, montreal):
    submit(client, {**proposal, "city": "Montreal", "province": ""})
    idea = GoodIdea.objects.get(title="Newcomer Chess Club")
    assert list(idea.cities.all()) == [montreal]


def test_a_new_city_is_created_once(client, proposal, canada):
    submit(client, {**proposal, "city": "Sackville", "province": "New Brunswick"})
    submit(client, {**proposal, "city": "sackville", "province": ""})
    assert list(City.objects.filter(name__iexact="sackville").values_list("name", "province")) == [
        ("Sackville", "New Brunswick")
    ]


def test_two_namesakes_need_the_province(client, proposal, canada):
    CityFactory(name="Richmond", province="British Columbia", country=canada, slug="richmond-bc")
    CityFactory(name="Richmond", province="Quebec", country=canada, slug="richmond-qc")
    response = submit(client, {**proposal, "city": "Richmond", "province": ""})
    assert response.status_code == 200
    assert "Several cities in Canada are called Richmond" in pages.text(response)
    assert not GoodIdea.objects.exists()

    submit(client, {**proposal, "city": "Richmond", "province": "Quebec"})
    assert GoodIdea.objects.get().cities.get().slug == "richmond-qc"
    assert City.objects.filter(name="Richmond").count() == 2


def test_the_suggestions_cost_the_same_queries_whatever_the_number_of_cities(
    client, canada, themes, django_assert_num_queries
):
    GoodIdeaFactory(cities=[CityFactory(country=canada)])
    with CaptureQueriesContext(connection) as with_one_city:
        assert client.get(SUBMIT).status_code == 200
    for _ in range(15):
        GoodIdeaFactory(cities=[CityFactory(country=canada)])
    with django_assert_num_queries(len(with_one_city)):
        response = client.get(SUBMIT)
    assert (
        len(re.findall(r"<option value=\"[^\"]*\" data-province", response.content.decode())) == 16
    )


@pytest.mark.parametrize("title", ["Submit", "Collections"])
def test_a_proposal_named_like_a_page_of_the_site_gets_an_address_of_its_own(
    client, proposal, title
):
    """/en/good-ideas/submit/ and /good-ideas/collections/ come before the ideas' own
    addresses: an idea with either slug could never be opened."""
    submit(client, {**proposal, "title": title})
    idea = GoodIdea.objects.get(title=title)
    assert idea.slug == f"{title.lower()}-2"
