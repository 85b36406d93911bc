"""Editors in a real browser: writing with the rich-text editor (under the site's
Content-Security-Policy, without a single violation), and a proposal picking a known city."""

import pytest
from django.contrib.auth.models import Group

from goodideas.models import GoodIdea
from tests.factories import CityFactory, CountryFactory, GoodIdeaFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long editor passphrase for the browser"
POLICY_NAMES = ("Content Security Policy", "Content-Security-Policy")


@pytest.fixture
def policy_messages(page):
    messages = []

    def keep(text):
        if any(name in text for name in POLICY_NAMES):
            messages.append(text)

    page.on("console", lambda message: keep(message.text))
    page.on("pageerror", lambda error: keep(str(error)))
    return messages


@pytest.fixture
def editor(db):
    user = UserFactory(username="browser-editor", is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_an_editor_writes_bold_text_and_the_public_page_shows_it(
    page, policy_messages, editor, themes
):
    idea = GoodIdeaFactory(title="Harbour welcome walks", story="<p>Walks every Sunday.</p>")
    log_in(page, "browser-editor")
    page.goto(f"/admin/goodideas/goodidea/{idea.pk}/change/")

    story = page.get_by_role("textbox", name="Story [en]")
    story.wait_for()
    # The raw HTML textarea is replaced by the editor, which shows the text itself.
    assert story.inner_text().strip() == "Walks every Sunday."
    story.click()
    page.keyboard.press("End")
    page.keyboard.type(" Everyone is ")
    page.keyboard.press("Control+B")
    page.keyboard.type("welcome")
    page.keyboard.press("Control+B")
    page.keyboard.type(".")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/goodideas/goodidea/")

    idea.refresh_from_db()
    assert idea.story == "<p>Walks every Sunday. Everyone is <strong>welcome</strong>.</p>"
    page.goto(idea.get_absolute_url())
    assert page.locator("strong", has_text="welcome").count() == 1

    # The history shows the change, and a version page opens with its own editor.
    page.goto(f"/admin/goodideas/goodidea/{idea.pk}/history/")
    assert "Everyone is" in page.locator("#change-history").inner_text()
    page.locator("#change-history a").last.click()
    page.get_by_role("textbox", name="Story [en]").wait_for()
    assert page.get_by_role("button", name="Revert").count() == 1

    assert policy_messages == []


def test_the_editor_runs_on_events_and_posts_without_a_policy_violation(
    page, policy_messages, editor, themes
):
    log_in(page, "browser-editor")
    for path, label in [("events/event", "Description [en]"), ("blog/post", "Body [fr]")]:
        page.goto(f"/admin/{path}/add/")
        box = page.get_by_role("textbox", name=label)
        box.wait_for()
        # The toolbar works: a bulleted list from the menu.
        box.click()
        page.keyboard.type("First point")
        # The menu of this editor (the French one's, for posts: each language has its own).
        editor = page.locator(".prose-editor", has=box)
        editor.locator(".prose-menubar [title='unordered list']").click()
        assert box.locator("ul li", has_text="First point").count() == 1
    assert policy_messages == []


def test_an_editor_writes_the_french_version_beside_the_english(
    page, policy_messages, editor, themes
):
    idea = GoodIdeaFactory(
        title="Harbour welcome walks",
        slug="harbour-welcome-walks",
        story="<p>Walks every Sunday.</p>",
    )
    log_in(page, "browser-editor")
    page.goto(f"/admin/goodideas/goodidea/{idea.pk}/change/")

    # The French slug follows the French title as it is typed, spelled as French is.
    page.get_by_label("Title [fr]").press_sequentially("Cœur du port : promenades d’accueil")
    assert page.get_by_label("Slug [fr]").input_value() == "coeur-du-port-promenades-d-accueil"
    assert page.get_by_label("Slug [en]").input_value() == "harbour-welcome-walks"
    page.get_by_label("One-line summary [fr]").fill("Des promenades pour les nouveaux arrivants.")

    story = page.get_by_role("textbox", name="Story [fr]")
    assert story.get_attribute("lang") == "fr"
    story.click()
    page.keyboard.type("Chaque dimanche, ")
    page.keyboard.press("Control+B")
    page.keyboard.type("tout le monde")
    page.keyboard.press("Control+B")
    page.keyboard.type(" est bienvenu.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/goodideas/goodidea/")

    idea.refresh_from_db()
    assert idea.slug_fr == "coeur-du-port-promenades-d-accueil"
    assert idea.story_fr == "<p>Chaque dimanche, <strong>tout le monde</strong> est bienvenu.</p>"
    assert idea.story_en == "<p>Walks every Sunday.</p>"

    page.goto("/fr/good-ideas/coeur-du-port-promenades-d-accueil/")
    assert page.locator("h1").inner_text().strip() == "Cœur du port : promenades d’accueil"
    assert page.locator("strong", has_text="tout le monde").count() == 1
    # The toggle leads to the same idea in English, which keeps its English words.
    page.goto("/en/good-ideas/harbour-welcome-walks/")
    assert page.locator("h1").inner_text().strip() == "Harbour welcome walks"
    assert page.get_by_text("Walks every Sunday.").count() == 1
    assert page.get_by_text("Chaque dimanche").count() == 0

    assert policy_messages == []


def test_a_proposal_picks_a_known_city_and_its_country_follows(page, policy_messages, themes):
    canada = CountryFactory(code="CA", name="Canada")
    CountryFactory(code="DE", name="Germany", region="europe")
    dartmouth = CityFactory(
        name="Dartmouth", province="Nova Scotia", country=canada, slug="dartmouth"
    )
    GoodIdeaFactory(title="Harbour welcome walks", cities=[dartmouth])

    page.goto("/en/good-ideas/submit/")
    form = page.locator("main form")
    city = form.get_by_label("City")
    assert city.get_attribute("list") == "known-cities"
    assert page.locator("#known-cities option").evaluate_all(
        "(options) => options.map(o => o.value)"
    ) == ["Dartmouth"]
    city.fill("Dartmouth")
    city.dispatch_event("change")
    assert form.get_by_label("Province or state").input_value() == "Nova Scotia"
    assert form.get_by_label("Country").input_value() == str(canada.pk)

    form.get_by_label("Name of the practice").fill("Newcomer Chess Club")
    form.get_by_label("In one sentence").fill("Weekly chess evenings for newcomers and neighbours.")
    form.get_by_label("The story").fill("Started by two librarians.")
    form.get_by_label("Connect").check()
    form.get_by_label("Your name").fill("Ada Proposer")
    form.get_by_label("Your e-mail").fill("ada.proposer@example.org")
    form.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/good-ideas/submit/thanks/")

    proposal = GoodIdea.objects.get(title="Newcomer Chess Club")
    assert list(proposal.cities.all()) == [dartmouth]
    assert policy_messages == []
