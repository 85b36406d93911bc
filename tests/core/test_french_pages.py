"""Issue 11: a French-speaking visitor sees no English interface string. Every public page
type (tests/public_pages.py) is rendered under /fr/ on the demo content, forms with their
errors included, and read with an HTML parser as a visitor's browser would: each element's
visible text (without the parts marked as another language) and the attributes read out
or shown (aria-label, placeholder, title, alt, button values...). No such text may equal an
English message of our catalogue (locale/fr/LC_MESSAGES/django.po) whose French differs
("Date" or "Image" are the same in both and are not looked for). Content that has no
French text yet may be shown in English, but only inside an element marked lang="en", so
that a screen reader switches voice; an English E-Library edition likewise.

The demo is loaded and every page rendered once for the module (`french_site`); each page
then passes or fails as a test of its own, naming the strings and where they are."""

import html
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import lxml.html
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from taggit.models import Tag

from blog.models import Post
from citiesofmigration.i18n import translated_fields
from citiesofmigration.models import City, Country, Organisation, Person, Theme
from elibrary.models import Resource, Series
from events.models import Event
from goodideas.models import Collection, GoodIdea
from tests.browser.a11y import language_of
from tests.public_pages import (
    DESKTOP_WIDTH,
    PAGES,
    PAGES_BY_NAME,
    pick_demo_content,
    unchecked_pages,
)

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# The server's HTML of each page type in French (the browser-only variants, at phone width
# or after a click, show the same strings).
FRENCH_PAGES = [
    page.name
    for page in PAGES
    if page.language == "fr" and page.width == DESKTOP_WIDTH and not page.then
]
# Attributes whose text a visitor reads or hears; data-* ones hold the texts that scripts
# show (a "Copied" message, a counter).
READ_ATTRIBUTES = ("aria-label", "aria-description", "placeholder", "title", "alt")
NOT_SHOWN = {"script", "style", "template"}
# python-format (%(name)s, %s, %d) and str.format ({name}, {}) placeholders.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
# What a placeholder stands for on the page: a number for a count, any text otherwise.
NUMBER = r"[\d\s.,]+"
COUNTS = re.compile(r"%\(\w*(count|counter|number|total|num)\w*\)[sd]|%d|%\(\w+\)d|\{(n|count)\}")
# A data-* value that is a key for a script (a facet's name, a slug), not a text.
KEY = re.compile(r"[a-z0-9_./:#?=&-]*")
# Separates the page's name from the site's in <title>.
TITLE_SEPARATOR = " · "


def normalised(text: str) -> str:
    """Whitespace as a reader sees it: any run of spaces, non-breaking ones included, is one."""
    return " ".join(text.split())


def without_markup(message: str) -> str:
    """A message's text as the page shows it: tags dropped, entities read."""
    return normalised(html.unescape(re.sub(r"<[^>]+>", "", message)))


@dataclass
class EnglishMessages:
    """The catalogue's messages whose French differs from the English, as a page would
    show them if the translation were missing: exact texts, and patterns for messages with
    placeholders ("%(count)s posts" is "3 posts" on a page)."""

    exact: dict[str, str] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern, str, str]] = field(default_factory=list)

    def find(self, text: str) -> str | None:
        """The message id that ``text`` is (or fills in), else None."""
        if text in self.exact:
            return self.exact[text]
        for pattern, longest_literal, msgid in self.patterns:
            if longest_literal in text and pattern.fullmatch(text):
                return msgid
        return None

    @property
    def longest(self) -> int:
        return max(map(len, self.exact), default=0)


