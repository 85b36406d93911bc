"""The Content-Security-Policy in a real browser: the portal's pages and the admin's
forms (date widgets, autocomplete) run under it without a single violation, and the
same harness does see a violation when an inline script or style is injected."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import EventFactory, GoodIdeaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long superuser passphrase"
# How Chromium names the policies in its console messages (a malformed Permissions-Policy
# is reported there too).
POLICY_NAMES = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def csp_messages(page):
    """Everything the browser reports about the policies, from console and page errors."""
    messages = []

    def keep(text):
        if any(name in text for name in POLICY_NAMES):
            messages.append(text)

    page.on("console", lambda message: keep(message.text))
    page.on("pageerror", lambda error: keep(str(error)))
    return messages


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_public_pages_and_admin_forms_run_without_a_violation(page, csp_messages, themes):
    idea = GoodIdeaFactory(title="Newcomer Chess Club")
    event = EventFactory(title="Welcoming Cities Webinar")
    get_user_model().objects.create_superuser("csp-admin", "admin@example.org", PASSWORD)

    for url in ("/en/", idea.get_absolute_url(), event.get_absolute_url(), "/en/good-ideas/"):
        page.goto(url)
        page.wait_for_load_state("load")
    assert page.locator("script[type='application/ld+json']").count() == 0  # a list page
    page.goto(idea.get_absolute_url())
    assert page.locator("script[type='application/ld+json']").count() == 1

    log_in(page, "csp-admin")
    page.goto(f"/admin/goodideas/goodidea/{idea.pk}/change/")
    # The autocomplete (select2) opens and lists choices.
    page.locator(".field-cities .select2-selection").first.click()
    page.locator(".select2-results__option").first.wait_for()
    page.keyboard.press("Escape")

    page.goto(f"/admin/events/event/{event.pk}/change/")
    # The date widget's calendar opens and a day can be picked.
    page.locator(".datetimeshortcuts a[id^='calendarlink']").first.click()
    page.locator(".calendarbox").first.wait_for(state="visible")
    page.locator(".calendarbox .calendar td a").first.click()
    page.goto("/admin/goodideas/goodidea/")
    page.wait_for_load_state("load")

    assert csp_messages == []


def test_the_harness_sees_an_injected_inline_script_and_style_refused(page, csp_messages):
    page.goto("/en/about/")
    refused_script = page.expect_console_message(lambda message: "script-src" in message.text)
    refused_style = page.expect_console_message(lambda message: "style-src" in message.text)
    with refused_script, refused_style:
        # Added the way an injection would be: markup with an inline script and a style.
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true;";
                document.body.appendChild(script);
                const box = document.createElement("div");
                box.innerHTML = '<p id="styled" style="color: rgb(255, 0, 0)">x</p>';
                document.body.appendChild(box);
            }"""
        )
    assert page.evaluate("() => window.injected === undefined")
    color = page.evaluate("() => getComputedStyle(document.getElementById('styled')).color")
    assert color != "rgb(255, 0, 0)"
    assert any("script-src" in message for message in csp_messages)
    assert any("style-src" in message for message in csp_messages)
