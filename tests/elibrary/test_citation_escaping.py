"""BibTeX and RIS exports with hostile or unusual text in every field an editor types
(title, authors, publisher, series, number, ISBN, DOI, abstract, tags): bibtexparser 2
reads every field back as typed (on one line), and the RIS record keeps one tag per line
from its single TY to its single ER."""

import re

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware

from elibrary import citations
from elibrary.citations import split_name
from tests.blog.test_feed_escaping import PAYLOADS
from tests.factories import OrganisationFactory, ResourceFactory, SeriesFactory

pytestmark = pytest.mark.django_db

RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - .*$")
# Text that would close a BibTeX field and open another, or start an RIS record.
BIBTEX_BREAKOUT = "}, note = {injected} ,@misc{evil, title={x}"
RIS_BREAKOUT = "Title\r\nER  - \r\nTY  - JOUR\r\nTI  - Injected"
BIBTEX_SPECIALS = "100% {Local} Answers_2 for #Newcomers $5 & back\\slash ~tilde"
TEXT_PAYLOADS = {**PAYLOADS, "BibTeX breakout": BIBTEX_BREAKOUT, "specials": BIBTEX_SPECIALS}


def one_line(text):
    return " ".join(text.split())


def parse_bibtex(text, *, decode=True):
    middleware = [LatexDecodingMiddleware()] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=middleware)
    assert library.failed_blocks == []
    [entry] = library.entries  # nothing injected a second entry
    return entry


def bibtex_of(client, resource):
    response = client.get(f"{resource.get_absolute_url()}cite.bib")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("payload", TEXT_PAYLOADS.values(), ids=TEXT_PAYLOADS.keys())
def test_every_bibtex_text_field_reads_back_as_typed(client, payload):
    resource = ResourceFactory(
        title=payload,
        authors=[f"Ann {payload}"],
        publisher=OrganisationFactory(name=f"Press {payload}"),
        series=SeriesFactory(name=f"Series {payload}"),
        series_volume=payload[:50],
        isbn=payload[:20],
    )
    entry = parse_bibtex(bibtex_of(client, resource))
    assert set(entry.fields_dict) >= {"title", "author", "series", "number", "isbn", "url"}
    assert "note" not in entry.fields_dict
    assert entry["title"] == one_line(payload)
    assert entry["series"] == one_line(f"Series {payload}")
    assert entry["number"] == one_line(payload[:50])
    assert entry["isbn"] == one_line(payload[:20])
    given, family = split_name(f"Ann {payload}")  # the export writes "Family, Given"
    assert entry["author"] == one_line(f"{family}, {given}")


def test_the_isbn_cannot_break_out_of_its_field(client):
    resource = ResourceFactory(title="Safe", authors=["Ann Lee"], isbn="0-1}, note={x")
    text = bibtex_of(client, resource)
    entry = parse_bibtex(text)
    assert entry["isbn"] == "0-1}, note={x"
    assert "note" not in entry.fields_dict
    assert r"isbn = {0-1\}, note=\{x}" in text


def test_a_doi_stays_a_working_link_and_cannot_break_out(client):
    resource = ResourceFactory(title="Safe", authors=["Ann Lee"], doi="10.1234/a_b}, note={x")
    entry = parse_bibtex(bibtex_of(client, resource), decode=False)
    # Read verbatim by biblatex and reference managers: no backslashes, braces encoded.
    assert entry["doi"] == "10.1234/a_b%7D,note=%7Bx"
    assert "note" not in entry.fields_dict


def test_a_caret_is_written_as_the_latex_command_for_it(client):
    resource = ResourceFactory(title="x^2", authors=["Ann Lee"])
    assert r"title = {{x\textasciicircum{}2}}" in bibtex_of(client, resource)


def ris_lines(client, resource):
    text = client.get(f"{resource.get_absolute_url()}cite.ris").content.decode()
    return text.removesuffix("\r\n").split("\r\n")


@pytest.mark.parametrize(
    "payload", [*TEXT_PAYLOADS.values(), RIS_BREAKOUT], ids=[*TEXT_PAYLOADS.keys(), "RIS"]
)
def test_the_ris_record_keeps_its_structure_and_the_text(client, payload):
    resource = ResourceFactory(
        title=payload,
        authors=[f"Ann {payload}"],
        publisher=OrganisationFactory(name=payload),
        abstract=f"First paragraph.\n\n{payload}",
        tags=[payload[:90]],
    )
    lines = ris_lines(client, resource)
    assert [line for line in lines if not RIS_LINE.match(line)] == []
    tags = [line[:2] for line in lines]
    assert (tags[0], tags[-1], tags.count("TY"), tags.count("ER")) == ("TY", "ER", 1, 1)
    assert f"TI  - {one_line(payload)}" in lines
    assert f"PB  - {one_line(payload)}" in lines
    assert f"AB  - First paragraph. {one_line(payload)}" in lines


def test_control_without_the_escaper_the_isbn_breaks_out(client, monkeypatch):
    """The harness sees the defect: with the ISBN written raw (as before), a reference
    manager reads a field the editor never wrote, or fails on the entry."""
    escape = citations.bibtex_field
    monkeypatch.setattr(
        citations,
        "bibtex_field",
        lambda value: str(value) if "note" in str(value) else escape(value),
    )
    resource = ResourceFactory(title="Safe", authors=["Ann Lee"], isbn="0-1}, note={x")
    library = bibtexparser.parse_string(bibtex_of(client, resource))
    assert library.failed_blocks or "note" in library.entries[0].fields_dict