def message_pairs(entry):
    """(English, French) for an entry, both plural forms included."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        yield entry.msgid, forms.get(0, "")
        yield entry.msgid_plural, forms.get(max(forms, default=0), "")
    else:
        yield entry.msgid, entry.msgstr


def message_pattern(text: str) -> re.Pattern:
    """A message with placeholders as a page shows it once they are filled in."""
    parts = re.split(f"({PLACEHOLDER.pattern})", text)  # literal, placeholder, literal...
    return re.compile(
        "".join(
            re.escape(part) if index % 2 == 0 else NUMBER if COUNTS.fullmatch(part) else ".+?"
            for index, part in enumerate(parts)
        ),
        re.S,
    )


@cache
def english_messages() -> EnglishMessages:
    messages = EnglishMessages()
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        for english, french in message_pairs(entry):
            text = without_markup(english)
            if not text or (french and without_markup(french) == text):
                continue  # the same in both languages ("Date", "Image", a name)
            literals = [part for part in PLACEHOLDER.split(text) if part.strip()]
            if len(literals) == 1 and literals[0] == text:
                messages.exact.setdefault(text, english)
                continue
            # Placeholders: only a message whose own words say it is English is looked
            # for ("%(name)s (%(kind)s)" could be any text in any language).
            if sum(len(re.findall(r"[A-Za-z]", part)) for part in literals) < 3:
                continue
            pattern = message_pattern(text)
            if french and pattern.fullmatch(PLACEHOLDER.sub("1", without_markup(french))):
                continue  # the French reads the same once filled in
            messages.patterns.append((pattern, max(literals, key=len).strip(), english))
    return messages


def post_order(element):
    """The element's descendants and then itself, children before their parents and in
    the page's order otherwise: a text is first met at the innermost element showing it."""
    for child in element:
        if isinstance(child.tag, str):  # not a comment
            yield from post_order(child)
    yield element


def element_texts(document, left_out=frozenset()) -> dict:
    """Each element's visible text, without the parts inside an element marked as being in
    another language than its own, nor those of elements with a class in ``left_out``
    (in post_order)."""
    texts = {}
    for element in post_order(document):
        if element.tag in NOT_SHOWN or not isinstance(element.tag, str):
            texts[element] = ""
            continue
        own_language = language_of(element)
        parts = [element.text or ""]
        for child in element:
            # The <head>'s <title> is no part of what the page's body says.
            if (
                child.tag != "head"
                and language_of(child) == own_language
                and not left_out & set((child.get("class") or "").split())
            ):
                parts.append(texts[child])
            parts.append(child.tail or "")
        texts[element] = normalised("".join(parts))
    return texts


def where(element) -> str:
    """A short path to an element, as a developer looks for it: "main > ul.list > li"."""
    steps = []
    for holder in (element, *element.iterancestors()):
        if holder.tag in ("body", "html"):
            break
        label = holder.tag
        if holder.get("id"):
            label += f"#{holder.get('id')}"
        elif holder.get("class"):
            label += "." + ".".join(holder.get("class").split()[:2])
        steps.append(label)
        if len(steps) == 4:
            break
    return " > ".join(reversed(steps))


def shown_strings(document):
    """(text, where) for every text a French reader is given as French: elements' texts,
    each text node, and the attributes they read or hear."""
    texts = element_texts(document)
    for element, text in texts.items():
        if language_of(element) != "fr":
            continue
        if text:
            yield text, where(element)
            nodes = [element.text] + [child.tail for child in element]
            for node in map(normalised, filter(None, nodes)):
                if node != text:
                    yield node, where(element)
            if element.tag == "title":
                for part in text.split(TITLE_SEPARATOR):
                    yield part, "title"
        attributes = [
            name
            for name, value in element.attrib.items()
            if name.startswith("data-") and not KEY.fullmatch(value)
        ]
        attributes += list(READ_ATTRIBUTES)
        if element.tag == "input" and element.get("type") in ("submit", "button", "reset"):
            attributes.append("value")
        if element.tag == "meta" and element.get("name") == "description":
            attributes.append("content")
        for name in attributes:
            value = normalised(element.get(name) or "")
            if value:
                yield value, f"{where(element)}[{name}]"


def english_interface_strings(page_html: str, names: frozenset = frozenset()) -> dict[str, str]:
    """{English message id: where} for each interface string the page shows in English.
    ``names`` are texts from the database that happen to read as a message (a city called
    "London", a tag "language"): content, not interface."""
    messages = english_messages()
    found = {}
    for text, place in shown_strings(lxml.html.document_fromstring(page_html)):
        # A long text (a story, a whole list) is no message; read its parts instead.
        if len(text) > 2 * messages.longest or text in names:
            continue
        msgid = messages.find(text)
        if msgid is not None:
            found.setdefault(msgid, place)
    return found


