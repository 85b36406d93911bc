"""Plain text made safe for the place it is going, one function per target, so that every
feed, citation and export escapes the same way. Editors' and visitors' text is plain text
everywhere here; each function keeps it text in its target, whatever it holds (markup,
braces, tag lines, formulas, line separators, control characters).

- ``feed_text``: an RSS/Atom element that readers show as text (titles, names).
- ``feed_html``: an element that readers render as HTML (RSS ``description``, Atom
  ``summary type="html"``). Django's feed writer escapes for XML; the reader undoes that
  and then renders HTML, so text must be escaped for HTML as well, here, once.
- ``bibtex_field`` / ``bibtex_verbatim_field``: the value between a BibTeX field's braces.
- ``ris_field``: the value after ``XX  - `` on one RIS line.
- ``csv_cell``: a cell that spreadsheet programs show as text, never run as a formula.
"""

import re
import unicodedata
from html import escape as html_escape

# Characters XML 1.0 cannot carry at all (Django's feed writer refuses them with an
# error, which would make the whole feed a 500): C0 controls except tab and line breaks,
# lone surrogates and the two non-characters U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value) -> str:
    return "" if value is None else str(value)


def _one_line(text: str) -> str:
    """Every run of whitespace, line and paragraph separators included (str.split knows
    U+2028, U+2029, NEL, vertical tab and form feed), and every other control character,
    becomes one space."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(text.split())


def feed_text(value) -> str:
    """Text for a feed element shown as text: only what XML cannot hold is removed."""
    return _XML_INVALID.sub(" ", _text(value))


def feed_html(value) -> str:
    """Plain text for a feed element rendered as HTML: escaped for HTML (quotes too), so
    ``<script>`` reaches the reader as the characters, never as an element."""
    return html_escape(feed_text(value), quote=True)


# Characters with a meaning in BibTeX or LaTeX, written as LaTeX commands that produce
# the character itself. Braces are escaped too, so a value can never close its field.
# ("<" and ">" stay as they are: reference managers read them back literally.)
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_field(value) -> str:
    """A BibTeX text field's value (title, names, publisher, ISBN…), on one line."""
    return "".join(_BIBTEX.get(char, char) for char in _one_line(_text(value)))


def bibtex_verbatim_field(value) -> str:
    """A field that biblatex and reference managers read verbatim (``url``, ``doi``): a
    backslash escape would become part of the link, so the few characters that could
    break out of the braces are percent-encoded instead, as in any URL."""
    text = _one_line(_text(value)).replace(" ", "")
    return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def ris_field(value) -> str:
    """An RIS value: one line, so no text can start a tag line of its own (such as
    ``ER  -`` ending the record early or ``TY  -`` starting another)."""
    return _one_line(_text(value))


# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP
# "CSV injection"); line breaks too, and the full-width signs some locales accept.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value) -> str:
    """A cell shown as text: a leading apostrophe defuses a formula (an address such as
    ``=HYPERLINK(...)@example.org`` is valid e-mail syntax). The csv module quotes the rest."""
    text = _text(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text
