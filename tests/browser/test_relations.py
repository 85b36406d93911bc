"""Relations seen from both sides, in a real browser on the demo content: a practitioner
on the Fredericton mentorship idea reaches the mentoring webinar and the Immigrant Futures
toolkit by following links, and comes back from each to the idea; the idea's city name
leads to the city's page."""

import io

import pytest
from django.core.management import call_command

from elibrary.models import Resource
from events.models import Event
from goodideas.models import GoodIdea

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IDEA = "fredericton-business-immigrant-mentorship"
WEBINAR = "demo-session-mentoring-newcomer-entrepreneurs"
TOOLKIT = "immigrant-futures-toolkit"


@pytest.fixture
def demo(themes):
    call_command("load_demo", stdout=io.StringIO())


def section(page, heading):
    return page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=heading, exact=True)
    )


def test_from_the_fredericton_idea_to_the_mentoring_webinar_and_the_toolkit(page, demo):
    idea = GoodIdea.objects.get(slug=IDEA)
    webinar = Event.objects.get(slug=WEBINAR)
    toolkit = Resource.objects.get(slug=TOOLKIT)
    # Each relation was entered once, on the other side.
    assert webinar.related_ideas.filter(pk=idea.pk).exists()
    assert toolkit.related_ideas.filter(pk=idea.pk).exists()

    page.goto(idea.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == idea.title

    # The webinar is under "Upcoming", by its title; following it opens its page.
    upcoming = section(page, "Upcoming webinars and events")
    upcoming.get_by_role("link", name=webinar.title, exact=True).click()
    page.wait_for_url(f"**{webinar.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == webinar.title
    # ... and the webinar's page leads back to the idea.
    section(page, "Related Good Ideas").get_by_role("link", name=idea.title).click()
    page.wait_for_url(f"**{idea.get_absolute_url()}")

    # The toolkit is under "From the E-Library" (one language version of it).
    library = section(page, "From the E-Library")
    assert library.get_by_role("link", name=toolkit.title, exact=True).count() == 1
    library.get_by_role("link", name=toolkit.title, exact=True).click()
    page.wait_for_url(f"**{toolkit.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == toolkit.title
    # The toolkit's page names the idea too, and the posts about the toolkit.
    assert section(page, "Related Good Ideas").get_by_role("link", name=idea.title).count() == 1
    assert section(page, "In Conversations on Integration").get_by_role("link").count() >= 1

    # Back on the idea, "Where" leads to Fredericton's page.
    page.goto(idea.get_absolute_url())
    page.locator(".facts").get_by_role("link", name="Fredericton", exact=True).click()
    page.wait_for_url("**/cities/fredericton/")
    assert "Fredericton" in page.get_by_role("heading", level=1).inner_text()
