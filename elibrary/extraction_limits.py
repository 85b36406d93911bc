"""The limits on reading a document's text, from settings, and the words an editor reads
when a document breaks one (on the upload form, or as the resource's extraction error)."""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from elibrary.office_archive import ArchiveLimits, ArchiveRefused

# Defaults; each can be set in settings (see citiesofmigration/settings.py).
DEFAULTS = {
    "ELIBRARY_EXTRACTION_MAX_SECONDS": 60,
    "ELIBRARY_EXTRACTION_MAX_MEMORY_MB": 512,
    "ELIBRARY_EXTRACTION_MAX_UNCOMPRESSED_BYTES": 100 * 1024 * 1024,
    "ELIBRARY_EXTRACTION_MAX_RATIO": 100,
    "ELIBRARY_EXTRACTION_MAX_ENTRIES": 5000,
    "ELIBRARY_EXTRACTION_MAX_PDF_PAGES": 2000,
}
# Enough for search and snippets; keeps rows and headlines small for very long reports.
MAX_TEXT_LENGTH = 200_000


def _setting(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


@dataclass(frozen=True)
class ExtractionLimits:
    seconds: int
    memory_mb: int
    max_uncompressed_bytes: int
    max_ratio: int
    max_entries: int
    max_pdf_pages: int
    max_chars: int = MAX_TEXT_LENGTH

    @classmethod
    def from_settings(cls) -> "ExtractionLimits":
        return cls(
            seconds=_setting("ELIBRARY_EXTRACTION_MAX_SECONDS"),
            memory_mb=_setting("ELIBRARY_EXTRACTION_MAX_MEMORY_MB"),
            max_uncompressed_bytes=_setting("ELIBRARY_EXTRACTION_MAX_UNCOMPRESSED_BYTES"),
            max_ratio=_setting("ELIBRARY_EXTRACTION_MAX_RATIO"),
            max_entries=_setting("ELIBRARY_EXTRACTION_MAX_ENTRIES"),
            max_pdf_pages=_setting("ELIBRARY_EXTRACTION_MAX_PDF_PAGES"),
        )

    @property
    def archive(self) -> ArchiveLimits:
        return ArchiveLimits(
            max_entries=self.max_entries,
            max_uncompressed_bytes=self.max_uncompressed_bytes,
            max_ratio=self.max_ratio,
        )

    def for_child(self) -> dict:
        """What the parser in the child process needs (plain JSON)."""
        return asdict(self)


def refusal_message(refused: ArchiveRefused) -> str:
    """Why an Office archive is refused, naming the limit it breaks."""
    values = {"actual": refused.actual, "limit": refused.limit, "entry": refused.entry}
    if refused.code == "too_many_entries":
        return _("This document holds %(actual)d parts; the limit is %(limit)d.") % values
    if refused.code == "too_large_unpacked":
        return _(
            "This document is too large when unpacked: %(actual)s; the limit is %(limit)s."
        ) % {"actual": filesizeformat(refused.actual), "limit": filesizeformat(refused.limit)}
    if refused.code == "too_compressed":
        return (
            _(
                "This document is packed %(actual)d to 1; the limit is %(limit)d to 1 (more than "
                "that is a sign of a file built to exhaust the server)."
            )
            % values
        )
    return _("This document holds a part no Office application writes (“%(entry)s”).") % values


def time_message(limits: ExtractionLimits) -> str:
    return _("Reading the text took longer than %(seconds)d s, so it was stopped.") % {
        "seconds": limits.seconds
    }


def memory_message(limits: ExtractionLimits) -> str:
    return _("Reading the text used more than %(mb)d MB of memory, so it was stopped.") % {
        "mb": limits.memory_mb
    }


def crash_message(exit_code) -> str:
    return _("The text reader stopped unexpectedly (exit status %(code)s).") % {"code": exit_code}
