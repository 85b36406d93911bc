"""Every public page type, on the demo content, passes axe-core's WCAG 2.2 AA rules in a
real browser (also at phone width for the lists) and the Nu HTML Checker without an error;
a keyboard user sees where focus is from the skip link to the content; and the same
harness does report a violation and an error when one is planted.

The demo content is loaded and every page checked once for the module (`audit`), so the
whole set costs one demo load, one browser visit per page and one Java start-up; each
page then passes or fails as a test of its own. Run with ``-s`` to see the counts."""

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from blog.models import Post
from elibrary.models import Resource
from events import links
from events.models import Event
from goodideas.collection_pages import public_collections
from goodideas.contact import send_contact_request, takes_contact_requests
from goodideas.models import GoodIdea
from tests.browser.a11y import (
    axe_violations,
    describe_violations,
    describe_vnu_errors,
    vnu_errors,
)
from tests.browser.conftest import plain_static_files
from tests.factories import RegistrationFactory, SubscriberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.accessibility,
    pytest.mark.django_db(transaction=True),
]

PHONE_WIDTH = 390
DESKTOP_WIDTH = 1280


@dataclass(frozen=True)
class PublicPage:
    name: str
    # The address, or how to find it in the demo content (see pick_demo_content).
    path: str | Callable[[SimpleNamespace], str]
    status: int = 200
    # A form's error state: the button a visitor presses on the empty form (in the
    # browser), and where that form posts (for the server's HTML).
    press: str | None = None
    posts_to: Callable[[SimpleNamespace], str] | None = None
    width: int = DESKTOP_WIDTH
    # What a visitor does on the page before it is checked (in the browser only).
    then: Callable | None = None

    def address(self, demo) -> str:
        return self.path(demo) if callable(self.path) else self.path


def url(name):
    """The demo object's public address."""
    return lambda demo: getattr(demo, name).get_absolute_url()


def pick_demo_content() -> SimpleNamespace:
    """One item of every kind from the demo content, and the registrant and subscribers
    whose links the registration and newsletter pages need."""
    idea = GoodIdea.objects.published().order_by("slug").first()
    upcoming = Event.objects.published().upcoming().order_by("start").first()
    # The demo's private contacts have no address; the editors of one know it here, so its
    # page offers the form that relays a message.
    private = GoodIdea.objects.published().filter(contact_is_private=True).order_by("slug")[0]
    private.contact_email = "contact@example.org"
    private.save(update_fields=["contact_email"])
    assert takes_contact_requests(private)
    contact_request = send_contact_request(
        idea=private,
        name="A reader",
        email="reader@example.org",
        message="Could you tell me more about how this started?",
        site_url="http://testserver/",
    )
    pending = SubscriberFactory(pending=True)
    confirmation_token = pending.issue_confirmation_token()
    pending.save()
    return SimpleNamespace(
        idea=idea,
        private_contact_idea=private,
        contact_reply_path=reverse("goodideas:contact_reply", args=[contact_request.reply_token]),
        collection=public_collections().order_by("slug").first(),
        resource=Resource.objects.published().order_by("slug").first(),
        upcoming=upcoming,
        past=Event.objects.published().past().order_by("-start").first(),
        post=Post.objects.published().order_by("-published_at").first(),
        city=idea.cities.order_by("slug").first(),
        theme=idea.themes.order_by("slug").first(),
        tag=idea.tags.order_by("slug").first(),
        manage_path=links.manage_path(RegistrationFactory(event=upcoming)),
        confirmation_token=confirmation_token,
        unsubscribe_token=SubscriberFactory().unsubscribe_token,
    )


def open_the_filters(tab):
    """On a phone the filters wait behind a "Filters (n)" disclosure; wide screens show
    them without it."""
    toggle = tab.locator("summary[data-filter-summary]")
    if toggle.is_visible():
        toggle.click()


def tick_the_first_filter(tab):
    """The results update in place (static/js/filters.js); the check runs on what the
    script put on the page."""
    open_the_filters(tab)
    tab.locator(".listing__facets input[type=checkbox]").first.check()
    tab.wait_for_function("location.search !== ''")  # the address follows the new results
    tab.wait_for_load_state("networkidle")


