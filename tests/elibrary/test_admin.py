"""Editors (staff in the Editors group, not superusers) curate the E-Library in the admin."""

import re

import pytest

from elibrary.extraction import extract_resource_text
from elibrary.models import ExtractionStatus, Resource
from tests.elibrary import pages
from tests.elibrary.admin_helpers import RESOURCES, add_form, change_form, change_url
from tests.elibrary.conftest import queued_extractions, run_background_worker
from tests.elibrary.documents import UNPARSEABLE_PDF, pdf_bytes, upload
from tests.factories import PersonFactory, ResourceFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def filter_titles(response):
    return re.findall(r"<summary>\s*By (.*?)\s*</summary>", pages.text(response))


def test_an_editor_who_is_no_superuser_sees_the_list_with_its_filters(editor_client, editor):
    ResourceFactory(title="Municipal Role", series=SeriesFactory(name="Who Does What"))
    assert not editor.is_superuser
    response = editor_client.get(RESOURCES)
    assert response.status_code == 200
    assert pages.admin_listed_titles(response) == ["Municipal Role"]
    assert {"status", "type", "language", "year", "text extraction", "series"} <= set(
        filter_titles(response)
    )
    assert editor_client.get(f"{RESOURCES}add/").status_code == 200


def test_staff_outside_the_editors_group_cannot_open_the_e_library_admin(staff_client):
    assert staff_client.get(RESOURCES).status_code == 403


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"resource_type__exact": "toolkit"}, ["French toolkit", "Toolkit"]),
        ({"language__exact": "fr"}, ["French toolkit"]),
        ({"year": "2008"}, ["Old report"]),
        ({"status__exact": "draft"}, ["Draft report"]),
        ({"extraction_status__exact": "failed"}, ["Unreadable report"]),
    ],
    ids=["type", "language", "year", "status", "extraction status"],
)
def test_the_list_filters_narrow_the_resources(editor_client, params, expected):
    toolkit = ResourceFactory(title="Toolkit", resource_type="toolkit", year=2019)
    ResourceFactory(
        title="French toolkit", resource_type="toolkit", language="fr", translation_of=toolkit
    )
    ResourceFactory(title="Old report", year=2008)
    ResourceFactory(title="Draft report", draft=True)
    unreadable = ResourceFactory(
        title="Unreadable report", document=upload("broken.pdf", UNPARSEABLE_PDF)
    )
    extract_resource_text.call(unreadable.pk)
    response = editor_client.get(RESOURCES, params)
    assert sorted(pages.admin_listed_titles(response)) == expected


def test_an_editor_finds_resources_by_an_authors_name(editor_client):
    ResourceFactory(title="Municipal Role", authors=["Valerie Preston", "John Shields"])
    ResourceFactory(title="Toolkit", authors=["John Shields"])
    ResourceFactory(title="Vision", authors=["Ratna Omidvar"])
    response = editor_client.get(RESOURCES, {"q": "Preston"})
    assert pages.admin_listed_titles(response) == ["Municipal Role"]
    response = editor_client.get(RESOURCES, {"q": "Shields"})
    assert sorted(pages.admin_listed_titles(response)) == ["Municipal Role", "Toolkit"]


def test_authors_keep_the_order_the_editor_gives_them(editor_client, client):
    preston, shields, paquet = (
        PersonFactory(name=name) for name in ("Valerie Preston", "John Shields", "Mireille Paquet")
    )
    data = add_form(editor_client, status="published", external_url="https://example.org/r")
    rows = [(paquet, 2), (preston, 0), (shields, 1)]  # typed in this order
    data["authorships-TOTAL_FORMS"] = str(len(rows))
    for index, (person, position) in enumerate(rows):
        data[f"authorships-{index}-person"] = str(person.pk)
        data[f"authorships-{index}-position"] = str(position)
    response = editor_client.post(f"{RESOURCES}add/", data)
    assert response.status_code == 302, pages.admin_errors(response)
    resource = Resource.objects.get()
    assert [person.name for person in resource.ordered_authors()] == [
        "Valerie Preston",
        "John Shields",
        "Mireille Paquet",
    ]
    page = client.get(resource.get_absolute_url())
    assert "Valerie Preston, John Shields, Mireille Paquet" in pages.text(page)
    # The change form shows them in that order too.
    shown = pages.admin_form_data(editor_client.get(change_url(resource)))
    assert [shown[f"authorships-{n}-person"] for n in range(3)] == [
        str(preston.pk),
        str(shields.pk),
        str(paquet.pk),
    ]


def test_an_editor_publishes_a_resource_without_typing_a_publication_date(editor_client, client):
    data = add_form(editor_client, status="published", external_url="https://example.org/r")
    response = editor_client.post(f"{RESOURCES}add/", data)
    assert response.status_code == 302, pages.admin_errors(response)
    resource = Resource.objects.get()
    assert resource.published_at is not None
    assert client.get(resource.get_absolute_url()).status_code == 200