def unmarked_english_content(page_html: str, english: set[str]) -> dict[str, str]:
    """{English text from the database: where} for content in English shown on the French
    page outside an element marked lang="en"."""
    found = {}
    body = lxml.html.document_fromstring(page_html).body
    # A story, body or description as its editor wrote it (class "prose"): a title it
    # quotes in English is the writer's choice, not a fallback of the page.
    texts = element_texts(body, left_out={"prose"})
    # Children come first (post_order): a text is reported where it is innermost.
    for element, text in texts.items():
        if not text or language_of(element) != "fr" or in_rich_text(element):
            continue
        for content in english:
            if content in found:
                continue
            # A short text (a theme's name) must be the element's whole text to be it; a
            # title or a summary is recognised within a longer text too.
            long_enough = len(content.split()) >= 3
            if text == content or (long_enough and content in text):
                found[content] = where(element)
    return found


def in_rich_text(element) -> bool:
    """In an element of class "prose" (see unmarked_english_content)."""
    holders = (element, *element.iterancestors())
    return any("prose" in (holder.get("class") or "").split() for holder in holders)


def database_names() -> frozenset:
    """Names that are the same in every language: cities, tags, organisations, people."""
    names = set()
    for model in (City, Tag, Organisation, Person, Series):
        names |= {normalised(name) for name in model.objects.values_list("name", flat=True)}
    return frozenset(names)


def english_only_content() -> set[str]:
    """The titles, names and summaries that have no French text yet, and the titles of
    E-Library editions in English: shown on French pages, each is English."""
    texts = set()
    for model in (GoodIdea, Event, Post, Collection, Theme, Country):
        fields = translated_fields(model) & {"title", "name", "summary", "tagline"}
        for field_name in fields:
            columns = (f"{field_name}_en", f"{field_name}_fr")
            for english, french in model.objects.values_list(*columns):
                if english and not french:
                    texts.add(normalised(english))
    texts |= {
        normalised(title)
        for title in Resource.objects.exclude(language="fr").values_list("title", flat=True)
    }
    return {text for text in texts if text}


