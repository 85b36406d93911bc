"""A hostile document costs at most the extraction caps: a 600 KB .docx holding 200 MB of
XML is refused at upload, refused or cut off in the worker while e-mails behind it are
still sent, and an editor saving a resource never waits on its extraction.

Run with ``-s`` to see the figures (archive size, unpacked size, the child's peak memory
against its cap, seconds taken, e-mail delivered)."""

import io
import resource as resource_usage
import threading
import time
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import OperationalError, connection, transaction
from django.template.defaultfilters import filesizeformat

from citiesofmigration.mail import queue_email
from elibrary.extraction import extract_resource_text
from elibrary.models import ExtractionStatus, Resource
from elibrary.office_archive import inspect_archive
from elibrary.sandbox import run_in_child
from elibrary.services import attach_file, queue_extraction
from tests.elibrary import pages
from tests.elibrary.admin_helpers import RESOURCES, add_form, change_form, change_url
from tests.elibrary.conftest import queued_extractions, run_background_worker
from tests.elibrary.documents import docx_bytes, pdf_bytes, pptx_bytes, upload, write_docx_bomb
from tests.factories import ResourceFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

MEMORY_CAP_MB = 256
HOSTILE = "tests.elibrary.hostile_parsers"
UNLIMITED_ARCHIVES = {
    "ELIBRARY_EXTRACTION_MAX_UNCOMPRESSED_BYTES": 1 << 40,
    "ELIBRARY_EXTRACTION_MAX_RATIO": 1_000_000,
}


@pytest.fixture(scope="session")
def bomb(tmp_path_factory):
    return write_docx_bomb(tmp_path_factory.mktemp("bomb") / "welcome.docx")


@pytest.fixture(autouse=True)
def caps(settings):
    """The production defaults, but a smaller memory cap so the tests stay light."""
    settings.ELIBRARY_EXTRACTION_MAX_MEMORY_MB = MEMORY_CAP_MB
    settings.ELIBRARY_EXTRACTION_MAX_SECONDS = 60
    return settings


def show(*figures):
    print("\n[extraction limits]", *figures)


def too_large_when_unpacked(bomb):
    """The message naming the default 100 MB limit, for the bomb's 201 MB."""
    unpacked = filesizeformat(inspect_archive(bomb, None).uncompressed_bytes)
    limit = filesizeformat(100 * 1024 * 1024)
    return f"This document is too large when unpacked: {unpacked}; the limit is {limit}."


def bomb_upload(bomb):
    return upload("welcome.docx", bomb.read_bytes())


def store_directly(bomb):
    """A resource holding the bomb as if it had got past the upload check (an older
    upload, a script, a raised limit): its extraction is pending."""
    resource = ResourceFactory(external_url="https://example.org/welcome")
    with bomb.open("rb") as handle:
        resource.file = File(handle, name="welcome.docx")
        resource.file_kind = "docx"
        resource.extraction_status = ExtractionStatus.PENDING
        resource.save()
    return resource


# -- controls: the bomb is what the finding says, and a parser without caps blows up -------


def test_control_the_bomb_packs_200_mb_of_xml_into_a_few_hundred_kilobytes(bomb):
    summary = inspect_archive(bomb, None)  # measures only; unpacks nothing
    show(
        f"archive {filesizeformat(summary.archive_bytes)} ({summary.archive_bytes} bytes),",
        f"declared unpacked {filesizeformat(summary.uncompressed_bytes)}",
        f"({summary.uncompressed_bytes} bytes), ratio {summary.ratio:.0f}:1",
    )
    assert summary.archive_bytes < 1024 * 1024
    assert summary.uncompressed_bytes > 200 * 1024 * 1024
    assert summary.ratio > 100


@pytest.mark.parametrize("cap_mb", [MEMORY_CAP_MB, 512], ids=["test cap", "default cap"])
def test_control_the_old_unbounded_parser_on_the_bomb_runs_into_the_memory_cap(bomb, cap_mb):
    outcome = run_in_child(
        f"{HOSTILE}:unbounded_docx_text", [str(bomb), "docx", {}], memory_mb=cap_mb, seconds=60
    )
    show(
        f"unbounded python-docx in the child: {outcome.outcome} after {outcome.seconds:.1f} s,",
        f"peak {outcome.peak_virtual_mb} MB of a {cap_mb} MB cap",
    )
    assert outcome.outcome == "memory"
    assert outcome.peak_virtual_mb <= cap_mb


