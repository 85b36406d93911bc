"""Text inside uploaded documents, for search. Runs in the background worker, never in a
web request, so a large PDF cannot time out the admin."""

import logging

from django.db import transaction
from django_tasks import task

from citiesofmigration.search import refresh_search_vector

logger = logging.getLogger(__name__)

# Enough for search and snippets; keeps rows and headlines small for very long reports.
MAX_TEXT_LENGTH = 200_000


def _pdf_text(handle):
    from pypdf import PdfReader

    reader = PdfReader(handle)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(handle):
    from docx import Document

    document = Document(handle)
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _pptx_text(handle):
    from pptx import Presentation

    lines = []
    for slide in Presentation(handle).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                lines.extend(paragraph.text for paragraph in shape.text_frame.paragraphs)
    return "\n".join(lines)


def _xlsx_text(handle):
    from openpyxl import load_workbook

    workbook = load_workbook(handle, read_only=True, data_only=True)
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text, "pptx": _pptx_text, "xlsx": _xlsx_text}


def extract_text(handle, kind: str) -> str:
    text = EXTRACTORS[kind](handle)
    # PostgreSQL text cannot hold NUL characters.
    return text.replace("\x00", " ")[:MAX_TEXT_LENGTH]


@task()
def extract_resource_text(resource_id: int) -> str:
    """Extract, store and index a resource's text; a document that cannot be parsed stays
    stored and downloadable, marked as failed."""
    from elibrary.models import ExtractionStatus, Resource

    with transaction.atomic():
        resource = Resource.objects.select_for_update().filter(pk=resource_id).first()
        if resource is None or not resource.file:
            return "skipped"
        try:
            with resource.file.open("rb") as handle:
                text = extract_text(handle, resource.file_kind)
        except Exception as error:  # any parser failure is the document's, not ours
            logger.warning("Text extraction failed for resource %s: %s", resource_id, error)
            resource.extracted_text = ""
            resource.extraction_status = ExtractionStatus.FAILED
            resource.extraction_error = f"{error.__class__.__name__}: {error}"[:300]
        else:
            resource.extracted_text = text
            resource.extraction_status = ExtractionStatus.DONE
            resource.extraction_error = ""
        resource.save(update_fields=["extracted_text", "extraction_status", "extraction_error"])
        refresh_search_vector(resource)
    return resource.extraction_status