NEWSLETTER = "/conversations/newsletter/"
PAGES = [
    PublicPage("home", "/"),
    PublicPage("about", "/about/"),
    PublicPage("privacy", "/privacy/"),
    PublicPage("accessibility", "/accessibility/"),
    PublicPage("good-ideas", "/good-ideas/"),
    PublicPage("good-ideas-filtered", lambda demo: f"/good-ideas/?q=city&theme={demo.theme.slug}"),
    PublicPage("good-ideas-did-you-mean", "/good-ideas/?q=Monkton"),
    PublicPage("e-library", "/e-library/"),
    PublicPage("learning-exchange", "/learning-exchange/"),
    PublicPage("learning-exchange-archive", "/learning-exchange/archive/"),
    PublicPage("conversations", "/conversations/"),
    PublicPage("idea", url("idea")),
    PublicPage("resource", url("resource")),
    PublicPage("event-upcoming", url("upcoming")),
    PublicPage("event-past", url("past")),
    PublicPage("post", url("post")),
    PublicPage("themes", "/themes/"),
    PublicPage("theme", url("theme")),
    PublicPage("cities", "/cities/"),
    PublicPage("city", url("city")),
    PublicPage("tags", "/tags/"),
    PublicPage("tag", lambda demo: f"/tags/{demo.tag.slug}/"),
    PublicPage("search-results", "/search/?q=sanctuary"),
    PublicPage("search-did-you-mean", "/search/?q=Monkton"),
    PublicPage("search-no-results", "/search/?q=zzqqxx"),
    PublicPage("proposal-form", "/good-ideas/submit/"),
    PublicPage(
        "proposal-form-errors",
        "/good-ideas/submit/",
        press="Send for review",
        posts_to=lambda demo: "/good-ideas/submit/",
    ),
    PublicPage("proposal-thanks", "/good-ideas/submit/thanks/"),
    PublicPage("collections", "/good-ideas/collections/"),
    PublicPage(
        "collection", lambda demo: reverse("goodideas:collection", args=[demo.collection.slug])
    ),
    PublicPage("idea-private-contact", url("private_contact_idea")),
    PublicPage(
        "contact-request-errors",
        url("private_contact_idea"),
        press="Send to the contact",
        posts_to=lambda demo: f"{demo.private_contact_idea.get_absolute_url()}contact/",
    ),
    PublicPage(
        "contact-request-sent",
        lambda demo: f"{demo.private_contact_idea.get_absolute_url()}contact/sent/",
    ),
    PublicPage("contact-reply", lambda demo: demo.contact_reply_path),
    PublicPage(
        "registration-errors",
        url("upcoming"),
        press="Register",
        posts_to=lambda demo: f"{demo.upcoming.get_absolute_url()}register/",
    ),
    PublicPage(
        "registration-check-your-inbox",
        lambda demo: f"{demo.upcoming.get_absolute_url()}check-your-inbox/",
    ),
    PublicPage("registration-manage", lambda demo: demo.manage_path),
    PublicPage("registration-link-broken", "/learning-exchange/registration/broken/", 404),
    PublicPage(
        "comment-errors",
        url("post"),
        press="Send for moderation",
        posts_to=lambda demo: f"{demo.post.get_absolute_url()}comments/",
    ),
    PublicPage("newsletter", NEWSLETTER),
    PublicPage(
        "newsletter-errors", NEWSLETTER, press="Subscribe", posts_to=lambda demo: NEWSLETTER
    ),
    PublicPage("newsletter-check-your-inbox", f"{NEWSLETTER}check-your-inbox/"),
    PublicPage(
        "newsletter-confirm", lambda demo: f"{NEWSLETTER}confirm/{demo.confirmation_token}/"
    ),
    PublicPage("newsletter-confirmed", f"{NEWSLETTER}confirmed/"),
    PublicPage("newsletter-link-broken", f"{NEWSLETTER}confirm/broken/", 404),
    PublicPage(
        "newsletter-unsubscribe",
        lambda demo: f"{NEWSLETTER}unsubscribe/{demo.unsubscribe_token}/",
    ),
    PublicPage("not-found", "/no-such-page/", 404),
]
# The lists again at phone width, where filters and cards are laid out anew.
PAGES += [
    replace(page, name=f"{page.name}-phone", width=PHONE_WIDTH)
    for page in PAGES
    if page.name in ("good-ideas", "e-library", "learning-exchange", "conversations", "cities")
]
PAGES += [
    PublicPage(
        "good-ideas-phone-filters-open", "/good-ideas/", width=PHONE_WIDTH, then=open_the_filters
    ),
    PublicPage("good-ideas-filter-ticked", "/good-ideas/", then=tick_the_first_filter),
    PublicPage(
        "e-library-phone-filter-ticked",
        "/e-library/",
        width=PHONE_WIDTH,
        then=tick_the_first_filter,
    ),
]
PAGE_NAMES = [page.name for page in PAGES]


