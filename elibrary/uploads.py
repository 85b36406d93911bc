"""Uploaded documents: the type is read from the content, not trusted from the name; the
size is capped, and so is what an Office file unpacks to (a 600 KB .docx can hold 200 MB
of XML); the stored name is generated, so ``../../x.pdf`` can never choose a path."""

import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from elibrary.extraction_limits import ExtractionLimits, refusal_message
from elibrary.office_archive import ArchiveRefused, inspect_archive


@dataclass(frozen=True)
class FileKind:
    code: str
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "pdf", "application/pdf", "PDF")
DOCX = FileKind(
    "docx",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
)
PPTX = FileKind(
    "pptx",
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
XLSX = FileKind(
    "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
KINDS = {kind.code: kind for kind in (PDF, DOCX, PPTX, XLSX)}
# The part inside an Office (ZIP) file that tells which application wrote it.
OFFICE_MARKERS = {
    "word/document.xml": DOCX,
    "ppt/presentation.xml": PPTX,
    "xl/workbook.xml": XLSX,
}


def max_upload_bytes() -> int:
    return getattr(settings, "ELIBRARY_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)


def sniff_kind(uploaded) -> FileKind | None:
    """The document's kind from its first bytes (and, for Office files, its parts)."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            uploaded.seek(0)
        for marker, kind in OFFICE_MARKERS.items():
            if marker in names:
                return kind
    return None


def validate_document(uploaded) -> FileKind:
    """Raise a ValidationError a person can act on, or return the file's kind."""
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s. Please upload a smaller file.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    kind = sniff_kind(uploaded)
    if kind is None:
        raise ValidationError(
            _(
                "Only PDF, Word (.docx), PowerPoint (.pptx) and Excel (.xlsx) files can be "
                "uploaded, and this file's content is none of these."
            ),
            code="wrong_type",
        )
    if kind is not PDF:
        _refuse_archive_bombs(uploaded)
    return kind


def _refuse_archive_bombs(uploaded) -> None:
    """Measure the Office archive from its directory (nothing is unpacked) and refuse it
    when it breaks an extraction limit: the worker would refuse it later anyway, and the
    editor is still at the form to hear why."""
    try:
        inspect_archive(uploaded, ExtractionLimits.from_settings().archive)
    except ArchiveRefused as refused:
        raise ValidationError(refusal_message(refused), code=refused.code) from None
    finally:
        uploaded.seek(0)


def generated_name(instance, filename) -> str:
    """``upload_to``: a random name with the extension of the content's real kind."""
    kind = KINDS.get(getattr(instance, "file_kind", ""), PDF)
    return f"elibrary/{uuid.uuid4().hex}.{kind.extension}"
