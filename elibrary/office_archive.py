"""Looking inside an Office document (a ZIP archive) before anything unpacks it.

A .docx of 600 KB can declare 200 MB of XML: every parser that trusts it pays for the
200 MB. The archive's directory tells each part's packed and unpacked size without
unpacking anything, so the parts are counted and measured first and an absurd archive is
refused before a single part is read. Python's ``zipfile`` never returns more bytes than a
part declares (and checks the CRC at its end), so the declared sizes are a real ceiling.

No Django here: this module also runs inside the extraction child process
(``elibrary.sandbox``), which never loads Django.
"""

import os
import re
import zipfile
from dataclasses import dataclass

# Small parts (styles, relationships) often pack 100:1 or more and cost nothing; only
# parts at least this large are judged on their own ratio.
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
DRIVE_LETTER = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int
    max_uncompressed_bytes: int
    max_ratio: int


@dataclass(frozen=True)
class ArchiveSummary:
    entries: int
    archive_bytes: int
    uncompressed_bytes: int

    @property
    def ratio(self) -> float:
        return self.uncompressed_bytes / max(self.archive_bytes, 1)


class ArchiveRefused(Exception):
    """An archive over one of the limits. ``code`` says which; ``actual`` and ``limit``
    are numbers for the message; ``entry`` names the part at fault, if one is."""

    def __init__(self, code: str, *, actual=0, limit=0, entry: str = ""):
        super().__init__(f"{code}: {actual} > {limit} {entry}".strip())
        self.code = code
        self.actual = actual
        self.limit = limit
        self.entry = entry

    @property
    def details(self) -> dict:
        return {"code": self.code, "actual": self.actual, "limit": self.limit, "entry": self.entry}


def _is_odd_name(name: str) -> bool:
    """Names no Office application writes: absolute, climbing out (``..``), Windows
    separators or drive letters, control characters."""
    if not name or name.startswith("/") or "\\" in name or DRIVE_LETTER.match(name):
        return True
    if any(ord(character) < 32 for character in name):
        return True
    return ".." in name.split("/")


def _size_of(source) -> int:
    if isinstance(source, (str, os.PathLike)):
        return os.path.getsize(source)
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def inspect_archive(source, limits: ArchiveLimits | None) -> ArchiveSummary:
    """Read the archive's directory (``source``: a path or a seekable file) and refuse it
    (``ArchiveRefused``) when it breaks a limit. ``limits=None`` only measures. Embedded
    documents (a chart's workbook inside a .docx) are legitimate and are never opened;
    they count towards the totals like any other part."""
    archive_bytes = _size_of(source)
    with zipfile.ZipFile(source) as archive:
        infos = archive.infolist()
    summary = ArchiveSummary(
        entries=len(infos),
        archive_bytes=archive_bytes,
        uncompressed_bytes=sum(info.file_size for info in infos),
    )
    if limits is None:
        return summary
    if summary.entries > limits.max_entries:
        raise ArchiveRefused("too_many_entries", actual=summary.entries, limit=limits.max_entries)
    if summary.uncompressed_bytes > limits.max_uncompressed_bytes:
        raise ArchiveRefused(
            "too_large_unpacked",
            actual=summary.uncompressed_bytes,
            limit=limits.max_uncompressed_bytes,
        )
    if summary.uncompressed_bytes >= RATIO_CHECKED_FROM_BYTES and summary.ratio > limits.max_ratio:
        raise ArchiveRefused("too_compressed", actual=int(summary.ratio), limit=limits.max_ratio)
    seen = set()
    for info in infos:
        if _is_odd_name(info.filename) or info.filename in seen:
            raise ArchiveRefused("odd_entry", entry=info.filename[:80])
        seen.add(info.filename)
        if info.flag_bits & 0x1:  # encrypted: nothing to read, and no Office file does it
            raise ArchiveRefused("odd_entry", entry=info.filename[:80])
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ArchiveRefused("odd_entry", entry=info.filename[:80])
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECKED_FROM_BYTES and ratio > limits.max_ratio:
            raise ArchiveRefused(
                "too_compressed", actual=int(ratio), limit=limits.max_ratio, entry=info.filename
            )
    return summary
