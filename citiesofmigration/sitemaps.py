"""/sitemap.xml and /robots.txt (issue 10).

The sitemap lists every page the public can open: each section's published items (past
events included: they are the archive), the list and index pages, the themes, the cities
that have a page, and the fixed pages. Nothing in draft, review or scheduled for later,
because each section's items come from its ``published()`` QuerySet.

Content models are looked up by label, so the core does not import the content apps (as in
``related``) and a section that is not installed is simply left out.
"""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from citiesofmigration.models import City, Theme

# Named pages without an object. Index pages other features add (/cities/, /themes/,
# /tags/) appear as soon as their URL name exists.
STATIC_URL_NAMES = [
    "home",
    "about",
    "privacy",
    "accessibility",
    "cities",
    "themes",
    "tags",
    "goodideas:list",
    "goodideas:collections",
    "elibrary:list",
    "events:list",
    "events:archive",
    "blog:list",
]

# Each section's published items: (app label, model name).
PUBLISHED_MODELS = [
    ("goodideas", "GoodIdea"),
    ("elibrary", "Resource"),
    ("events", "Event"),
    ("blog", "Post"),
]


class BilingualSitemap(Sitemap):
    """Every address once per language, each with its hreflang alternates (issue 11)."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        names = []
        for name in STATIC_URL_NAMES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            names.append(name)
        return names

    def location(self, item):
        return reverse(item)


class PublishedSitemap(BilingualSitemap):
    """The published items of one model, newest change first."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return getattr(item, "updated_at", None) or item.published_at


class ThemeSitemap(BilingualSitemap):
    def items(self):
        return Theme.objects.order_by("position")


class CitySitemap(BilingualSitemap):
    """The cities with a page: those that something published names (the city page's
    own rule, ``City.objects.named_by_published_content``), in one query."""

    def items(self):
        return City.objects.named_by_published_content().order_by("slug")


class TagSitemap(BilingualSitemap):
    """Tags that published content carries (the tag page answers 404 for the others)."""

    def items(self):
        from citiesofmigration.tags import tags_in_use

        return [use.slug for use in tags_in_use()]

    def location(self, item):
        return reverse("tag", kwargs={"slug": item})


class CollectionSitemap(BilingualSitemap):
    """Collections holding at least one published idea (those with a page)."""

    def items(self):
        from goodideas.collection_pages import public_collections

        return [collection.slug for collection in public_collections()]

    def location(self, item):
        return reverse("goodideas:collection", kwargs={"slug": item})


def _has_url(name):
    try:
        reverse(name, kwargs={"slug": "x"})
    except NoReverseMatch:
        return False
    return True


def _published_models():
    for app_label, model_name in PUBLISHED_MODELS:
        if not apps.is_installed(app_label):
            continue
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if hasattr(model.objects, "published") and hasattr(model, "get_absolute_url"):
            yield model


def sitemaps():
    """The sections of /sitemap.xml (a section appears when its app and pages exist).
    Called lazily, from the view, so that every URL pattern is known by then."""
    sections = {"pages": StaticPagesSitemap(), "themes": ThemeSitemap(), "cities": CitySitemap()}
    for model in _published_models():
        sections[model._meta.label_lower] = PublishedSitemap(model)
    if _has_url("tag"):
        sections["tags"] = TagSitemap()
    if apps.is_installed("goodideas") and _has_url("goodideas:collection"):
        sections["collections"] = CollectionSitemap()
    return sections


@require_safe
def sitemap(request):
    return sitemap_view(request, sitemaps=sitemaps())


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # One person's registration page: private, never to be crawled.
        "Disallow: /learning-exchange/registration/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