def test_streaming_reads_the_bomb_in_little_memory_even_with_the_archive_limits_lifted(
    bomb, settings
):
    from elibrary.extraction import read_in_child
    from elibrary.extraction_limits import MAX_TEXT_LENGTH, ExtractionLimits

    for name, value in UNLIMITED_ARCHIVES.items():
        setattr(settings, name, value)
    outcome = read_in_child(bomb, "docx", ExtractionLimits.from_settings())
    show(
        f"streaming reader, archive limits lifted: {outcome.outcome} after",
        f"{outcome.seconds:.1f} s, {len(outcome.value)} characters kept,",
        f"peak {outcome.peak_virtual_mb} MB of a {MEMORY_CAP_MB} MB cap",
    )
    assert outcome.outcome == "ok"
    assert outcome.value.startswith("Welcome to the city.\nWelcome to the city.")
    assert len(outcome.value) <= MAX_TEXT_LENGTH
    assert outcome.peak_virtual_mb < MEMORY_CAP_MB / 2


# -- at upload: refused in the admin, with the limit named ---------------------------------


def test_the_admin_refuses_the_bomb_and_names_the_unpacked_limit(editor_client, media_root, bomb):
    data = add_form(editor_client, file=bomb_upload(bomb))
    response = editor_client.post(f"{RESOURCES}add/", data)
    assert response.status_code == 200
    errors = pages.admin_errors(response)
    show("admin upload refused:", errors)
    assert too_large_when_unpacked(bomb).replace("\xa0", " ") in errors
    assert "201.0 MB; the limit is 100.0 MB" in errors[0]
    assert not Resource.objects.exists()
    assert not (media_root / "elibrary").exists() or not any((media_root / "elibrary").iterdir())
    assert queued_extractions() == []


def test_the_admin_refuses_an_absurd_packing_ratio_even_under_the_unpacked_limit(
    editor_client, settings, bomb
):
    settings.ELIBRARY_EXTRACTION_MAX_UNCOMPRESSED_BYTES = 1 << 40
    data = add_form(editor_client, file=bomb_upload(bomb))
    response = editor_client.post(f"{RESOURCES}add/", data)
    assert response.status_code == 200
    [error] = [e for e in pages.admin_errors(response) if "packed" in e]
    assert error.startswith("This document is packed 343 to 1; the limit is 100 to 1")
    assert not Resource.objects.exists()


def test_a_bomb_replacing_a_document_is_refused_and_the_old_document_stays(editor_client, bomb):
    resource = ResourceFactory(document=upload("old.pdf", pdf_bytes("wombat crossing")))
    extract_resource_text.call(resource.pk)
    old_name, old_title = resource.file.name, resource.title
    data = change_form(editor_client, resource, title="Renamed", file=bomb_upload(bomb))
    response = editor_client.post(change_url(resource), data)
    assert response.status_code == 200
    assert any("too large when unpacked" in error for error in pages.admin_errors(response))
    resource.refresh_from_db()
    assert (resource.file.name, resource.file_kind, resource.title) == (old_name, "pdf", old_title)
    assert resource.extraction_status == ExtractionStatus.DONE
    assert "wombat crossing" in resource.extracted_text


def new_resource():
    return Resource(title="Handbook", slug="handbook", resource_type="guide", year=2020)


@pytest.mark.parametrize("maker", [docx_bytes, pptx_bytes], ids=["docx", "pptx"])
def test_ordinary_office_documents_pass_the_archive_limits(maker):
    resource = new_resource()
    attach_file(resource, upload("handbook", maker("Welcome desks " * 2000)))
    assert resource.file_kind in {"docx", "pptx"}


def docx_with_extra_part(name):
    content = io.BytesIO(docx_bytes("Council minutes"))
    with zipfile.ZipFile(content, "a") as archive:
        archive.writestr(name, "x")
    return content.getvalue()


