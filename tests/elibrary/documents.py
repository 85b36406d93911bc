"""Small real documents built in the tests, and uploads made from them."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from elibrary.samplefiles import make_pdf, make_pptx

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def pdf_bytes(text, title="Test document"):
    return make_pdf(title, [text])


def docx_bytes(text):
    from docx import Document

    document = Document()
    document.add_heading("Test document", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx_bytes(text):
    return make_pptx("Test slides", [text])


def zip_bytes():
    """A ZIP archive that is no Office document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes/readme.txt", "not a document")
    return out.getvalue()


UNPARSEABLE_PDF = b"%PDF-1.4 garbage"


def upload(name, content, content_type="application/octet-stream"):
    """A file as a browser uploads it: the name and declared type are the sender's."""
    return SimpleUploadedFile(name, content, content_type=content_type)
