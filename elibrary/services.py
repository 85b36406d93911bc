"""Writes on resources that more than the admin needs (admin, demo loader, tests)."""

import os

from elibrary.extraction import extract_resource_text
from elibrary.models import ExtractionStatus, Resource
from elibrary.uploads import validate_document


def attach_file(resource: Resource, uploaded) -> None:
    """Validate and attach an uploaded document (not yet saved). Its text is extracted in
    the background once ``queue_extraction`` is called after saving."""
    kind = validate_document(uploaded)
    resource.file_kind = kind.code
    resource.file_size = uploaded.size
    resource.original_filename = os.path.basename(uploaded.name or "")[:200]
    resource.extraction_status = ExtractionStatus.PENDING
    resource.extraction_error = ""
    resource.extracted_text = ""
    resource.file = uploaded


def detach_file(resource: Resource) -> None:
    """Remove the document (not yet saved): its type, size and name go, and so does the
    text search found inside it."""
    resource.file = ""
    resource.file_kind = ""
    resource.file_size = None
    resource.original_filename = ""
    resource.extraction_status = ExtractionStatus.NOT_NEEDED
    resource.extraction_error = ""
    resource.extracted_text = ""


def queue_extraction(resource: Resource) -> None:
    """Queue text extraction in the current transaction (the worker runs it on commit)."""
    if resource.file:
        extract_resource_text.enqueue(resource.pk)