# Addresses that answer something other than an HTML page (feeds, calendar files,
# downloads, XML, health checks) or only take a form's POST and redirect.
NOT_HTML_PAGES = {
    "healthz",
    "healthz_worker",
    "personal_data",  # the admin's, behind a login
    "sitemap",
    "robots",
    "tag_feed",
    "blog:feed",
    "blog:atom_feed",
    "blog:tag_feed",
    "blog:tag_atom_feed",
    "blog:theme_feed",
    "blog:theme_atom_feed",
    "elibrary:download",
    "elibrary:cite",
    "events:calendar",
    "events:rss",
    "events:ics",
    "events:slides",
    "events:captions",
    "events:manage_cancel",
    "events:manage_resend",
    "events:manage_ics",
    "goodideas:collection_feed",
}


@dataclass
class Audit:
    # name -> the addresses visited: the page's, and where its form posted (or None)
    addresses: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    violations: dict[str, list[dict]] = field(default_factory=dict)
    html_errors: dict[str, list[dict]] = field(default_factory=dict)


def server_html(client: Client, page: PublicPage, path: str, posts_to: str | None) -> str:
    response = client.post(posts_to, {}) if posts_to else client.get(path)
    assert response.status_code == page.status, (
        f"{page.name}: {posts_to or path} answered {response.status_code}, not {page.status}"
    )
    return response.content.decode()


def browser_violations(browser, base_url: str, page: PublicPage, path: str) -> list[dict]:
    # bypass_csp: Playwright injects axe-core as an inline script, which the site's
    # Content-Security-Policy refuses (as it should anything inline). Only this checking
    # context lifts the policy; tests/browser/test_csp.py checks the pages under it.
    context = browser.new_context(
        base_url=base_url, bypass_csp=True, viewport={"width": page.width, "height": 900}
    )
    try:
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        tab.goto(path)
        if page.press:
            with tab.expect_navigation():
                tab.get_by_role("button", name=page.press, exact=True).click()
        if page.then:
            page.then(tab)
        return axe_violations(tab)
    finally:
        context.close()


@pytest.fixture(scope="module")
def audit(browser, live_server, django_db_setup, django_db_blocker, tmp_path_factory):
    """Loads the demo content, checks every page in the browser and the server's HTML,
    and keeps the findings. The rows it writes are committed; the flush that ends the
    first test (a transactional one, as every test here) removes them."""
    test_settings = override_settings(
        STORAGES=plain_static_files(),
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    )
    result = Audit()
    documents = {}
    # The live server reads the database from its own thread: every browser visit happens
    # while database access is allowed.
    with django_db_blocker.unblock(), test_settings:
        call_command("load_demo", stdout=io.StringIO())
        demo = pick_demo_content()
        client = Client()
        for page in PAGES:
            path = page.address(demo)
            posts_to = page.posts_to(demo) if page.posts_to else None
            result.addresses[page.name] = (path, posts_to)
            if page.width == DESKTOP_WIDTH and not page.then:  # the server's HTML, once
                documents[page.name] = server_html(client, page, path, posts_to)
            result.violations[page.name] = browser_violations(browser, live_server.url, page, path)
    result.html_errors = vnu_errors(documents, tmp_path_factory.mktemp("vnu"))
    print(
        f"\nAccessibility: {len(PAGES)} page checks in the browser, {len(documents)} distinct "
        f"pages; axe violations {sum(map(len, result.violations.values()))}, "
        f"vnu errors {sum(map(len, result.html_errors.values()))}\n"
        f"Pages: {', '.join(PAGE_NAMES)}"
    )
    return result


