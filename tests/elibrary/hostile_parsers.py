"""Parsers the extraction child process runs in the tests instead of the portal's own
(``elibrary.extraction.EXTRACTOR`` is patched to name one). Same signature as
``elibrary.extractors.extract_text``; no Django, as in the real child."""

import time
from pathlib import Path

from elibrary.extractors import extract_text


def unbounded_docx_text(path, kind, limits):
    """How the portal read Word files before: python-docx loads the whole part and builds
    its whole tree (4.47 GB for the 200 MB bomb), with no look at the archive first."""
    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(path).paragraphs)


def never_finishes(path, kind, limits):
    """A parser stuck in a loop (bounded at ten minutes, far beyond any test's cap)."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        pass
    return ""


def text_once_released(path, kind, limits):
    """The real extraction, held until the test says so: it leaves ``extraction-started``
    next to the document, then waits (at most two minutes) for ``extraction-release``."""
    folder = Path(path).parent
    (folder / "extraction-started").touch()
    for _ in range(1200):
        if (folder / "extraction-release").exists():
            break
        time.sleep(0.1)
    return extract_text(path, kind, limits)
