"""Reading the text out of PDF, Word, PowerPoint and Excel files, a bounded amount at a time.

Runs inside the extraction child process (``elibrary.sandbox``, no Django). Office files
are streamed: their archive is inspected first (``office_archive``), then each XML part
is read with ``iterparse`` and every element is dropped once read, so memory stays flat
however long the part; reading stops as soon as ``max_chars`` characters are collected.
PDFs are read page by page up to ``max_pdf_pages``. Time and memory are capped by the
child process's limits, not here.
"""

import re
import zipfile

from elibrary.office_archive import ArchiveLimits, inspect_archive

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class Enough(Exception):
    """Raised by the collector once it holds ``max_chars`` characters: stop reading."""


class TextCollector:
    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.parts = []
        self.size = 0

    def add(self, text: str) -> None:
        if not text:
            return
        room = self.max_chars - self.size
        self.parts.append(text[:room])
        self.size += min(len(text), room)
        if self.size >= self.max_chars:
            raise Enough

    def text(self) -> str:
        return "".join(self.parts)


def _stream_elements(stream):
    """Yield each element of an XML part as it closes, then forget it (and the siblings
    before it), so a part of any length is read in a few kilobytes. Entities are not
    expanded and no DTD is loaded (no "billion laughs"); lxml's default limits on depth
    and on the size of one text node stay on."""
    from lxml import etree

    for _event, element in etree.iterparse(
        stream, events=("end",), resolve_entities=False, load_dtd=False, no_network=True
    ):
        yield element
        element.clear(keep_tail=True)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def _paragraph_text(stream, collector, *, text_tag, paragraph_tag, spacers=None):
    """Text elements' text, a line break after each paragraph; ``spacers`` maps other
    elements (tabs, line breaks) to what stands for them."""
    spacers = {**(spacers or {}), paragraph_tag: "\n"}
    for element in _stream_elements(stream):
        if element.tag == text_tag:
            collector.add(element.text or "")
        elif element.tag in spacers:
            collector.add(spacers[element.tag])


def _numbered_parts(archive, pattern):
    """Parts such as ``ppt/slides/slide12.xml`` in their number's order."""
    found = [(int(match[1]), name) for name in archive.namelist() if (match := pattern.match(name))]
    return [name for _number, name in sorted(found)]


def _docx_text(archive, collector):
    with archive.open("word/document.xml") as stream:
        _paragraph_text(
            stream,
            collector,
            text_tag=f"{WORD}t",
            paragraph_tag=f"{WORD}p",
            spacers={f"{WORD}br": "\n", f"{WORD}cr": "\n", f"{WORD}tab": " "},
        )


SLIDE = re.compile(r"^ppt/slides/slide(\d+)\.xml$")


def _pptx_text(archive, collector):
    for name in _numbered_parts(archive, SLIDE):
        with archive.open(name) as stream:
            _paragraph_text(stream, collector, text_tag=f"{DRAWING}t", paragraph_tag=f"{DRAWING}p")


WORKSHEET = re.compile(r"^xl/worksheets/sheet(\d+)\.xml$")


def _shared_strings(archive, max_chars):
    """The workbook's shared strings, at most ``max_chars`` characters of them (cells that
    point past those read as empty: the text would be cut there anyway)."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings, current, size = [], [], 0
    with archive.open("xl/sharedStrings.xml") as stream:
        for element in _stream_elements(stream):
            if element.tag == f"{SHEET}t":
                current.append(element.text or "")
            elif element.tag == f"{SHEET}si":
                strings.append("".join(current))
                size += len(strings[-1])
                current = []
                if size >= max_chars:
                    break
    return strings


def _xlsx_text(archive, collector):
    shared = _shared_strings(archive, collector.max_chars)
    for name in _numbered_parts(archive, WORKSHEET):
        with archive.open(name) as stream:
            cell = []
            for element in _stream_elements(stream):
                if element.tag == f"{SHEET}t":  # a part of an inline string
                    cell.append(element.text or "")
                elif element.tag == f"{SHEET}v":  # read here: the cell's children go first
                    value = element.text or ""
                    if element.getparent().get("t") == "s" and value.isdigit():
                        index = int(value)
                        value = shared[index] if index < len(shared) else ""
                    cell.append(value)
                elif element.tag == f"{SHEET}c":
                    if cell:
                        collector.add("".join(cell) + "\n")
                    cell = []


def _pdf_text(path, collector, max_pages):
    from pypdf import PdfReader

    reader = PdfReader(path)
    for number, page in enumerate(reader.pages):
        if number >= max_pages:
            break
        collector.add((page.extract_text() or "") + "\n")


OFFICE_READERS = {"docx": _docx_text, "pptx": _pptx_text, "xlsx": _xlsx_text}


def extract_text(path: str, kind: str, limits: dict) -> str:
    """The document's text, at most ``limits["max_chars"]`` characters. ``limits`` also
    holds ``max_pdf_pages`` and the archive limits (``ArchiveLimits`` fields). Raises
    ``ArchiveRefused`` for an Office archive over a limit; any parser error propagates."""
    collector = TextCollector(limits["max_chars"])
    try:
        if kind == "pdf":
            _pdf_text(path, collector, limits["max_pdf_pages"])
        else:
            archive_limits = ArchiveLimits(
                max_entries=limits["max_entries"],
                max_uncompressed_bytes=limits["max_uncompressed_bytes"],
                max_ratio=limits["max_ratio"],
            )
            inspect_archive(path, archive_limits)
            with zipfile.ZipFile(path) as archive:
                OFFICE_READERS[kind](archive, collector)
    except Enough:
        pass
    # PostgreSQL text cannot hold NUL characters.
    return collector.text().replace("\x00", " ").strip()