def route_names(resolver=None, namespace="") -> set[str]:
    """Every named URL pattern outside /admin/, as "namespace:name"."""
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= route_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


def view_name(path: str) -> str | None:
    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return None  # the not-found page


def test_every_public_page_type_is_checked(audit):
    """A new page (a new URL pattern) fails here until it is added to PAGES."""
    checked = {
        view_name(address)
        for path, posts_to in audit.addresses.values()
        for address in (path, posts_to)
        if address
    }
    unchecked = route_names() - checked - NOT_HTML_PAGES
    assert not unchecked, f"add these pages to PAGES: {sorted(unchecked)}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_axe_finds_no_wcag_22_aa_violation(audit, name):
    violations = audit.violations[name]
    assert not violations, f"{name}:\n{describe_violations(violations)}"


@pytest.mark.parametrize(
    "name", [page.name for page in PAGES if page.width == DESKTOP_WIDTH and not page.then]
)
def test_the_nu_html_checker_finds_no_error(audit, name):
    errors = audit.html_errors[name]
    assert not errors, f"{name}:\n{describe_vnu_errors(errors)}"


# -- the harness sees failures ------------------------------------------------------------


def test_axe_reports_a_missing_text_alternative_and_a_wcag_22_target_too_small(
    browser, live_server
):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.goto("/about/")
    # An image without alt (WCAG 1.1.1) and two tiny links side by side (2.5.8, new in 2.2).
    page.evaluate(
        """() => {
            const main = document.querySelector("main");
            main.insertAdjacentHTML("beforeend",
                '<img src="/static/img/favicon.svg">' +
                '<p class="tiny"><a href="#one">1</a><a href="#two">2</a></p>');
        }"""
    )
    page.add_style_tag(
        content=".tiny a { font-size: 8px; line-height: 8px; display: inline-block; }"
    )
    violations = axe_violations(page)
    context.close()
    assert sorted(violation["id"] for violation in violations) == ["image-alt", "target-size"]
    # The failure names each element, as a developer needs it to find them.
    assert 'at a[href$="#one"]' in describe_violations(violations)


def test_the_nu_html_checker_reports_a_duplicate_id(tmp_path):
    valid = "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>{}</body></html>"
    errors = vnu_errors(
        {
            "duplicate": valid.format("<p id='a'>one</p><p id='a'>two</p>"),
            "clean": valid.format("<p id='a'>one</p>"),
        },
        tmp_path,
    )
    assert errors["clean"] == []
    assert [error["message"] for error in errors["duplicate"]] == ["Duplicate ID “a”."]


# -- the keyboard path --------------------------------------------------------------------


def focus_ring(page) -> dict:
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {
                tag: element.tagName.toLowerCase(),
                text: (element.innerText || element.value || element.name || "").trim(),
                inHeader: Boolean(element.closest("header")),
                inMain: Boolean(element.closest("main")),
                outline: `${style.outlineStyle} ${style.outlineWidth}`,
                visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
            };
        }"""
    )


def test_a_keyboard_user_tabs_from_the_skip_link_through_the_header_to_the_content(page, themes):
    page.goto("/")
    page.keyboard.press("Tab")
    stops = [focus_ring(page)]
    assert stops[0]["text"] == "Skip to main content"
    for _ in range(30):
        page.keyboard.press("Tab")
        stops.append(focus_ring(page))
        if stops[-1]["inMain"]:
            break
    header = [stop for stop in stops[1:] if stop["inHeader"]]
    # The brand, the sections, the search field and its button, in that order, then main.
    assert [stop["text"] for stop in header][:1] == ["Cities of Migration"]
    assert [stop["tag"] for stop in header][-2:] == ["input", "button"]
    assert stops[-1]["inMain"], f"focus never reached the content: {stops}"
    assert all(stop["inHeader"] for stop in stops[1:-1])
    hidden = [stop for stop in stops if not stop["visible"]]
    assert not hidden, f"no visible focus outline on {hidden}"
