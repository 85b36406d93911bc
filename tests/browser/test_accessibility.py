"""Every public page type, on the demo content, in English (/en/) and in French (/fr/),
passes axe-core's WCAG 2.2 AA rules in a real browser (also at phone width for the lists)
and the Nu HTML Checker without an error; an idea with no French text shows its English
title marked as English on the French page; a keyboard user sees where focus is from the
skip link to the content; and the same harness does report a violation and an error when
one is planted.

The demo content is loaded and every page checked once for the module (`audit`), so the
whole set costs one demo load, one browser visit per page and one Java start-up; each
page then passes or fails as a test of its own. Run with ``-s`` to see the counts."""

import io
from dataclasses import dataclass, field
from types import SimpleNamespace

import lxml.html
import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.browser.a11y import (
    axe_violations,
    describe_violations,
    describe_vnu_errors,
    language_of,
    vnu_errors,
)
from tests.browser.conftest import plain_static_files
from tests.public_pages import (
    DESKTOP_WIDTH,
    PAGE_NAMES,
    PAGES,
    SERVER_HTML_PAGES,
    PublicPage,
    pick_demo_content,
    unchecked_pages,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.accessibility,
    pytest.mark.django_db(transaction=True),
]


@dataclass
class Audit:
    # name -> the addresses visited: the page's, and where its form posted (or None)
    addresses: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    violations: dict[str, list[dict]] = field(default_factory=dict)
    html_errors: dict[str, list[dict]] = field(default_factory=dict)
    # name -> the server's HTML of the page
    documents: dict[str, str] = field(default_factory=dict)
    demo: SimpleNamespace | None = None


def server_html(client: Client, page: PublicPage, path: str, posts_to: str | None) -> str:
    response = client.post(posts_to, {}) if posts_to else client.get(path)
    assert response.status_code == page.status, (
        f"{page.name}: {posts_to or path} answered {response.status_code}, not {page.status}"
    )
    return response.content.decode()


def browser_violations(browser, base_url: str, page: PublicPage, path: str) -> list[dict]:
    # bypass_csp: Playwright injects axe-core as an inline script, which the site's
    # Content-Security-Policy refuses (as it should anything inline). Only this checking
    # context lifts the policy; tests/browser/test_csp.py checks the pages under it.
    context = browser.new_context(
        base_url=base_url, bypass_csp=True, viewport={"width": page.width, "height": 900}
    )
    try:
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        tab.goto(path)
        if page.press:
            with tab.expect_navigation():
                tab.get_by_role("button", name=page.button(), exact=True).click()
        if page.then:
            page.then(tab)
        return axe_violations(tab)
    finally:
        context.close()


@pytest.fixture(scope="module")
def audit(browser, live_server, django_db_setup, django_db_blocker, tmp_path_factory):
    """Loads the demo content, checks every page in the browser and the server's HTML,
    and keeps the findings. The rows it writes are committed; the flush that ends the
    first test (a transactional one, as every test here) removes them."""
    test_settings = override_settings(
        STORAGES=plain_static_files(),
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    )
    result = Audit()
    documents = result.documents
    # The live server reads the database from its own thread: every browser visit happens
    # while database access is allowed.
    with django_db_blocker.unblock(), test_settings:
        call_command("load_demo", stdout=io.StringIO())
        demo = result.demo = pick_demo_content()
        client = Client()
        for page in PAGES:
            path = page.address(demo)
            posts_to = page.form_address(demo)
            result.addresses[page.name] = (path, posts_to)
            if page.width == DESKTOP_WIDTH and not page.then:  # the server's HTML, once
                documents[page.name] = server_html(client, page, path, posts_to)
            result.violations[page.name] = browser_violations(browser, live_server.url, page, path)
    result.html_errors = vnu_errors(documents, tmp_path_factory.mktemp("vnu"))
    print(
        f"\nAccessibility: {len(PAGES)} page checks in the browser, {len(documents)} distinct "
        f"pages; axe violations {sum(map(len, result.violations.values()))}, "
        f"vnu errors {sum(map(len, result.html_errors.values()))}\n"
        f"Pages: {', '.join(PAGE_NAMES)}"
    )
    return result