@pytest.mark.parametrize("name", ["../../outside.txt", "/etc/cron.d/x", "word\\..\\x.xml"])
def test_an_office_file_with_a_part_named_to_climb_out_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        attach_file(new_resource(), upload("minutes.docx", docx_with_extra_part(name)))
    assert refused.value.code == "odd_entry"
    assert refused.value.messages == [
        f"This document holds a part no Office application writes (“{name}”)."
    ]


def test_an_office_file_with_more_parts_than_the_limit_is_refused(settings):
    settings.ELIBRARY_EXTRACTION_MAX_ENTRIES = 5
    content = docx_bytes("Council minutes")
    parts = len(zipfile.ZipFile(io.BytesIO(content)).namelist())
    with pytest.raises(ValidationError) as refused:
        attach_file(new_resource(), upload("minutes.docx", content))
    assert refused.value.messages == [f"This document holds {parts} parts; the limit is 5."]


def test_only_the_first_pages_of_a_pdf_over_the_page_limit_are_read(settings):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for words in ["wombat crossing", "quokka harbour", "platypus ferry"]:
        writer.add_page(PdfReader(io.BytesIO(pdf_bytes(words))).pages[0])
    content = io.BytesIO()
    writer.write(content)
    settings.ELIBRARY_EXTRACTION_MAX_PDF_PAGES = 2
    resource = ResourceFactory(document=upload("three.pdf", content.getvalue()))
    assert extract_resource_text.call(resource.pk) == ExtractionStatus.DONE
    resource.refresh_from_db()
    assert "wombat crossing" in resource.extracted_text
    assert "quokka harbour" in resource.extracted_text
    assert "platypus" not in resource.extracted_text


# -- in the worker: refused or cut off, and the e-mail behind it still goes out ------------


def worker_peak_mb():
    """This process's (the worker's, as ``run_tasks`` runs it here) peak resident memory."""
    return resource_usage.getrusage(resource_usage.RUSAGE_SELF).ru_maxrss / 1024


def extract_then_email(resource):
    """Queue the extraction, then an e-mail behind it, and run the worker once. Returns
    how much the worker's own peak memory grew (MB): the child's memory is not its own."""
    queue_extraction(resource)
    queue_email(subject="Your registration", body="See you there.", to=["ada@example.org"])
    before, started = worker_peak_mb(), time.monotonic()
    run_tasks()
    growth = worker_peak_mb() - before
    show(
        f"worker ran both tasks in {time.monotonic() - started:.1f} s; its own peak memory",
        f"{worker_peak_mb():.0f} MB (grew {growth:.0f} MB);",
        "e-mails delivered:",
        [(message.subject, message.to) for message in mail.outbox],
    )
    resource.refresh_from_db()
    return growth


def test_a_stored_bomb_is_refused_by_the_worker_and_the_email_behind_it_is_sent(bomb, caplog):
    resource = store_directly(bomb)
    caplog.set_level("INFO", logger="elibrary.extraction")
    growth = extract_then_email(resource)
    show(caplog.messages[-1])
    assert growth < 100  # the finding: 4.47 GB
    assert resource.extraction_status == ExtractionStatus.FAILED
    assert resource.extraction_error == too_large_when_unpacked(bomb)
    assert [message.subject for message in mail.outbox] == ["Your registration"]
    assert resource.file.name  # still stored, still downloadable


def test_a_parser_that_runs_out_of_memory_is_cut_off_and_the_email_behind_it_is_sent(bomb, caplog):
    resource = store_directly(bomb)
    caplog.set_level("INFO", logger="elibrary.extraction")
    with mock.patch("elibrary.extraction.EXTRACTOR", f"{HOSTILE}:unbounded_docx_text"):
        growth = extract_then_email(resource)
    show(caplog.messages[-1])
    assert growth < 100
    assert resource.extraction_status == ExtractionStatus.FAILED
    assert resource.extraction_error == (
        f"Reading the text used more than {MEMORY_CAP_MB} MB of memory, so it was stopped."
    )
    assert [message.subject for message in mail.outbox] == ["Your registration"]


def test_a_parser_that_never_finishes_is_stopped_at_the_time_cap_and_the_email_is_sent(
    bomb, caplog, settings
):
    settings.ELIBRARY_EXTRACTION_MAX_SECONDS = 2
    resource = store_directly(bomb)
    caplog.set_level("INFO", logger="elibrary.extraction")
    with mock.patch("elibrary.extraction.EXTRACTOR", f"{HOSTILE}:never_finishes"):
        extract_then_email(resource)
    show(caplog.messages[-1])
    assert resource.extraction_status == ExtractionStatus.FAILED
    assert resource.extraction_error == "Reading the text took longer than 2 s, so it was stopped."
    assert [message.subject for message in mail.outbox] == ["Your registration"]


