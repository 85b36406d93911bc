"""BibTeX and RIS exports that reference managers read back exactly."""

import re

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors

from tests.factories import OrganisationFactory, ResourceFactory, SeriesFactory

pytestmark = pytest.mark.django_db

AUTHORS = ["Valerie Preston", "John Shields", "Mireille Paquet", "Sivakamy Thayaalan"]
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - .*$")


@pytest.fixture
def report():
    return ResourceFactory(
        title="The Municipal Role in Immigration",
        slug="municipal-role",
        resource_type="report",
        authors=AUTHORS,
        publisher=OrganisationFactory(name="IMFG"),
        series=SeriesFactory(name="Who Does What"),
        series_volume="No. 3",
        year=2024,
        month=6,
        abstract="Cities and immigration.\n\nA second paragraph.",
        doi="10.1234/abc_def",
        tags=["municipal role", "research"],
    )


def fetch(client, resource, format):
    response = client.get(f"{resource.get_absolute_url()}cite.{format}")
    assert response.status_code == 200
    return response


def parse_bibtex(text):
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()]
    )
    assert library.failed_blocks == []
    [entry] = library.entries
    return entry


def test_the_bibtex_export_parses_with_type_key_title_authors_in_order_and_year(client, report):
    response = fetch(client, report, "bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="preston2024municipal.bib"'
    entry = parse_bibtex(response.content.decode())
    assert entry.entry_type == "techreport"
    assert entry.key == "preston2024municipal"
    assert entry["title"] == "The Municipal Role in Immigration"
    assert entry["author"] == [
        "Preston, Valerie",
        "Shields, John",
        "Paquet, Mireille",
        "Thayaalan, Sivakamy",
    ]
    assert entry["year"] == "2024"
    assert entry["institution"] == "IMFG"
    assert entry["series"] == "Who Does What"
    assert entry["number"] == "No. 3"
    assert entry["url"] == "http://testserver/en/e-library/municipal-role/"


def test_a_title_with_ampersand_percent_and_braces_survives_bibtex(client):
    title = "Jobs & Homes: 100% {Local} Answers_2 for #Newcomers $5"
    resource = ResourceFactory(title=title, authors=["Ann Lee"], year=2020)
    entry = parse_bibtex(fetch(client, resource, "bib").content.decode())
    assert entry["title"] == title
    assert entry.key == "lee2020jobs"


def test_without_authors_the_publisher_is_the_bibtex_author_kept_whole(client):
    resource = ResourceFactory(
        title="Cities of Migration Vision",
        resource_type="policy-brief",
        publisher=OrganisationFactory(name="Maytree Foundation"),
        year=2008,
    )
    entry = parse_bibtex(fetch(client, resource, "bib").content.decode())
    assert entry.entry_type == "techreport"
    assert entry["author"] == ["Maytree Foundation"]
    assert entry.key == "maytreefoundation2008cities"


@pytest.mark.parametrize(
    ("resource_type", "bibtex_type", "ris_type"),
    [
        ("report", "techreport", "RPRT"),
        ("article", "article", "JOUR"),
        ("toolkit", "misc", "GEN"),
        ("presentation", "misc", "SLIDE"),
        ("dataset", "misc", "DATA"),
    ],
)
def test_each_type_exports_as_the_matching_reference_type(
    client, resource_type, bibtex_type, ris_type
):
    resource = ResourceFactory(resource_type=resource_type, authors=["Ann Lee"])
    entry = parse_bibtex(fetch(client, resource, "bib").content.decode())
    assert entry.entry_type == bibtex_type
    assert fetch(client, resource, "ris").content.decode().startswith(f"TY  - {ris_type}\r\n")


def ris_lines(client, resource):
    response = fetch(client, resource, "ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    text = response.content.decode()
    assert text.endswith("\r\n")
    return text.removesuffix("\r\n").split("\r\n")


def test_every_ris_line_is_tag_two_spaces_dash_value_from_ty_to_er(client, report):
    lines = ris_lines(client, report)
    assert lines[0] == "TY  - RPRT"
    assert lines[-1] == "ER  - "
    assert [line for line in lines if not RIS_LINE.match(line)] == []
    assert [line for line in lines if line.startswith("AU  - ")] == [
        "AU  - Preston, Valerie",
        "AU  - Shields, John",
        "AU  - Paquet, Mireille",
        "AU  - Thayaalan, Sivakamy",
    ]
    assert "TI  - The Municipal Role in Immigration" in lines
    assert "PY  - 2024" in lines
    assert "DA  - 2024/06//" in lines
    # A paragraph break in the abstract cannot start a line of its own.
    assert "AB  - Cities and immigration. A second paragraph." in lines
    assert {"KW  - municipal role", "KW  - research"} <= set(lines)


def test_the_ris_export_has_one_record_whose_only_er_is_last(client, report):
    lines = ris_lines(client, report)
    assert [line[:2] for line in lines].count("TY") == 1
    assert [line[:2] for line in lines].count("ER") == 1


def test_citations_of_an_unpublished_resource_are_not_found(client):
    draft = ResourceFactory(draft=True)
    assert client.get(f"{draft.get_absolute_url()}cite.bib").status_code == 404
    assert client.get(f"{draft.get_absolute_url()}cite.ris").status_code == 404


def test_an_unknown_citation_format_is_not_found(client, report):
    assert client.get(f"{report.get_absolute_url()}cite.txt").status_code == 404
