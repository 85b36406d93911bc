"""Search finds words inside uploaded documents once the background worker has read them."""

import io

import pytest

from citiesofmigration.models import Country, Theme
from elibrary.extraction import extract_resource_text
from elibrary.models import ExtractionStatus, Resource
from elibrary.services import attach_file, queue_extraction
from tests.elibrary import pages
from tests.elibrary.conftest import queued_extractions, run_background_worker
from tests.elibrary.documents import docx_bytes, pdf_bytes, pptx_bytes, upload
from tests.factories import CountryFactory, ResourceFactory

pytestmark = pytest.mark.django_db

PHRASE = "quokka harbour ferry"


def search(client, q, **params):
    response = client.get("/en/e-library/", {"q": q, **params})
    assert response.status_code == 200
    return response


def xlsx_bytes(text):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Indicator"
    workbook.active["A2"] = text
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_phrase_inside_a_pdf_finds_the_resource_once_the_worker_has_run(client):
    ResourceFactory(title="Unrelated guide", abstract="Nothing about boats.")
    resource = Resource(
        title="Coastal settlement services",
        slug="coastal-settlement-services",
        resource_type="report",
        year=2022,
        status="published",
        abstract="Services for newcomers in port towns.",
    )
    attach_file(resource, upload("coastal.pdf", pdf_bytes(f"Newcomers ride the {PHRASE} daily.")))
    resource.save()
    queue_extraction(resource)
    assert search(client, PHRASE).content.count(b"resource-card") == 0

    run_background_worker()

    response = search(client, PHRASE)
    [card] = pages.results(response)
    assert card.title == "Coastal settlement services"
    assert "<mark>quokka</mark> <mark>harbour</mark> <mark>ferry</mark>" in card.snippet_html
    assert pages.result_count(response) == "1 result"


def test_before_extraction_has_run_the_phrase_inside_the_document_finds_nothing(client):
    resource = ResourceFactory(document=upload("waiting.pdf", pdf_bytes(f"The {PHRASE}.")))
    queue_extraction(resource)
    assert queued_extractions() == [resource.pk]
    assert resource.extraction_status == ExtractionStatus.PENDING
    assert pages.result_titles(search(client, PHRASE)) == []


def test_a_title_match_ranks_above_a_match_only_inside_a_document(client):
    inside = ResourceFactory(
        title="Annual settlement review",
        year=2024,
        document=upload("review.pdf", pdf_bytes("A note on the quokka population.")),
    )
    extract_resource_text.call(inside.pk)
    ResourceFactory(title="The quokka guide to welcoming cities", year=2001)
    response = search(client, "quokka")
    assert pages.result_titles(response) == [
        "The quokka guide to welcoming cities",
        "Annual settlement review",
    ]
    # Newest first would put them the other way round.
    assert pages.result_titles(search(client, "quokka", sort="newest")) == [
        "Annual settlement review",
        "The quokka guide to welcoming cities",
    ]


@pytest.mark.parametrize(
    ("name", "make"),
    [("notes.docx", docx_bytes), ("slides.pptx", pptx_bytes), ("figures.xlsx", xlsx_bytes)],
    ids=["Word", "PowerPoint", "Excel"],
)
def test_text_inside_office_documents_is_indexed_too(client, name, make):
    resource = ResourceFactory(
        title="Office document", document=upload(name, make(f"Notes on the {PHRASE}."))
    )
    assert extract_resource_text.call(resource.pk) == ExtractionStatus.DONE
    response = search(client, PHRASE)
    [card] = pages.results(response)
    assert card.title == "Office document"
    assert "<mark>quokka</mark>" in card.snippet_html


def test_text_from_a_document_is_shown_escaped_in_the_snippet(client):
    resource = ResourceFactory(
        document=upload("code.pdf", pdf_bytes("If a < b & c then <img src=x> quokka wins."))
    )
    extract_resource_text.call(resource.pk)
    [card] = pages.results(search(client, "quokka"))
    assert "<img" not in card.snippet_html
    assert "a &lt; b &amp; c" in card.snippet_html
    assert "<mark>quokka</mark>" in card.snippet_html


