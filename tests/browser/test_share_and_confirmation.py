"""In a real browser (issue 10): after registering, the confirmation page shows the time in
the visitor's own zone; a content page's "Copy link" button copies the page's address and
says so; without JavaScript the address and the e-mail link are still there."""

import pytest
from django.urls import reverse

from tests.events.helpers import form_data
from tests.factories import EventFactory, GoodIdeaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registering_lands_on_a_page_with_the_visitors_own_time_and_a_calendar_link(
    browser, live_server, themes
):
    event = EventFactory(title="Mentoring newcomer entrepreneurs")
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(event.get_absolute_url())
    data = form_data()
    page.locator("#id_name").fill(data["name"])
    page.locator("#id_email").fill(data["email"])
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Register").click()
    # The browser keeps the form's "#register" through the redirect.
    page.wait_for_url(f"**{reverse('events:registration_sent', kwargs={'slug': event.slug})}*")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"
    your_time = page.locator("dd.local-time")
    your_time.wait_for(state="visible")
    assert "GMT+9" in your_time.inner_text() or "JST" in your_time.inner_text()
    link = page.get_by_role("link", name="Add to calendar")
    assert link.get_attribute("href") == reverse("events:ics", kwargs={"slug": event.slug})
    context.close()


def test_copy_link_copies_the_address_and_says_so(browser, live_server, themes):
    idea = GoodIdeaFactory(title="Neighbours at the table")
    context = browser.new_context(base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(idea.get_absolute_url())
    address = f"{live_server.url}{idea.get_absolute_url()}"
    assert page.get_by_label("Address of this page").input_value() == address
    button = page.get_by_role("button", name="Copy link")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address
    context.close()


def test_without_javascript_the_address_and_the_email_link_remain(browser, live_server, themes):
    idea = GoodIdeaFactory(title="Neighbours at the table")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(idea.get_absolute_url())
    address = f"{live_server.url}{idea.get_absolute_url()}"
    assert page.get_by_label("Address of this page").input_value() == address
    assert page.get_by_role("button", name="Copy link").count() == 0  # hidden: needs a script
    mailto = page.get_by_role("link", name="Share by e-mail").get_attribute("href")
    assert mailto.startswith("mailto:?subject=Neighbours%20at%20the%20table&body=")
    context.close()
