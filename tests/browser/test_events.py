"""The Learning Exchange in a real browser: a city staff member registers, is told to
check their inbox, finds their status and the manage link in the e-mail, cancels from
that link, and the first person on the waitlist gets the seat."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import Registration
from tests.events.helpers import run_tasks
from tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MANAGE_LINK = re.compile(r"https?://\S+/learning-exchange/registration/[^/\s]+/")
# The browser keeps the form's "#register" through the redirect.
CHECK_INBOX_PAGE = re.compile(r"/learning-exchange/[^/]+/check-your-inbox/(#register)?$")


@pytest.fixture(autouse=True)
def _pages_load_their_css_and_javascript(settings):
    """The live server serves static files through the finders, which know no hashed
    names; plain names let the browser load the real CSS and JavaScript."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def fill_registration(page, *, name, email, organisation="", city=""):
    form = page.locator("form.registration-form")
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Your e-mail").fill(email)
    if organisation:
        form.get_by_label("Organisation").fill(organisation)
    if city:
        form.get_by_label("City").fill(city)
    form.get_by_label("I have read the privacy notice").check()


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_a_city_staff_member_registers_cancels_and_the_first_person_waiting_gets_the_seat(
    page, themes
):
    event = EventFactory(title="Welcoming policies in practice", capacity=1, themes=["plan"])

    # A city staff member finds the event and registers.
    page.goto("/en/learning-exchange/")
    page.get_by_role("link", name="Welcoming policies in practice").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Welcoming policies in practice"
    # With JavaScript on, the page also gives the time where the visitor is.
    expect(page.locator("dd.local-time")).to_be_visible()
    expect(page.locator("[data-local-time]")).to_contain_text(str(event.start.year))
    fill_registration(
        page,
        name="Amina Example",
        email="amina@example.org",
        organisation="City of Testville",
        city="Testville",
    )
    page.get_by_role("button", name="Register").click()
    # The page answers the same for any address (it tells nothing about whether someone
    # was registered already); the status comes by e-mail, to the address's owner.
    page.wait_for_url(CHECK_INBOX_PAGE)
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"
    expect(page.get_by_text("We have sent the details of your registration")).to_be_visible()

    # The seat is taken: the next person is offered the waitlist.
    page.goto(event.get_absolute_url())
    expect(page.get_by_text("Every seat is taken.")).to_be_visible()
    fill_registration(page, name="Bo Waiting", email="bo@example.org")
    page.get_by_role("button", name="Join the waitlist").click()
    page.wait_for_url(CHECK_INBOX_PAGE)
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"

    # The e-mails go out: Amina's says she is registered, Bo's that he is waiting.
    run_tasks()
    [confirmation] = mail_to("amina@example.org")
    assert confirmation.subject == "You are registered: Welcoming policies in practice"
    assert event.join_url in confirmation.body
    [waitlist_notice] = mail_to("bo@example.org")
    assert waitlist_notice.subject.startswith("You are on the waitlist")

    # Amina follows the link in hers: her own page shows her status.
    link = MANAGE_LINK.search(confirmation.body).group(0)
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "You are registered"
    assert Registration.objects.get(
        email="amina@example.org"
    ).is_confirmed  # a visit changes nothing

    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration is cancelled")

    # Bo, first on the waitlist, gets the seat and an e-mail with the join link.
    assert Registration.objects.get(email="bo@example.org").is_confirmed
    run_tasks()
    promotion = mail_to("bo@example.org")[-1]
    assert promotion.subject == "A seat is yours: Welcoming policies in practice"
    assert event.join_url in promotion.body


def test_an_events_page_fits_a_phone_screen_and_says_when_before_the_form(browser, live_server):
    event = EventFactory(title="Phone-sized webinar", capacity=10)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + event.get_absolute_url())
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    when_top = page.locator(".event__when").bounding_box()["y"]
    form_top = page.locator("form.registration-form").bounding_box()["y"]
    context.close()
    assert overflow <= 0
    assert when_top < form_top
