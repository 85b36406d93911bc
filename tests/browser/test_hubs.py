"""The city index in a real browser, on the demo content: a practitioner finds Halifax
(through the search box and through the map) and sees its ideas, a resource and an
event on one page; the index and the city page pass axe-core's WCAG 2.2 AA rules."""

import io

import pytest
from django.core.management import call_command

from citiesofmigration.models import City
from tests.browser.a11y import axe_violations, describe_violations, missing_checkers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(themes):
    """The whole demo written from the seeds, as `make run` loads it (coordinates too)."""
    call_command("load_demo", stdout=io.StringIO())


def section(page, title):
    return page.locator("section.related-section").filter(
        has=page.get_by_role("heading", name=title, level=2, exact=True)
    )


def test_from_the_city_index_a_practitioner_reaches_halifax_and_sees_every_section(page, demo):
    page.goto("/en/cities/")
    assert page.get_by_role("heading", level=1).inner_text() == "Cities"
    # Listed under its region and country, with what each section holds.
    north_america = page.locator("section.city-region").filter(
        has=page.get_by_role("heading", name="North America", level=2)
    )
    halifax_item = north_america.locator(".city-list__item").filter(
        has=page.get_by_role("link", name="Halifax", exact=True)
    )
    counts = halifax_item.locator(".city-list__counts").inner_text()
    assert "Good Ideas" in counts and "resource" in counts and "event" in counts

    # Typing part of the name without its capital and pressing Enter narrows the list.
    page.get_by_label("Find a city").fill("hali")
    page.get_by_label("Find a city").press("Enter")
    page.wait_for_url("**/cities/?q=hali")
    assert page.locator(".city-list__name").all_inner_texts() == ["Halifax"]
    assert "1 city matches “hali”" in page.locator("#cities-count").inner_text()

    page.get_by_role("link", name="Halifax", exact=True).click()
    page.wait_for_url("**/cities/halifax/")
    assert page.get_by_role("heading", level=1).inner_text() == "Halifax"
    ideas = section(page, "Good Ideas").locator("li h3").all_inner_texts()
    assert "Welcomed in Halifax pass" in ideas
    assert "Halifax Immigration Partnership and Immigration Strategy" in ideas
    resources = section(page, "From the E-Library").locator("li h3").all_inner_texts()
    assert "The Municipal Role in Immigration" in resources
    events = section(page, "Upcoming events").locator("li h3").all_inner_texts()
    assert "Demo city-to-city exchange: Local immigration partnerships" in events

    # Each card leads on: the resource opens its own page.
    page.get_by_role("link", name="The Municipal Role in Immigration").first.click()
    page.wait_for_url("**/e-library/municipal-role-in-immigration/")


def test_a_mouse_user_reaches_a_city_from_its_dot_on_the_map(page, demo):
    assert City.objects.filter(slug="halifax", latitude__isnull=False).exists()
    page.goto("/en/cities/")
    dot = page.locator("svg.city-map__drawing a[href='/en/cities/halifax/']")
    assert dot.locator("title").text_content() == "Halifax, Canada"
    dot.locator("circle").click()
    page.wait_for_url("**/cities/halifax/")


def test_a_city_named_only_by_the_archive_has_its_page_with_the_conference(page, demo):
    # The archived Metropolis conferences link to Copenhagen and Milan.
    page.goto("/en/cities/?q=copenhague")  # no such spelling: the empty state says so
    assert "No city matches “copenhague”." in page.locator(".empty-state").inner_text()
    page.goto("/en/cities/")
    page.get_by_role("link", name="Copenhagen", exact=True).click()
    page.wait_for_url("**/cities/copenhagen/")
    past = section(page, "Past events").locator("li h3").all_inner_texts()
    assert any("Copenhagen" in title for title in past)


@pytest.mark.skipif(bool(missing_checkers()), reason="axe-core is not installed (npm ci)")
@pytest.mark.parametrize("path", ["/en/cities/", "/en/cities/halifax/", "/en/themes/"])
def test_the_hub_pages_pass_axe_wcag_22_aa(browser, live_server, demo, path):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.goto(path)
    violations = axe_violations(page)
    context.close()
    assert not violations, describe_violations(violations)
