import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_keyboard_user_skips_to_content_and_sees_where_focus_is(page, themes):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    # The skip link becomes visible when focused, with a visible focus indicator.
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_a_visitor_goes_from_the_home_page_to_a_theme(page, themes):
    page.goto("/en/")
    theme_names = page.locator(".theme-card h3").all_inner_texts()
    assert theme_names == ["Live", "Work", "Learn", "Connect", "Plan"]
    page.get_by_role("link", name="Work", exact=True).click()
    page.wait_for_url("**/themes/work/")
    assert page.get_by_role("heading", level=1).inner_text() == "Theme: Work"


def test_the_layout_fits_a_phone_screen_without_sideways_scrolling(browser, live_server, themes):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/en/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
