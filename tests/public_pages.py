"""Every public page type, in English (/en/) and in French (/fr/), on the demo content:
the list that the accessibility checks (tests/browser/test_accessibility.py) and the French
interface check (tests/core/test_french_pages.py) walk, and the walk of the URL patterns
that fails when a new page is missing from it."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from types import SimpleNamespace

from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.translation import get_language_from_path, gettext, override

from blog.models import Post
from citiesofmigration.i18n import translated_fields
from elibrary.models import Resource
from events import links
from events.models import Event
from goodideas.collection_pages import public_collections
from goodideas.contact import send_contact_request, takes_contact_requests
from goodideas.models import GoodIdea
from tests.factories import RegistrationFactory, SubscriberFactory

PHONE_WIDTH = 390
DESKTOP_WIDTH = 1280
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def in_language(path: str, language: str) -> str:
    """The same address under another language's prefix (/en/about/ -> /fr/about/)."""
    current = get_language_from_path(path)
    if current is None or current == language:
        return path
    return f"/{language}/{path.removeprefix(f'/{current}/')}"


@dataclass(frozen=True)
class PublicPage:
    name: str
    # The address, or how to find it in the demo content (see pick_demo_content).
    path: str | Callable[[SimpleNamespace], str]
    status: int = 200
    # A form's error state: the button a visitor presses on the empty form (in the
    # browser; its English label, translated for the page's language), and where that
    # form posts (for the server's HTML).
    press: str | None = None
    posts_to: Callable[[SimpleNamespace], str] | None = None
    width: int = DESKTOP_WIDTH
    # What a visitor does on the page before it is checked (in the browser only).
    then: Callable | None = None
    language: str = "en"
    # The French page's address when it is not the English one under /fr/ (a search in
    # French words).
    french: str | Callable[[SimpleNamespace], str] | None = None

    def address(self, demo) -> str:
        path = self.french if self.language == "fr" and self.french else self.path
        # Under the page's language, items' addresses carry its prefix and its slugs.
        with override(self.language):
            path = path(demo) if callable(path) else path
        return in_language(path, self.language)

    def form_address(self, demo) -> str | None:
        if self.posts_to is None:
            return None
        with override(self.language):
            return in_language(self.posts_to(demo), self.language)

    def button(self) -> str | None:
        """The label of the button to press, as the page shows it in its language."""
        if self.press is None:
            return None
        with override(self.language):
            return gettext(self.press)


def url(name):
    """The demo object's public address."""
    return lambda demo: getattr(demo, name).get_absolute_url()


