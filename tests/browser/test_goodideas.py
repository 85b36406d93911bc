"""Good Ideas in a real browser: a practitioner narrows the list down and searches, an
editor publishes a proposal, and a keyboard user reaches every control of the list."""

import re

import pytest
from django.contrib.auth import get_user_model

from citiesofmigration import demo as places_demo
from citiesofmigration.editors import sync_editors_group
from goodideas import demo as goodideas_demo
from goodideas.models import GoodIdea
from tests.browser import listing
from tests.factories import CountryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(themes):
    """The Good Ideas demo written from the seeds (transactional tests start empty)."""
    places_demo.load()
    goodideas_demo.load()


def count_of(page):
    """The number in "N results"."""
    return int(page.locator("#results-count").inner_text().split()[0])


def facet_option(page, facet, label):
    return page.get_by_role("group", name=facet).get_by_label(label)


def option_count(page, facet, label):
    text = facet_option(page, facet, label).evaluate("el => el.labels[0].innerText")
    return int(re.search(r"\((\d+)", text).group(1))


def tick(page, facet, label):
    """Tick a value; the page's script applies the filter at once, in place."""
    listing.tick(page, facet_option(page, facet, label))


def expected(themes=(), country=None):
    ideas = GoodIdea.objects.published()
    if themes:
        ideas = ideas.filter(themes__slug__in=themes)
    if country:
        ideas = ideas.filter(cities__country__code=country)
    return ideas.distinct().count()


def test_a_practitioner_narrows_the_ideas_down_opens_one_follows_a_tag_and_searches(page, demo):
    page.goto("/en/good-ideas/")
    assert count_of(page) == expected()

    tick(page, "Theme", "Work")
    assert "theme=work" in page.url
    assert count_of(page) == expected(["work"])
    learn_alone = option_count(page, "Theme", "Learn")

    tick(page, "Theme", "Learn")
    assert count_of(page) == expected(["work", "learn"])
    # The two themes widen the results; counts in the other facets follow them.
    canada_before = option_count(page, "Country", "Canada")
    assert canada_before == expected(["work", "learn"], "CA")
    assert option_count(page, "Theme", "Learn") == learn_alone

    tick(page, "Country", "Canada")
    assert count_of(page) == expected(["work", "learn"], "CA") < expected(["work", "learn"])
    assert facet_option(page, "Theme", "Work").is_checked()
    assert facet_option(page, "Country", "Canada").is_checked()
    chips = page.locator(".chips a.chip:not(.chip--clear)").all_inner_texts()
    assert sorted(chip.split("✕")[0].split(":")[1].strip() for chip in chips) == [
        "Canada",
        "Learn",
        "Work",
    ]

    card = page.locator(".result-list article").filter(has_text="Fredericton").first
    title = card.get_by_role("heading").inner_text()
    # The card's heading is its main link (its cities link to their own pages).
    card.get_by_role("heading").get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    # "Where" names the city, linked to its page (the related cards may name it too).
    assert page.locator("dl").get_by_role("link", name="Fredericton").is_visible()

    tag = page.locator(".tag-list a").first
    tag_name = tag.inner_text()
    tag.click()
    assert "?tag=" in page.url
    assert title in page.locator(".result-list").inner_text()
    assert f"Tag: {tag_name}" in page.locator(".chips").inner_text()

    page.get_by_label("Search Good Ideas").fill("Monkton")
    with page.expect_navigation():
        page.get_by_label("Search Good Ideas").press("Enter")
    assert "Greater Moncton Immigration Strategy" in page.locator(".result-list").inner_text()
    # The "Did you mean" link (the result cards link the city Moncton to its page too).
    suggestion = page.locator(".notice", has_text="Did you mean").get_by_role(
        "link", name="Moncton", exact=True
    )
    assert suggestion.is_visible()
    suggestion.click()
    assert page.get_by_label("Search Good Ideas").input_value() == "Moncton"
    assert "Did you mean" not in page.content()
    assert "Greater Moncton Immigration Strategy" in page.locator(".result-list").inner_text()


def test_without_javascript_the_apply_button_filters(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/good-ideas/")
    facet_option(page, "Theme", "Work").check()
    facet_option(page, "Theme", "Learn").check()
    facet_option(page, "Country", "Canada").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    total = count_of(page)
    context.close()
    assert total == expected(["work", "learn"], "CA")


def test_an_editor_publishes_a_proposal_which_then_appears_on_the_list(page, themes):
    canada = CountryFactory(code="CA", name="Canada")
    # A practitioner proposes an idea through the public form.
    page.goto("/en/good-ideas/submit/")
    form = page.locator("main form")  # the footer has a newsletter form of its own
    form.get_by_label("Name of the practice").fill("Newcomer Chess Club")
    form.get_by_label("In one sentence").fill("Weekly chess evenings for newcomers.")
    form.get_by_label("The story").fill("Two librarians started it in 2019.")
    form.get_by_label("Connect").check()
    form.get_by_label("City", exact=True).fill("Saint John")
    form.get_by_label("Country").select_option(label=canada.name)
    form.get_by_label("Your name").fill("Ada Proposer")
    form.get_by_label("Your e-mail").fill("ada.proposer@example.org")
    form.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/good-ideas/submit/thanks/")
    idea = GoodIdea.objects.get(title="Newcomer Chess Club")
    page.goto("/en/good-ideas/")
    assert "Newcomer Chess Club" not in page.content()

    editor = get_user_model().objects.create_user(
        "browser-editor", password="a long editor passphrase", is_staff=True
    )
    editor.groups.add(sync_editors_group())
    page.goto("/admin/")
    page.get_by_label("Username").fill("browser-editor")
    page.get_by_label("Password").fill("a long editor passphrase")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    page.goto("/admin/goodideas/goodidea/?status__exact=review")
    page.locator(f'input[name="_selected_action"][value="{idea.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish_selected")
    page.locator('button[name="index"]').click()
    assert "1 item published." in page.locator(".messagelist").inner_text()

    page.goto("/en/good-ideas/")
    assert "Newcomer Chess Club" in page.locator(".result-list").inner_text()
    page.get_by_role("link", name="Newcomer Chess Club").click()
    assert "Preview for editors" not in page.content()


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {id: el.id, tag: el.tagName, type: el.type || "", text: el.innerText || "",
                    outline: style.outlineStyle, outlineWidth: style.outlineWidth};
        }"""
    )


def test_a_keyboard_user_reaches_the_search_a_filter_and_the_apply_button_and_sees_focus(
    page, demo
):
    page.goto("/en/good-ideas/")
    reached = {}
    for _ in range(150):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["id"] == "id_q":
            reached.setdefault("search", element)
        elif element["type"] == "checkbox" and "search" in reached:
            reached.setdefault("checkbox", element)
        elif element["text"] == "Apply filters":
            reached.setdefault("apply", element)
            break
    assert set(reached) == {"search", "checkbox", "apply"}
    for element in reached.values():
        # The site's focus ring: a solid outline at least 2 CSS pixels thick (WCAG 2.4.11).
        assert element["outline"] == "solid", element
        assert float(element["outlineWidth"].removesuffix("px")) >= 2, element