def test_a_resource_without_a_file_needs_no_extraction():
    resource = ResourceFactory()
    assert resource.extraction_status == ExtractionStatus.NOT_NEEDED
    assert extract_resource_text.call(resource.pk) == "skipped"


def test_search_inside_documents_does_not_reach_unpublished_resources(client):
    draft = ResourceFactory(draft=True, document=upload("draft.pdf", pdf_bytes(PHRASE)))
    extract_resource_text.call(draft.pk)
    assert pages.result_titles(search(client, PHRASE)) == []


# -- resources in English and in French (issue 11) ---------------------------------------


def search_fr(client, q, **params):
    response = client.get("/fr/e-library/", {"q": q, **params})
    assert response.status_code == 200
    return response


@pytest.fixture
def housing_reports(db):
    """A French report about « logements » and an English one that says "Logement" in its
    title too, newer: only the page's language can put the French one first on /fr/."""
    french = ResourceFactory(
        title="Des logements pour les nouveaux arrivants",
        language="fr",
        year=2015,
        abstract="Un guide des logements abordables pour les nouveaux arrivants.",
    )
    english = ResourceFactory(
        title="Logement Plus: a rent bank study",
        year=2024,
        abstract="How a rent bank keeps newcomer families housed.",
    )
    return french, english


def test_a_french_search_finds_the_french_resource_first(client, housing_reports):
    french, english = housing_reports
    hrefs = [card.href for card in pages.results(search_fr(client, "logement"))]
    assert hrefs == [french.get_absolute_url(), english.get_absolute_url()]


def test_an_english_search_finds_the_english_resource_first(client, housing_reports):
    french, english = housing_reports
    hrefs = [card.href for card in pages.results(search(client, "logement"))]
    assert hrefs == [english.get_absolute_url(), french.get_absolute_url()]


def test_a_french_resource_is_stemmed_and_highlighted_as_french(client, housing_reports):
    # "nouveau" and "nouveaux" are one word in French, not in English: an English title
    # with the French word is left out.
    ResourceFactory(title="Nouveaux Horizons grants, an evaluation", language="en")
    cards = pages.results(search_fr(client, "nouveau arrivant"))
    assert [card.href for card in cards] == [housing_reports[0].get_absolute_url()]
    assert "<mark>nouveaux</mark> <mark>arrivants</mark>" in cards[0].snippet_html
    assert pages.result_titles(search_fr(client, "nouveaux")) == [
        "Des logements pour les nouveaux arrivants",
        "Nouveaux Horizons grants, an evaluation",
    ]


def test_countries_are_found_by_their_french_name_in_either_language(client):
    germany = CountryFactory(code="DE", name="Germany", region="europe")
    Country.objects.filter(pk=germany.pk).update(name_fr="Allemagne")
    french = ResourceFactory(title="L'accueil à Berlin", language="fr", countries=[germany])
    english = ResourceFactory(title="Welcome in Berlin", year=2001, countries=[germany])
    found = {card.href for card in pages.results(search_fr(client, "Allemagne"))}
    assert found == {french.get_absolute_url(), english.get_absolute_url()}
    found = {card.href for card in pages.results(search(client, "Germany"))}
    assert found == {french.get_absolute_url(), english.get_absolute_url()}


def test_facet_labels_are_french_with_an_english_fallback(client, themes):
    germany = CountryFactory(code="DE", name="Germany", region="europe")
    Country.objects.filter(pk=germany.pk).update(name_fr="Allemagne")
    denmark = CountryFactory(code="DK", name="Denmark", region="europe")
    Theme.objects.filter(slug="plan").update(name_fr=None)
    ResourceFactory(countries=[germany, denmark], themes=["work", "plan"])
    page = client.get("/fr/e-library/")
    assert pages.facet_labels(page, "country") == {"DE": "Allemagne", "DK": "Denmark"}
    themes_shown = pages.facet_labels(page, "theme")
    assert themes_shown == {"work": Theme.objects.get(slug="work").name_fr, "plan": "Plan"}
