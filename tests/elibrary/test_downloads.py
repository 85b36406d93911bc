"""Downloads: the right type, always as an attachment with a safe name, and counted."""

import pytest

from elibrary.models import Resource
from tests.elibrary import pages
from tests.elibrary.documents import (
    DOCX_TYPE,
    PDF_TYPE,
    PPTX_TYPE,
    docx_bytes,
    pdf_bytes,
    pptx_bytes,
    upload,
)
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def download(client, resource):
    return client.get(f"{resource.get_absolute_url()}download/")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("futures.pdf", pdf_bytes("Scenarios"), PDF_TYPE),
        ("minutes.docx", docx_bytes("Minutes"), DOCX_TYPE),
        ("slides.pptx", pptx_bytes("Slides"), PPTX_TYPE),
    ],
    ids=["PDF", "Word", "PowerPoint"],
)
def test_a_download_is_an_attachment_of_its_real_type(
    client, media_root, name, content, content_type
):
    resource = ResourceFactory(document=upload(name, content))
    response = download(client, resource)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert pages.downloaded(response) == (media_root / resource.file.name).read_bytes()


def test_the_file_is_named_by_its_real_type_not_by_the_uploaded_name(client):
    resource = ResourceFactory(document=upload("slides.pdf", pptx_bytes("Slides")))
    response = download(client, resource)
    assert response["Content-Type"] == PPTX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="slides.pptx"'
    pages.downloaded(response)


@pytest.mark.parametrize(
    ("uploaded_name", "offered_name"),
    [
        ('Report "final"; v2.pdf', "Report_final_v2.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\evil.pdf", "....windowsevil.pdf"),
        ("a\r\nSet-Cookie: x=1.pdf", "aSet-Cookie_x1.pdf"),
    ],
    ids=["quotes and semicolon", "slashes", "backslashes", "line breaks"],
)
def test_the_offered_filename_is_safe(client, uploaded_name, offered_name):
    resource = ResourceFactory(document=upload(uploaded_name, pdf_bytes("x")))
    response = download(client, resource)
    assert response["Content-Disposition"] == f'attachment; filename="{offered_name}"'
    pages.downloaded(response)


def test_a_non_ascii_filename_is_offered_in_both_forms(client):
    resource = ResourceFactory(document=upload("Boîte à outils.pdf", pdf_bytes("x")))
    response = download(client, resource)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "Bo%C3%AEte_%C3%A0_outils.pdf" in disposition
    pages.downloaded(response)


def test_each_download_is_counted_once(client):
    resource = ResourceFactory(document=upload("futures.pdf", pdf_bytes("x")))
    pages.downloaded(download(client, resource))
    pages.downloaded(download(client, resource))
    client.get(resource.get_absolute_url())  # reading the page is no download
    resource.refresh_from_db()
    assert resource.download_count == 2


def test_a_head_request_from_a_link_checker_is_not_counted_as_a_download(client):
    resource = ResourceFactory(document=upload("futures.pdf", pdf_bytes("x")))
    response = client.head(f"{resource.get_absolute_url()}download/")
    pages.close(response)
    assert response.status_code == 200
    assert response["Content-Type"] == PDF_TYPE
    resource.refresh_from_db()
    assert resource.download_count == 0


def test_a_resource_without_a_file_has_no_download(client):
    resource = ResourceFactory(external_url="https://example.org/report")
    assert download(client, resource).status_code == 404


def test_a_file_missing_from_storage_is_not_found_rather_than_an_error(client, media_root):
    resource = ResourceFactory(document=upload("futures.pdf", pdf_bytes("x")))
    (media_root / resource.file.name).unlink()
    assert download(client, resource).status_code == 404
    assert Resource.objects.get(pk=resource.pk).download_count == 0


def test_an_editor_can_download_a_draft_to_check_it(editor_client):
    draft = ResourceFactory(draft=True, document=upload("draft.pdf", pdf_bytes("x")))
    response = download(editor_client, draft)
    assert response.status_code == 200
    assert pages.downloaded(response).startswith(b"%PDF")


def test_only_get_and_head_are_allowed(client):
    resource = ResourceFactory(document=upload("futures.pdf", pdf_bytes("x")))
    assert client.post(f"{resource.get_absolute_url()}download/").status_code == 405