# -- an editor's save never waits on an extraction -----------------------------------------


@pytest.fixture
def lock_timeout():
    """The editor's connection gives up on a row lock after a second (a request that
    waited would otherwise hang the test); without this, a held lock means a hung save."""
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '1s'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")


def in_thread(work):
    """Run ``work`` on its own database connection; return the thread and a list that
    receives its result."""
    results = []

    def run():
        try:
            results.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, results


def wait_for(path: Path):
    for _ in range(600):  # at most a minute
        if path.exists():
            return
        time.sleep(0.1)
    raise AssertionError(f"{path.name} never appeared")


@pytest.mark.django_db(transaction=True)
def test_control_a_row_lock_held_like_the_old_extraction_makes_the_editors_save_fail(
    editor_client, lock_timeout
):
    resource = ResourceFactory(title="Settlement report")
    locked, release = threading.Event(), threading.Event()

    def hold_the_row_as_before():
        with transaction.atomic():
            Resource.objects.select_for_update().get(pk=resource.pk)
            locked.set()
            release.wait(timeout=60)

    thread, _ = in_thread(hold_the_row_as_before)
    try:
        assert locked.wait(timeout=60)
        data = change_form(editor_client, resource, title="Edited by an editor")
        with pytest.raises(OperationalError, match="lock timeout"):
            editor_client.post(change_url(resource), data)
    finally:
        release.set()
        thread.join(timeout=60)
    resource.refresh_from_db()
    assert resource.title == "Settlement report"  # the edit was lost


def start_held_extraction(resource):
    """Start the resource's extraction in another thread, held inside the child process
    (see ``hostile_parsers.text_once_released``) until the returned function is called."""
    folder = Path(resource.file.path).parent
    patch = mock.patch("elibrary.extraction.EXTRACTOR", f"{HOSTILE}:text_once_released")
    patch.start()
    thread, results = in_thread(lambda: extract_resource_text.call(resource.pk))
    wait_for(folder / "extraction-started")

    def finish():
        (folder / "extraction-release").touch()
        thread.join(timeout=120)
        patch.stop()
        return results[0]

    return finish


@pytest.mark.django_db(transaction=True)
def test_an_editor_saving_during_an_extraction_does_not_wait_and_both_are_kept(
    editor_client, lock_timeout
):
    resource = ResourceFactory(
        title="Settlement report", document=upload("r.pdf", pdf_bytes("wombat crossing"))
    )
    finish = start_held_extraction(resource)
    try:
        data = change_form(editor_client, resource, title="Edited while indexing")
        response = editor_client.post(change_url(resource), data)
    finally:
        status = finish()
    assert response.status_code == 302
    assert status == ExtractionStatus.DONE
    resource.refresh_from_db()
    assert resource.title == "Edited while indexing"
    assert resource.extraction_status == ExtractionStatus.DONE
    assert "wombat crossing" in resource.extracted_text
    assert Resource.objects.full_text("wombat crossing").filter(pk=resource.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_file_replaced_during_an_extraction_never_gets_the_old_files_text(
    editor_client, lock_timeout
):
    resource = ResourceFactory(document=upload("old.pdf", pdf_bytes("wombat crossing")))
    finish = start_held_extraction(resource)
    try:
        new_file = upload("new.pdf", pdf_bytes("platypus ferry"))
        data = change_form(editor_client, resource, file=new_file)
        response = editor_client.post(change_url(resource), data)
    finally:
        status = finish()
    assert response.status_code == 302
    assert status == "stale"
    resource.refresh_from_db()
    assert resource.extraction_status == ExtractionStatus.PENDING
    assert "wombat" not in resource.extracted_text
    assert queued_extractions() == [resource.pk]
    run_background_worker()
    resource.refresh_from_db()
    assert resource.extraction_status == ExtractionStatus.DONE
    assert "platypus ferry" in resource.extracted_text
    assert "wombat" not in resource.extracted_text
