"""A visitor's journey through the E-Library in a real browser, on the demo content."""

import io
import json
import re

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from django.conf import settings as django_settings
from django.core.management import call_command

from tests.browser import listing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURE = json.loads(
    (django_settings.BASE_DIR / "fixtures" / "elibrary.json").read_text(encoding="utf-8")
)
RECORDS = {record["slug"]: record for record in FIXTURE}


@pytest.fixture
def demo_library(themes):
    call_command("load_demo", stdout=io.StringIO())  # extracts the documents' text at once


def result_titles(page):
    return page.locator(".result-list .resource-card h3 a").all_inner_texts()


def choose(page, group, label):
    """Tick a filter as a visitor does; the page's script applies it at once, in place."""
    listing.tick(page, page.get_by_role("group", name=group).get_by_label(label))


def test_a_visitor_searches_inside_documents_filters_reads_downloads_and_cites(page, demo_library):
    # 1. A phrase found only inside a PDF's text, not in its title or abstract.
    vision = RECORDS["cities-of-migration-vision"]
    phrase = "key activities and partners"
    assert vision["sample_file"] == "pdf" and phrase in vision["sample_text"]
    assert "activities" not in (vision["title"] + vision["abstract"]).lower()

    page.goto("/en/e-library/")
    search = page.get_by_label("Search the E-Library")
    search.fill(phrase)
    search.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=key"))
    assert result_titles(page) == [vision["title"]]
    snippet = page.locator(".result-list .resource-card .snippet")
    assert "activities" in snippet.locator("mark").all_inner_texts()

    # 2. French toolkits, with the filter checkboxes.
    page.goto("/en/e-library/")
    choose(page, "Language", "French")
    choose(page, "Type", "Toolkit")
    assert re.search(r"language=fr", page.url) and re.search(r"type=toolkit", page.url)
    french_toolkits = sorted(
        record["title"]
        for record in FIXTURE
        if record["language"] == "fr" and record["resource_type"] == "toolkit"
    )
    assert sorted(result_titles(page)) == french_toolkits

    # 3. Open the French toolkit and go to its English original.
    french = RECORDS["immigrant-futures-toolkit-fr"]
    english = RECORDS[french["translation_of"]]
    page.get_by_role("link", name=french["title"], exact=True).click()
    page.wait_for_url(f"**/e-library/{french['slug']}/")
    assert page.get_by_role("heading", level=1).inner_text() == french["title"]
    versions = page.locator(".versions")
    assert " ".join(versions.inner_text().split()) == "Also in English"
    versions.get_by_role("link", name="English").click()
    page.wait_for_url(f"**/e-library/{english['slug']}/")
    assert page.get_by_role("heading", level=1).inner_text() == english["title"]

    # 4. Download the file.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download PDF \(")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"

    # 5. Cite it in BibTeX.
    bibtex_href = page.get_by_role("link", name="BibTeX").get_attribute("href")
    response = page.request.get(bibtex_href)
    assert response.ok
    library = bibtexparser.parse_string(
        response.text(), append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()]
    )
    assert library.failed_blocks == []
    [entry] = library.entries
    assert entry["title"] == english["title"]
    assert entry["year"] == str(english["year"])
    assert entry["author"] == [
        f"{name.rsplit(' ', 1)[1]}, {name.rsplit(' ', 1)[0]}" for name in english["authors"]
    ]
