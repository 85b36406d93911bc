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


WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def write_docx_bomb(path, *, unpacked_bytes=200 * 1024 * 1024):
    """A valid .docx (Word and python-docx open it) whose ``word/document.xml`` is
    ``unpacked_bytes`` of repetitive paragraphs, written a megabyte at a time so neither
    the test nor the file is large: 200 MB pack into about 600 KB."""
    paragraph = b"<w:p><w:r><w:t>Welcome to the city.</w:t></w:r></w:p>"
    megabyte = paragraph * (1024 * 1024 // len(paragraph))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        with archive.open("word/document.xml", "w") as part:
            part.write(f'<w:document xmlns:w="{WORD_NAMESPACE}"><w:body>'.encode())
            for _ in range(unpacked_bytes // len(megabyte) + 1):
                part.write(megabyte)
            part.write(b"</w:body></w:document>")
    return path
