"""Search finds words inside uploaded documents once the background worker has read them."""

import io

import pytest

from elibrary.extraction import extract_resource_text
from elibrary.models import ExtractionStatus, Resource
from elibrary.services import attach_file, queue_extraction
from tests.elibrary import pages
from tests.elibrary.conftest import queued_extractions, run_background_worker
from tests.elibrary.documents import docx_bytes, pdf_bytes, pptx_bytes, upload
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

PHRASE = "quokka harbour ferry"


def search(client, q, **params):
    response = client.get("/e-library/", {"q": q, **params})
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
