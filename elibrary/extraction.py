"""Text inside uploaded documents, for search. Runs in the background worker, never in a
web request, so a large PDF cannot time out the admin.

The parser runs in a child process with memory and time caps (``elibrary.sandbox``), so a
hostile file costs at most those caps and the worker goes on to the next task (e-mails).
The resource's row is not locked while the child reads: the file's name is noted, the text
read outside any transaction, and the result written in one short UPDATE only if the
resource still holds that same file. An editor saving meanwhile never waits, and a
replaced file's stale text never overwrites anything.
"""

import contextlib
import logging
import shutil
import tempfile

from django.db import transaction
from django_tasks import task

from citiesofmigration.search import refresh_search_vector
from elibrary import extraction_limits as limits_text
from elibrary.extraction_limits import ExtractionLimits
from elibrary.office_archive import ArchiveRefused
from elibrary.sandbox import ChildOutcome, run_in_child

logger = logging.getLogger(__name__)

# The function the child process runs: (path, kind, limits) -> text.
EXTRACTOR = "elibrary.extractors:extract_text"
ARCHIVE_REFUSED = f"{ArchiveRefused.__module__}.{ArchiveRefused.__qualname__}"


@contextlib.contextmanager
def local_path(field_file):
    """A path on this machine to the stored file (a temporary copy for storages that
    have none), for the child process to open."""
    try:
        path = field_file.path
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    with field_file.open("rb") as source, tempfile.NamedTemporaryFile() as copy:
        shutil.copyfileobj(source, copy)
        copy.flush()
        yield copy.name


def read_in_child(path: str, kind: str, limits: ExtractionLimits) -> ChildOutcome:
    return run_in_child(
        EXTRACTOR,
        [str(path), kind, limits.for_child()],
        memory_mb=limits.memory_mb,
        seconds=limits.seconds,
    )


def judge(outcome: ChildOutcome, limits: ExtractionLimits) -> tuple[str, str, str]:
    """(status, text, error for the editor) from what the child process reported."""
    from elibrary.models import ExtractionStatus

    if outcome.outcome == "ok":
        return ExtractionStatus.DONE, outcome.value, ""
    if outcome.outcome == "time":
        error = limits_text.time_message(limits)
    elif outcome.outcome == "memory":
        error = limits_text.memory_message(limits)
    elif outcome.error_type == ARCHIVE_REFUSED:
        error = limits_text.refusal_message(ArchiveRefused(**outcome.error_details))
    elif outcome.outcome == "error":  # the parser's own complaint: the document's fault
        error = f"{outcome.error_type.rpartition('.')[2]}: {outcome.error_message}"
    else:
        error = limits_text.crash_message(outcome.exit_code)
    return ExtractionStatus.FAILED, "", error[:300]


@task()
def extract_resource_text(resource_id: int) -> str:
    """Extract, store and index a resource's text; a document that cannot be read stays
    stored and downloadable, marked as failed with the reason."""
    from elibrary.models import Resource

    resource = Resource.objects.filter(pk=resource_id).only("pk", "file", "file_kind").first()
    if resource is None or not resource.file:
        return "skipped"
    file_name = resource.file.name
    limits = ExtractionLimits.from_settings()
    with local_path(resource.file) as path:
        outcome = read_in_child(path, resource.file_kind, limits)
    status, text, error = judge(outcome, limits)
    peak = outcome.peak_virtual_mb
    logger.log(
        logging.WARNING if error else logging.INFO,
        "Text extraction of resource %s: %s after %.1f s, peak memory %s of %d MB allowed%s",
        resource_id,
        outcome.outcome,
        outcome.seconds,
        "unknown (stopped)" if peak is None else f"{peak} MB",
        limits.memory_mb,
        f"; {error}" if error else "",
    )
    with transaction.atomic():
        stored = Resource.objects.filter(pk=resource_id, file=file_name).update(
            extracted_text=text, extraction_status=status, extraction_error=error
        )
        if stored:
            refresh_search_vector(resource)
    if not stored:  # replaced or removed meanwhile; its own extraction is queued
        logger.info("Resource %s has another file now; this text is not stored", resource_id)
        return "stale"
    return status