def test_every_public_page_type_is_checked_in_every_language(audit):
    """A new page (a new URL pattern) fails here until it is added to PAGES
    (tests/public_pages.py), which holds every page in each language at its address."""
    unchecked = unchecked_pages(audit.addresses)
    assert not any(unchecked.values()), f"add these pages to PAGES: {unchecked}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_axe_finds_no_wcag_22_aa_violation(audit, name):
    violations = audit.violations[name]
    assert not violations, f"{name}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("name", SERVER_HTML_PAGES)
def test_the_nu_html_checker_finds_no_error(audit, name):
    errors = audit.html_errors[name]
    assert not errors, f"{name}:\n{describe_vnu_errors(errors)}"


def test_an_idea_without_french_text_shows_its_english_title_marked_as_english(audit):
    """WCAG 3.1.2 (language of parts): on the French page, a screen reader must read the
    English title in an English voice, and a sighted visitor is told it is in English."""
    idea = audit.demo.english_only_idea
    document = lxml.html.document_fromstring(audit.documents["idea-english-only-fr"])
    assert document.get("lang") == "fr"
    heading = document.find(".//main//h1")
    holders = [element for element in heading.iter() if (element.text or "").strip() == idea.title]
    assert holders, f"the heading does not show {idea.title!r}: {lxml.html.tostring(heading)}"
    assert {language_of(element) for element in holders} == {"en"}, lxml.html.tostring(heading)
    assert heading.find_class("lang-note"), "no note that the title is in English"


# -- the harness sees failures ------------------------------------------------------------


def test_axe_reports_a_missing_text_alternative_and_a_wcag_22_target_too_small(
    browser, live_server
):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.goto("/en/about/")
    # An image without alt (WCAG 1.1.1) and two tiny links side by side (2.5.8, new in 2.2).
    page.evaluate(
        """() => {
            const main = document.querySelector("main");
            main.insertAdjacentHTML("beforeend",
                '<img src="/static/img/favicon.svg">' +
                '<p class="tiny"><a href="#one">1</a><a href="#two">2</a></p>');
        }"""
    )
    page.add_style_tag(
        content=".tiny a { font-size: 8px; line-height: 8px; display: inline-block; }"
    )
    violations = axe_violations(page)
    context.close()
    assert sorted(violation["id"] for violation in violations) == ["image-alt", "target-size"]
    # The failure names each element, as a developer needs it to find them.
    assert 'at a[href$="#one"]' in describe_violations(violations)


def test_the_nu_html_checker_reports_a_duplicate_id(tmp_path):
    valid = "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>{}</body></html>"
    errors = vnu_errors(
        {
            "duplicate": valid.format("<p id='a'>one</p><p id='a'>two</p>"),
            "clean": valid.format("<p id='a'>one</p>"),
        },
        tmp_path,
    )
    assert errors["clean"] == []
    assert [error["message"] for error in errors["duplicate"]] == ["Duplicate ID “a”."]


# -- the keyboard path --------------------------------------------------------------------


def focus_ring(page) -> dict:
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {
                tag: element.tagName.toLowerCase(),
                text: (element.innerText || element.value || element.name || "").trim(),
                inHeader: Boolean(element.closest("header")),
                inMain: Boolean(element.closest("main")),
                outline: `${style.outlineStyle} ${style.outlineWidth}`,
                visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
            };
        }"""
    )


def test_a_keyboard_user_tabs_from_the_skip_link_through_the_header_to_the_content(page, themes):
    page.goto("/en/")
    page.keyboard.press("Tab")
    stops = [focus_ring(page)]
    assert stops[0]["text"] == "Skip to main content"
    for _ in range(30):
        page.keyboard.press("Tab")
        stops.append(focus_ring(page))
        if stops[-1]["inMain"]:
            break
    header = [stop for stop in stops[1:] if stop["inHeader"]]
    # The brand, the sections, the search field and its button, in that order, then main.
    assert [stop["text"] for stop in header][:1] == ["Cities of Migration"]
    assert [stop["tag"] for stop in header][-2:] == ["input", "button"]
    assert stops[-1]["inMain"], f"focus never reached the content: {stops}"
    assert all(stop["inHeader"] for stop in stops[1:-1])
    hidden = [stop for stop in stops if not stop["visible"]]
    assert not hidden, f"no visible focus outline on {hidden}"
