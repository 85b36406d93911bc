"""Uploaded documents are judged by their content and size, stored under names the
portal chooses, and a refused upload never costs what was already saved."""

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from elibrary.extraction import extract_resource_text
from elibrary.models import ExtractionStatus, Resource
from elibrary.services import attach_file
from tests.elibrary import pages
from tests.elibrary.admin_helpers import RESOURCES, add_form, change_form, change_url
from tests.elibrary.conftest import queued_extractions, run_background_worker
from tests.elibrary.documents import (
    DOCX_TYPE,
    UNPARSEABLE_PDF,
    docx_bytes,
    pdf_bytes,
    upload,
    zip_bytes,
)
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

WRONG_TYPE = (
    "Only PDF, Word (.docx), PowerPoint (.pptx) and Excel (.xlsx) files can be uploaded, "
    "and this file's content is none of these."
)


def stored_files(media_root):
    folder = media_root / "elibrary"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def every_file_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def new_resource():
    return Resource(title="Handbook", slug="handbook", resource_type="guide", year=2021)


# -- the service that the admin, the demo loader and scripts share ----------------------


def test_a_file_named_pdf_whose_bytes_are_no_pdf_is_refused_with_a_clear_message():
    resource = new_resource()
    with pytest.raises(ValidationError) as refused:
        attach_file(resource, upload("report.pdf", b"<html>not a pdf</html>", "application/pdf"))
    assert refused.value.code == "wrong_type"
    assert refused.value.messages == [WRONG_TYPE]
    assert not resource.file and resource.file_kind == ""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", b"Plain text notes about welcoming cities.\n"),
        ("notes.pdf", b"Plain text notes about welcoming cities.\n"),
        ("archive.docx", zip_bytes()),
        ("empty.pdf", b""),
    ],
    ids=["text file", "text renamed pdf", "zip renamed docx", "empty file"],
)
def test_files_that_are_no_document_are_refused(name, content):
    with pytest.raises(ValidationError, match="Only PDF, Word"):
        attach_file(new_resource(), upload(name, content))


def test_a_word_document_renamed_pdf_is_stored_as_word(media_root):
    resource = new_resource()
    attach_file(resource, upload("minutes.pdf", docx_bytes("Council minutes"), "application/pdf"))
    resource.save()
    assert resource.file_kind == "docx"
    assert resource.file.name.endswith(".docx")
    assert stored_files(media_root) == [resource.file.name.removeprefix("elibrary/")]


def test_a_file_over_the_size_limit_is_refused_and_the_message_names_the_limit(settings):
    settings.ELIBRARY_MAX_UPLOAD_BYTES = 1000
    content = pdf_bytes("A long paragraph about newcomers and cities. " * 30)
    assert len(content) > 1000
    with pytest.raises(ValidationError) as refused:
        attach_file(new_resource(), upload("big.pdf", content))
    assert refused.value.code == "too_large"
    assert filesizeformat(1000) in refused.value.messages[0]  # "1000 bytes"
    assert filesizeformat(len(content)) in refused.value.messages[0]


def test_a_file_at_exactly_the_size_limit_is_accepted(settings):
    content = pdf_bytes("Exactly at the limit.")
    settings.ELIBRARY_MAX_UPLOAD_BYTES = len(content)
    resource = new_resource()
    attach_file(resource, upload("fits.pdf", content))
    assert resource.file_kind == "pdf"


def test_a_file_named_to_climb_out_of_media_is_stored_under_a_generated_name(media_root):
    resource = new_resource()
    attach_file(resource, upload("../../x.pdf", pdf_bytes("Path test")))
    resource.save()
    assert every_file_under(media_root.parent) == [f"media/{resource.file.name}"]
    assert resource.file.name.startswith("elibrary/")
    assert resource.file.name != "elibrary/x.pdf"
    assert resource.original_filename == "x.pdf"
    assert resource.download_filename == "x.pdf"


def test_a_pdf_that_cannot_be_parsed_is_kept_and_marked_failed(client):
    resource = ResourceFactory(document=upload("broken.pdf", UNPARSEABLE_PDF))
    assert extract_resource_text.call(resource.pk) == ExtractionStatus.FAILED
    resource.refresh_from_db()
    assert resource.extraction_status == ExtractionStatus.FAILED
    assert resource.extraction_error  # says why, for the editor
    assert client.get(resource.get_absolute_url()).status_code == 200
    download = client.get(f"{resource.get_absolute_url()}download/")
    assert download.status_code == 200
    assert pages.downloaded(download) == UNPARSEABLE_PDF


# -- through the admin, as an editor -----------------------------------------------------