def pick_demo_content() -> SimpleNamespace:
    """One item of every kind from the demo content, and the registrant and subscribers
    whose links the registration and newsletter pages need."""
    # An idea written in both languages, when the demo has one.
    ideas = GoodIdea.objects.published()
    in_french = ideas.exclude(title_fr=None).exclude(title_fr="")
    idea = (in_french if in_french.exists() else ideas).order_by("slug").first()
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
    # The French pages must also show an idea that has no French text yet: its English
    # text, marked as English. The demo may translate every idea, so one is untranslated.
    english_only = (
        GoodIdea.objects.published().exclude(pk__in=[idea.pk, private.pk]).order_by("-slug")[0]
    )
    GoodIdea.objects.filter(pk=english_only.pk).update(
        **{f"{name}_fr": None for name in translated_fields(GoodIdea)}
    )
    english_only.refresh_from_db()
    pending = SubscriberFactory(pending=True)
    confirmation_token = pending.issue_confirmation_token()
    pending.save()
    return SimpleNamespace(
        idea=idea,
        english_only_idea=english_only,
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


NEWSLETTER = "/en/conversations/newsletter/"
PAGES = [
    PublicPage("home", "/en/"),
    PublicPage("about", "/en/about/"),
    PublicPage("privacy", "/en/privacy/"),
    PublicPage("accessibility", "/en/accessibility/"),
    PublicPage("good-ideas", "/en/good-ideas/"),
    PublicPage(
        "good-ideas-filtered",
        lambda demo: f"{reverse('goodideas:list')}?q=city&theme={demo.theme.slug}",
        french=lambda demo: f"{reverse('goodideas:list')}?q=ville&theme={demo.theme.slug}",
    ),
    PublicPage("good-ideas-did-you-mean", "/en/good-ideas/?q=Monkton"),
    PublicPage("e-library", "/en/e-library/"),
    PublicPage("learning-exchange", "/en/learning-exchange/"),
    PublicPage("learning-exchange-archive", "/en/learning-exchange/archive/"),
    PublicPage("conversations", "/en/conversations/"),
    PublicPage("idea", url("idea")),
    PublicPage("resource", url("resource")),
    PublicPage("event-upcoming", url("upcoming")),
    PublicPage("event-past", url("past")),
    PublicPage("post", url("post")),
    PublicPage("themes", "/en/themes/"),
    PublicPage("theme", url("theme")),
    PublicPage("cities", "/en/cities/"),
    PublicPage("city", url("city")),
    PublicPage("tags", "/en/tags/"),
    PublicPage("tag", lambda demo: reverse("tag", args=[demo.tag.slug])),
    PublicPage("search-results", "/en/search/?q=sanctuary", french="/fr/search/?q=logement"),
    PublicPage("search-did-you-mean", "/en/search/?q=Monkton"),
    PublicPage("search-no-results", "/en/search/?q=zzqqxx"),
    PublicPage("proposal-form", "/en/good-ideas/submit/"),
    PublicPage(
        "proposal-form-errors",
        "/en/good-ideas/submit/",
        press="Send for review",
        posts_to=lambda demo: "/en/good-ideas/submit/",
    ),
    PublicPage("proposal-thanks", "/en/good-ideas/submit/thanks/"),
    PublicPage("collections", "/en/good-ideas/collections/"),
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
    PublicPage("registration-link-broken", "/en/learning-exchange/registration/broken/", 404),
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
    PublicPage("not-found", "/en/no-such-page/", 404),
]
# The lists again at phone width, where filters and cards are laid out anew.
PAGES += [
    replace(page, name=f"{page.name}-phone", width=PHONE_WIDTH)
    for page in PAGES
    if page.name in ("good-ideas", "e-library", "learning-exchange", "conversations", "cities")
]
PAGES += [
    PublicPage(
        "good-ideas-phone-filters-open", "/en/good-ideas/", width=PHONE_WIDTH, then=open_the_filters
    ),
    PublicPage("good-ideas-filter-ticked", "/en/good-ideas/", then=tick_the_first_filter),
    PublicPage(
        "e-library-phone-filter-ticked",
        "/en/e-library/",
        width=PHONE_WIDTH,
        then=tick_the_first_filter,
    ),
]
# Every page again in French, and a French page whose idea has no French text yet.
PAGES += [replace(page, name=f"{page.name}-fr", language="fr") for page in PAGES]
PAGES += [PublicPage("idea-english-only-fr", url("english_only_idea"), language="fr")]
PAGE_NAMES = [page.name for page in PAGES]
PAGES_BY_NAME = {page.name: page for page in PAGES}
SERVER_HTML_PAGES = [page.name for page in PAGES if page.width == DESKTOP_WIDTH and not page.then]


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
    # A language's pages resolve only while that language is active (i18n_patterns).
    with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            return resolve(path.split("?")[0]).view_name
        except Resolver404:
            return None  # the not-found page


def unchecked_pages(addresses: dict[str, tuple[str, str | None]]) -> dict[str, list[str]]:
    """For each language, the public pages (URL pattern names) that none of the visited
    addresses (page name -> its address and where its form posted) shows in it."""
    checked = {code: set() for code in LANGUAGES}
    for name, visited in addresses.items():
        language = PAGES_BY_NAME[name].language
        for address in filter(None, visited):
            assert get_language_from_path(address) == language, f"{name}: {address}"
            checked[language].add(view_name(address))
    return {code: sorted(route_names() - names - NOT_HTML_PAGES) for code, names in checked.items()}
