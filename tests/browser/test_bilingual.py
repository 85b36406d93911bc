"""Issue 11 in a real browser: a visitor whose browser prefers French opens the site's root,
lands on /fr/ and sees the interface in French; on a Good Idea the language toggle leads to
the same idea in English (its English address and title) and back; on a filtered list it
keeps the filters and the search; the choice is remembered; and a keyboard user reaches the
toggle with Tab, sees where focus is, and switches language with Enter."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils.translation import override

from citiesofmigration.context_processors import SECTIONS
from tests.core.test_french_pages import english_interface_strings
from tests.factories import GoodIdeaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRENCH_BROWSER = {"locale": "fr-CA", "extra_http_headers": {"Accept-Language": "fr-CA,fr;q=0.9"}}


@pytest.fixture
def french_visitor(browser, live_server):
    """A tab in a browser set up in Canadian French: navigator.language and the
    Accept-Language header it sends say so."""
    context = browser.new_context(base_url=live_server.url, **FRENCH_BROWSER)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def idea(themes):
    """A Good Idea written in both languages, each with its own title and address."""
    idea = GoodIdeaFactory(
        title="Welcome centre for newcomers",
        slug="welcome-centre-for-newcomers",
        summary="A city-run centre where newcomers find every service under one roof.",
        themes=["live"],
    )
    idea.title_fr = "Centre d’accueil pour les nouveaux arrivants"
    idea.slug_fr = "centre-d-accueil-pour-les-nouveaux-arrivants"
    idea.summary_fr = (
        "Un centre municipal où les personnes nouvellement arrivées trouvent tous les "
        "services au même endroit."
    )
    idea.save()
    return idea


def address(tab) -> str:
    parts = urlsplit(tab.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page_language(tab) -> str:
    return tab.locator("html").get_attribute("lang")


def navigation_labels(tab) -> list[str]:
    return [label.strip() for label in tab.locator("nav.site-nav a").all_inner_texts()]


def sections_in(language) -> list[str]:
    with override(language):
        return [str(label) for _name, label in SECTIONS]


def toggle(tab):
    """The header's link to this page in the other language (there is exactly one)."""
    link = tab.locator("nav.language-toggle a")
    assert link.count() == 1
    return link


def test_a_french_browser_lands_on_french_and_switches_an_idea_to_english_and_back(
    french_visitor, idea
):
    tab = french_visitor
    tab.goto("/")
    assert address(tab) == "/fr/"
    assert page_language(tab) == "fr"
    french_sections = sections_in("fr")
    assert french_sections != sections_in("en")  # the menu has something to translate
    assert navigation_labels(tab) == french_sections
    # Only French in the interface, as the browser shows it (scripts included).
    assert english_interface_strings(tab.content()) == {}

    tab.locator("nav.site-nav").get_by_role("link", name=french_sections[0]).click()
    assert address(tab) == "/fr/good-ideas/"
    tab.get_by_role("link", name=idea.title_fr).click()
    assert address(tab) == f"/fr/good-ideas/{idea.slug_fr}/"
    assert tab.locator("h1").inner_text() == idea.title_fr
    assert english_interface_strings(tab.content()) == {}

    link = toggle(tab)
    assert link.inner_text() == "English"
    assert link.get_attribute("lang") == "en"  # read out in an English voice
    link.click()
    assert address(tab) == f"/en/good-ideas/{idea.slug_en}/"
    assert page_language(tab) == "en"
    assert tab.locator("h1").inner_text() == idea.title_en
    assert navigation_labels(tab) == sections_in("en")

    link = toggle(tab)
    assert link.inner_text() == "Français"
    assert link.get_attribute("lang") == "fr"
    link.click()
    assert address(tab) == f"/fr/good-ideas/{idea.slug_fr}/"
    assert page_language(tab) == "fr"
    assert tab.locator("h1").inner_text() == idea.title_fr


def test_the_toggle_keeps_the_filters_and_the_search_of_a_list(french_visitor, idea):
    tab = french_visitor
    tab.goto("/fr/good-ideas/?theme=live&q=accueil")
    assert tab.get_by_role("link", name=idea.title_fr).is_visible()
    toggle(tab).click()
    parts = urlsplit(tab.url)
    assert parts.path == "/en/good-ideas/"
    assert parse_qs(parts.query) == {"theme": ["live"], "q": ["accueil"]}
    # What the visitor sees: the same search in the field, the same theme ticked.
    assert tab.locator("main input[name=q]").input_value() == "accueil"
    assert tab.locator("input[name=theme][value=live]").is_checked()
    assert page_language(tab) == "en"


def test_the_language_chosen_with_the_toggle_is_remembered(french_visitor, themes):
    tab = french_visitor
    tab.goto("/")
    assert address(tab) == "/fr/"
    toggle(tab).click()
    assert address(tab) == "/en/"
    # The browser still prefers French; the visitor chose English.
    tab.goto("/")
    assert address(tab) == "/en/"
    tab.goto("/about/")  # an old address, from a bookmark
    assert address(tab) == "/en/about/"


def focus(tab) -> dict:
    """Where focus is, and whether it is shown: an outline of at least 2 px whose colour
    stands out from the header's background by 3:1 (WCAG 2.4.7, 1.4.11)."""
    return tab.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const rgb = (color) => color.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const luminance = (color) => {
                const [r, g, b] = rgb(color).map((value) => {
                    const c = value / 255;
                    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const header = getComputedStyle(document.querySelector("header"));
            const [light, dark] = [luminance(style.outlineColor),
                                   luminance(header.backgroundColor)].sort((a, b) => b - a);
            return {
                inToggle: Boolean(element.closest("nav.language-toggle")),
                text: (element.innerText || "").trim(),
                outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
                shown: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                contrast: (light + 0.05) / (dark + 0.05),
            };
        }"""
    )


def test_a_keyboard_user_tabs_to_the_toggle_sees_focus_and_switches_with_enter(
    french_visitor, themes
):
    tab = french_visitor
    tab.goto("/fr/about/")
    stops = []
    for _ in range(40):
        tab.keyboard.press("Tab")
        stops.append(focus(tab))
        if stops[-1]["inToggle"]:
            break
    reached = stops[-1]
    assert reached["inToggle"], f"Tab never reached the language toggle: {stops}"
    assert reached["text"] == "English"
    assert reached["shown"], f"no visible focus on the toggle: {reached['outline']}"
    assert reached["contrast"] >= 3, reached
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/en/about/")
    assert page_language(tab) == "en"