def test_an_editor_uploads_a_pdf_which_is_stored_and_queued_for_indexing(editor_client, media_root):
    data = add_form(editor_client, file=upload("handbook.pdf", pdf_bytes("Welcome desks")))
    response = editor_client.post(f"{RESOURCES}add/", data, follow=True)
    assert response.status_code == 200
    resource = Resource.objects.get(slug="welcoming-cities-handbook")
    assert resource.file_kind == "pdf"
    assert resource.original_filename == "handbook.pdf"
    assert resource.extraction_status == ExtractionStatus.PENDING
    assert stored_files(media_root) == [resource.file.name.removeprefix("elibrary/")]
    assert queued_extractions() == [resource.pk]
    assert "The document's text is being indexed in the background." in pages.admin_messages(
        response
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"This is not a PDF at all, just text."),
        ("notes.txt", b"Plain text notes.\n"),
    ],
    ids=["non-pdf bytes named pdf", "text file"],
)
def test_the_admin_refuses_a_file_that_is_no_document_and_says_why(
    editor_client, media_root, name, content
):
    data = add_form(editor_client, file=upload(name, content, "application/pdf"))
    response = editor_client.post(f"{RESOURCES}add/", data)
    assert response.status_code == 200  # the form again, not a 500
    assert WRONG_TYPE in pages.admin_errors(response)
    assert not Resource.objects.exists()
    assert stored_files(media_root) == []
    assert queued_extractions() == []


def test_the_admin_stores_a_word_document_renamed_pdf_as_word(editor_client, client, media_root):
    data = add_form(
        editor_client,
        status="published",
        file=upload("minutes.pdf", docx_bytes("Council minutes"), "application/pdf"),
    )
    editor_client.post(f"{RESOURCES}add/", data)
    resource = Resource.objects.get()
    assert (resource.file_kind, resource.file.name[-5:]) == ("docx", ".docx")
    client.logout()
    download = client.get(f"{resource.get_absolute_url()}download/")
    assert download["Content-Type"] == DOCX_TYPE
    assert 'filename="minutes.docx"' in download["Content-Disposition"]
    assert pages.downloaded(download) == (media_root / resource.file.name).read_bytes()


def test_the_admin_refuses_a_file_over_the_limit_and_names_the_limit(editor_client, settings):
    settings.ELIBRARY_MAX_UPLOAD_BYTES = 2048
    content = pdf_bytes("A long paragraph about newcomers and cities. " * 60)
    data = add_form(editor_client, file=upload("big.pdf", content))
    response = editor_client.post(f"{RESOURCES}add/", data)
    assert response.status_code == 200
    errors = " ".join(pages.admin_errors(response))
    assert "the limit is 2.0 KB" in errors
    assert not Resource.objects.exists()


def test_the_admin_stores_a_file_named_to_climb_out_of_media_inside_the_library_folder(
    editor_client, media_root
):
    data = add_form(editor_client, file=upload("../../x.pdf", pdf_bytes("Path test")))
    editor_client.post(f"{RESOURCES}add/", data)
    resource = Resource.objects.get()
    assert every_file_under(media_root.parent) == [f"media/{resource.file.name}"]
    assert resource.file.name.startswith("elibrary/") and resource.file.name.endswith(".pdf")
    assert resource.file.name != "elibrary/x.pdf"


def test_a_refused_upload_leaves_the_resource_with_its_old_file_and_old_fields(
    editor_client, client, media_root
):
    resource = ResourceFactory(
        title="Settlement report", document=upload("old.pdf", pdf_bytes("x"))
    )
    old_name = resource.file.name
    data = change_form(
        editor_client,
        resource,
        title="Renamed in the same submission",
        file=upload("new.pdf", b"not a pdf, only text", "application/pdf"),
    )
    response = editor_client.post(change_url(resource), data)
    assert response.status_code == 200
    assert WRONG_TYPE in pages.admin_errors(response)
    resource.refresh_from_db()
    assert (resource.title, resource.file.name, resource.file_kind) == (
        "Settlement report",
        old_name,
        "pdf",
    )
    assert resource.original_filename == "old.pdf"
    assert stored_files(media_root) == [old_name.removeprefix("elibrary/")]
    download = client.get(f"{resource.get_absolute_url()}download/")
    assert pages.downloaded(download).startswith(b"%PDF")


def test_a_refused_upload_does_not_touch_the_existing_files_indexed_text(editor_client):
    resource = ResourceFactory(document=upload("old.pdf", pdf_bytes("wombat crossing")))
    extract_resource_text.call(resource.pk)
    data = change_form(editor_client, resource, file=upload("new.pdf", b"text", "application/pdf"))
    editor_client.post(change_url(resource), data)
    resource.refresh_from_db()
    assert resource.extraction_status == ExtractionStatus.DONE
    assert "wombat crossing" in resource.extracted_text
    assert Resource.objects.full_text("wombat crossing").filter(pk=resource.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_an_unparseable_pdf_uploaded_in_the_admin_stays_downloadable_and_is_marked_failed(
    editor_client, client, media_root
):
    data = add_form(editor_client, status="published", file=upload("broken.pdf", UNPARSEABLE_PDF))
    response = editor_client.post(f"{RESOURCES}add/", data)
    assert response.status_code == 302
    resource = Resource.objects.get()
    run_background_worker()
    resource.refresh_from_db()
    assert resource.extraction_status == ExtractionStatus.FAILED
    assert "Failed" in pages.text(editor_client.get(change_url(resource)))
    client.logout()
    assert client.get(resource.get_absolute_url()).status_code == 200
    download = client.get(f"{resource.get_absolute_url()}download/")
    assert download.status_code == 200
    assert pages.downloaded(download) == UNPARSEABLE_PDF
