"""Phones and keyboards on the faceted lists: at 390 px the filters wait behind a
"Filters (n)" disclosure so the first result is on the first screen, and ticking a filter
updates the results in place (focus and position kept, new count announced) instead of
reloading the page; without JavaScript the plain form still filters. Also small targets
(WCAG 2.2, 2.5.8) on the breadcrumbs, chips and tags."""

import io

import pytest
from django.core.management import call_command

from citiesofmigration import demo as places_demo
from goodideas import demo as goodideas_demo
from goodideas.models import GoodIdea
from tests.browser.a11y import AXE_SCRIPT, axe_violations, describe_violations
from tests.browser.listing import results_updated
from tests.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def demo(themes):
    places_demo.load()
    goodideas_demo.load()


@pytest.fixture
def open_page(browser, live_server):
    """A page in a fresh browser context of the given size, with or without JavaScript."""
    contexts = []

    def opener(url, *, viewport=PHONE, javascript=True, bypass_csp=False):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


def count_of(page):
    return int(page.locator("#results-count").inner_text().split()[0])


def canada_count():
    return GoodIdea.objects.published().filter(cities__country__code="CA").distinct().count()


def test_at_phone_width_the_first_good_idea_is_on_the_first_screen(open_page, demo):
    page = open_page("/en/good-ideas/")
    card = page.locator(".result-list > li").first
    title = card.get_by_role("heading")
    box = title.bounding_box()
    print(f"390x844: first result's title at y={box['y']:.0f}..{box['y'] + box['height']:.0f}")
    assert box["y"] + box["height"] <= PHONE["height"]
    assert title.is_visible()
    # The filters wait behind the disclosure, which says how many are chosen.
    toggle = page.locator("summary", has_text="Filters (0)")
    assert toggle.is_visible()
    assert not page.get_by_role("group", name="Theme").is_visible()
    toggle.click()
    assert page.get_by_role("group", name="Theme").is_visible()


def test_ticking_a_filter_keeps_focus_and_position_and_announces_the_new_count(open_page, demo):
    page = open_page("/en/good-ideas/")
    page.evaluate("window.sameDocument = true")  # gone if the page were reloaded
    page.locator("summary", has_text="Filters (0)").click()
    canada = page.get_by_role("group", name="Country").get_by_label("Canada")
    canada.scroll_into_view_if_needed()
    canada.focus()
    scrolled = page.evaluate("window.scrollY")
    screen_y = canada.bounding_box()["y"]
    before = page.locator("#results-count").inner_text()
    assert scrolled > 0

    page.keyboard.press("Space")
    results_updated(page)
    assert page.url.endswith("/en/good-ideas/?country=CA&sort=newest")

    assert page.evaluate("window.sameDocument") is True
    assert canada.evaluate("el => el === document.activeElement")
    assert canada.is_checked()
    assert abs(canada.bounding_box()["y"] - screen_y) <= 2
    assert page.evaluate("window.scrollY") > 0
    live = page.locator("#results-count")
    assert live.get_attribute("role") == "status"
    assert live.inner_text() != before
    assert count_of(page) == canada_count()
    assert page.locator("summary").inner_text().strip() == "Filters (1)"
    assert "Canada" in page.locator(".chips").inner_text()
    print(f"ticked Canada: '{before}' -> '{live.inner_text()}', focus kept, scrollY {scrolled}")

    # Back shows the unfiltered list again.
    page.go_back()
    page.wait_for_function("!location.search")
    page.locator("#results-count").wait_for()
    assert page.locator("#results-count").inner_text() == before


def test_without_javascript_a_phone_still_filters_with_the_button(open_page, demo):
    page = open_page("/en/good-ideas/", javascript=False)
    page.locator("summary", has_text="Filters (0)").click()
    page.get_by_role("group", name="Country").get_by_label("Canada").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    assert "country=CA" in page.url
    assert count_of(page) == canada_count()
    assert page.locator("summary", has_text="Filters (1)").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_at_desktop_width_the_filters_are_shown_beside_the_results(open_page, demo, javascript):
    page = open_page("/en/good-ideas/", viewport=DESKTOP, javascript=javascript)
    assert page.get_by_role("group", name="Theme").get_by_label("Work").is_visible()
    assert not page.locator("summary.filter-panel__toggle").is_visible()
    facets, results = page.locator(".listing__facets"), page.locator(".listing__results")
    assert facets.bounding_box()["x"] < results.bounding_box()["x"]


def test_small_links_are_targets_of_at_least_24_pixels(open_page, demo):
    """axe's target-size rule on an idea page (breadcrumbs, tags) and a resource page
    (breadcrumbs) and on a filtered list (chips, pagination)."""
    assert AXE_SCRIPT.exists(), "npm ci installs axe-core"
    idea = GoodIdea.objects.published().filter(tags__isnull=False).first()
    resource = ResourceFactory(title="A toolkit for welcoming cities")
    for url in (idea.get_absolute_url(), resource.get_absolute_url(), "/en/good-ideas/?theme=work"):
        for viewport in (PHONE, DESKTOP):
            page = open_page(url, viewport=viewport, bypass_csp=True)
            small = page.evaluate(
                """() => [...document.querySelectorAll('.breadcrumb a, .tag, .chip')]
                    .map((a) => a.getBoundingClientRect())
                    .filter((r) => r.width < 24 || r.height < 24).length"""
            )
            assert small == 0, url
            violations = [v for v in axe_violations(page) if v["id"] == "target-size"]
            assert not violations, describe_violations(violations)


@pytest.fixture
def whole_demo(themes):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize(
    "url",
    [
        "/en/good-ideas/",
        "/en/e-library/",
        "/en/learning-exchange/",
        "/en/learning-exchange/archive/",
        "/en/conversations/",
    ],
)
def test_every_faceted_list_shows_its_first_result_on_a_phones_first_screen(
    open_page, whole_demo, url
):
    page = open_page(url)
    title = page.locator(".result-list > li").first.get_by_role("heading").first
    box = title.bounding_box()
    top, bottom = round(box["y"]), round(box["y"] + box["height"])
    print(f"{url} at 390x844: first result's title at y={top}..{bottom}")
    # At least its first line is on the first screen (titles and dates wrap differently).
    assert top + 24 <= PHONE["height"]