@dataclass
class FrenchSite:
    html: dict[str, str] = field(default_factory=dict)
    content_language: dict[str, str] = field(default_factory=dict)
    addresses: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    english_content: set[str] = field(default_factory=set)
    names: frozenset = frozenset()
    # The English home page, read by the same check.
    english_home: str = ""
    search_sections: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def french_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loads the demo content and renders every French page once. The rows it writes are
    committed; the flush that ends the first test (a transactional one, as every test
    here) removes them."""
    site = FrenchSite()
    test_settings = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    )
    with django_db_blocker.unblock(), test_settings:
        call_command("load_demo", stdout=io.StringIO())
        demo = pick_demo_content()
        client = Client()
        for name in FRENCH_PAGES:
            page = PAGES_BY_NAME[name]
            path, posts_to = page.address(demo), page.form_address(demo)
            site.addresses[name] = (path, posts_to)
            response = client.post(posts_to, {}) if posts_to else client.get(path)
            assert response.status_code == page.status, (
                f"{name}: {posts_to or path} answered {response.status_code}, not {page.status}"
            )
            site.html[name] = response.content.decode()
            site.content_language[name] = response.get("Content-Language", "")
            if name.startswith("search-"):
                site.search_sections[name] = len(response.context["search"].sections)
        site.english_home = client.get("/en/").content.decode()
        site.english_content = english_only_content()
        site.names = database_names()
    return site


def test_every_public_page_type_is_rendered_in_french(french_site):
    unchecked = unchecked_pages(french_site.addresses)
    assert not unchecked["fr"], f"add these pages to PAGES (tests/public_pages.py): {unchecked}"


@pytest.mark.parametrize("name", FRENCH_PAGES)
def test_a_french_page_shows_no_english_interface_string(french_site, name):
    page_html = french_site.html[name]
    assert french_site.content_language[name] == "fr"
    assert lxml.html.document_fromstring(page_html).get("lang") == "fr"
    found = english_interface_strings(page_html, french_site.names)
    assert not found, f"{name} ({french_site.addresses[name][0]}) shows in English:\n" + "\n".join(
        f"  {msgid!r} at {place}" for msgid, place in sorted(found.items())
    )


@pytest.mark.parametrize("name", FRENCH_PAGES)
def test_english_content_on_a_french_page_is_marked_as_english(french_site, name):
    found = unmarked_english_content(french_site.html[name], french_site.english_content)
    assert not found, (
        f"{name} ({french_site.addresses[name][0]}) shows English content not inside "
        'lang="en":\n' + "\n".join(f"  {text!r} at {place}" for text, place in found.items())
    )


def test_the_check_reads_the_pages_it_is_given(french_site):
    """The same check on the English home page finds the interface's English: the header,
    the search field, the footer. (It cannot pass by reading nothing.)"""
    found = english_interface_strings(french_site.english_home.replace('lang="en"', 'lang="fr"'))
    assert {"Skip to main content", "Search the portal", "Privacy notice"} <= set(found)
    assert len(found) >= 20


def test_the_french_searches_find_something_and_nothing(french_site):
    """The pages looked at are the ones they are meant to be: a French search that finds
    results, and one that finds nothing."""
    assert french_site.search_sections["search-results-fr"] > 0
    assert french_site.search_sections["search-no-results-fr"] == 0


def test_the_french_pages_show_english_content_to_look_for(french_site):
    """The demo keeps at least one idea without French text (pick_demo_content), so the
    check of English content has something to find, and finds it marked."""
    page_html = french_site.html["idea-english-only-fr"]
    shown = [text for text in french_site.english_content if text in html.unescape(page_html)]
    assert shown, "the English-only idea's page shows none of its English text"


# -- the check sees failures --------------------------------------------------------------


def a_page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body>{body}</body></html>'


def test_the_check_finds_english_messages_in_text_and_attributes_but_not_inside_lang_en():
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE))}
    skip, copied = catalogue["Skip to main content"], catalogue["Link copied"]
    privacy = catalogue["Privacy notice"]
    posts = catalogue["%(count)s post"]
    for entry in (skip, copied, privacy):
        assert entry.msgstr not in ("", entry.msgid)
    assert posts.msgid_plural == "%(count)s posts"
    assert catalogue["city"].msgstr != "city"
    found = english_interface_strings(
        a_page(
            '<p><a href="#main">Skip   to main\ncontent</a></p>'
            '<p class="count">12 posts</p>'
            '<p class="node">Privacy notice <a href="/fr/privacy/">ici</a></p>'
            '<button data-copied="Link copied" data-facet="city">Copier</button>'
            '<input type="search" placeholder="Skip to main content">'
            '<p lang="en">Skip to main content</p>'
            '<p><span lang="en">3 posts</span> <span class="lang-note">(en anglais)</span></p>'
            f"<p>{skip.msgstr}</p><p>{copied.msgstr}</p>"
            '<script>const label = "Skip to main content";</script>'
            # A tag "welcoming posts" is a name, not "%(count)s posts" filled in.
            '<a class="tag">welcoming posts</a><a class="tag">London</a>'
        ),
        names=frozenset({"London"}),
    )
    assert found == {
        "Skip to main content": "p > a",
        "%(count)s posts": "p.count",
        "Privacy notice": "p.node",
        "Link copied": "button[data-copied]",
    }


def test_the_check_finds_english_content_outside_lang_en():
    english = {"Welcome centre for newcomers", "Live", "The municipal role in immigration"}
    found = unmarked_english_content(
        a_page(
            '<h1><span lang="en">Welcome centre for newcomers</span></h1>'
            "<ul><li><a>Welcome centre for newcomers (2019)</a></li><li>Live</li>"
            "<li>Liverpool</li></ul>"
            '<div class="prose"><p>Le rapport <em>The municipal role in immigration</em>.</p></div>'
        ),
        english,
    )
    assert found == {"Welcome centre for newcomers": "ul > li > a", "Live": "ul > li"}
