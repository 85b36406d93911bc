"""Site search in a real browser, on the demo content: a misspelt city name from the
header's search box finds the close matches in every section, says so once, offers the
right spelling, and the E-Library's Greater Moncton Poll is among the results."""

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(themes):
    call_command("load_demo", stdout=io.StringIO())


def test_a_misspelt_search_from_the_header_offers_did_you_mean_and_finds_the_poll(page, demo):
    page.goto("/en/")
    search_box = page.get_by_label("Search the whole portal")
    search_box.fill("Monkton")
    with page.expect_navigation():
        search_box.press("Enter")
    assert "/en/search/?q=Monkton" in page.url

    main = page.get_by_role("main")
    assert main.get_by_text("showing close matches").count() == 1
    suggestion = page.locator(".notice", has_text="Did you mean").get_by_role(
        "link", name="Moncton", exact=True
    )
    assert suggestion.is_visible()
    assert "Greater Moncton Poll" in main.inner_text()

    # Following the suggestion searches the right spelling: exact matches, no notice.
    suggestion.click()
    page.wait_for_url("**/search/?q=Moncton")
    assert main.get_by_text("showing close matches").count() == 0
    assert "Did you mean" not in main.inner_text()
    assert "Greater Moncton Poll" in main.inner_text()