def test_the_index_again_action_queues_only_resources_with_files(editor_client):
    with_file = ResourceFactory(
        title="With file", document=upload("a.pdf", pdf_bytes("Text inside"))
    )
    extract_resource_text.call(with_file.pk)
    link_only = ResourceFactory(title="Link only")
    response = editor_client.post(
        RESOURCES,
        {"action": "extract_text_again", "_selected_action": [with_file.pk, link_only.pk]},
        follow=True,
    )
    assert "1 document queued." in pages.admin_messages(response)
    assert queued_extractions() == [with_file.pk]
    with_file.refresh_from_db()
    link_only.refresh_from_db()
    assert with_file.extraction_status == ExtractionStatus.PENDING
    assert link_only.extraction_status == ExtractionStatus.NOT_NEEDED


def test_the_originals_admin_page_lists_its_translations(editor_client):
    original = ResourceFactory(title="Immigrant Futures Toolkit")
    french = ResourceFactory(
        title="Boîte à outils Avenirs immigrants", language="fr", translation_of=original
    )
    ResourceFactory(title="Unrelated report")
    text = pages.text(editor_client.get(change_url(original)))
    assert "Versions in other languages" in text
    assert "Boîte à outils Avenirs immigrants" in text
    assert f'href="{change_url(french)}"' in text
    assert "Unrelated report" not in text


def test_a_translation_must_point_at_the_original_not_at_another_translation(editor_client):
    original = ResourceFactory(title="Toolkit")
    french = ResourceFactory(title="Boîte à outils", language="fr", translation_of=original)
    spanish = ResourceFactory(title="Kit", language="es", external_url="https://example.org/k")
    data = change_form(editor_client, spanish, translation_of=str(french.pk))
    response = editor_client.post(change_url(spanish), data)
    assert response.status_code == 200
    assert "Choose the original, not another translation." in pages.admin_errors(response)
    spanish.refresh_from_db()
    assert spanish.translation_of is None


def test_a_resource_cannot_be_its_own_translation(editor_client):
    resource = ResourceFactory(title="Toolkit")
    data = change_form(editor_client, resource, translation_of=str(resource.pk))
    response = editor_client.post(change_url(resource), data)
    assert response.status_code == 200
    assert "A resource cannot translate itself." in pages.admin_errors(response)


def test_saving_the_original_keeps_its_translations(editor_client):
    original = ResourceFactory(title="Toolkit")
    french = ResourceFactory(title="Boîte à outils", language="fr", translation_of=original)
    data = change_form(editor_client, original, title="Toolkit, second edition")
    response = editor_client.post(change_url(original), data)
    assert response.status_code == 302, pages.admin_errors(response)
    french.refresh_from_db()
    assert french.translation_of_id == original.pk


# -- with the background worker ------------------------------------------------------------


def search_titles(client, q):
    return pages.result_titles(client.get("/en/e-library/", {"q": q}))


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_document_is_searchable_after_the_worker_runs(editor_client, client):
    data = add_form(
        editor_client,
        status="published",
        file=upload("ferries.pdf", pdf_bytes("Timetables of the quokka harbour ferry.")),
    )
    assert editor_client.post(f"{RESOURCES}add/", data).status_code == 302
    client.logout()
    assert search_titles(client, "quokka harbour ferry") == []
    run_background_worker()
    assert search_titles(client, "quokka harbour ferry") == ["Welcoming Cities Handbook"]


@pytest.mark.django_db(transaction=True)
def test_replacing_the_document_replaces_the_text_search_finds(editor_client, client):
    resource = ResourceFactory(
        title="Ferry report", document=upload("old.pdf", pdf_bytes("The quokka harbour ferry."))
    )
    extract_resource_text.call(resource.pk)
    data = change_form(
        editor_client, resource, file=upload("new.pdf", pdf_bytes("The wombat mountain train."))
    )
    assert editor_client.post(change_url(resource), data).status_code == 302
    run_background_worker()
    client.logout()
    assert search_titles(client, "wombat mountain train") == ["Ferry report"]
    assert search_titles(client, "quokka harbour ferry") == []


def test_removing_the_document_removes_its_text_from_search(editor_client, client):
    resource = ResourceFactory(
        title="Ferry report", document=upload("old.pdf", pdf_bytes("The quokka harbour ferry."))
    )
    extract_resource_text.call(resource.pk)
    data = change_form(
        editor_client, resource, external_url="https://example.org/ferry", **{"file-clear": "on"}
    )
    response = editor_client.post(change_url(resource), data)
    assert response.status_code == 302, pages.admin_errors(response)
    resource.refresh_from_db()
    assert not resource.file
    assert resource.extraction_status == ExtractionStatus.NOT_NEEDED
    client.logout()
    assert search_titles(client, "quokka harbour ferry") == []
    assert pages.json_ld(client.get(resource.get_absolute_url())).get("encoding") is None


@pytest.mark.django_db(transaction=True)
def test_indexing_again_reads_a_document_whose_extraction_never_ran(editor_client, client):
    resource = ResourceFactory(
        title="Lost in the queue", document=upload("lost.pdf", pdf_bytes("Quokka harbour ferry."))
    )  # attached, but its extraction was never queued
    editor_client.post(
        RESOURCES, {"action": "extract_text_again", "_selected_action": [resource.pk]}
    )
    run_background_worker()
    resource.refresh_from_db()
    assert resource.extraction_status == ExtractionStatus.DONE
    client.logout()
    assert search_titles(client, "quokka harbour ferry") == ["Lost in the queue"]
