"""One tag across every section: ``/tags/`` lists the tags that published content uses,
with counts per section, and ``/tags/<slug>/`` shows what each section holds under one
tag, with a "see all" link to that section's list filtered by the same ``?tag=``.

The sections are declared once here (:data:`TAGGED_KINDS`), each with the queryset its
own list page shows, so the counts here are what the "see all" link finds. The content
apps are reached through the app registry, as the core does elsewhere, so the core does
not import them when it loads.
"""

import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_safe
from taggit.models import Tag

from citiesofmigration.facets import SLUG_VALUE, TagFacet
from citiesofmigration.related import Section
from citiesofmigration.search import clean_query

SECTION_SIZE = 6


def _published(model_label):
    return apps.get_model(model_label).objects.published()


def _ideas():
    return _published("goodideas.GoodIdea")


def _resources():
    return _published("elibrary.Resource")


def _one_per_work(resources):
    # As the E-Library list: tagged versions first, then one per work (not every
    # language version), so that the count is what "see all" finds.
    return resources.one_per_work()


def _upcoming_events():
    return _published("events.Event").upcoming()  # as the upcoming list: cancelled shown


def _past_events():
    return _published("events.Event").past().not_cancelled()  # as the archive


def _posts():
    return _published("blog.Post")


@dataclass(frozen=True)
class TaggedKind:
    """One section of a tag's page: what it lists, in which order, and where "see all"
    leads. ``count_label`` is an ``ngettext_lazy`` plural with a ``count`` placeholder,
    for "3 Good Ideas"."""

    key: str
    title: object
    published: object  # () -> the queryset the section's list page shows
    newest_first: tuple
    list_url_name: str
    see_all_label: object
    item_template: str
    item_name: str
    count_label: object
    # Applied after the tag filter (the E-Library's one row per work).
    narrow: object = None
    # What one counted item is, in the index's grouped counts.
    counted: object = field(default_factory=lambda: Count("pk"))

    def tagged(self, slug):
        # The same filter as the list pages' tag facet, so both find the same items.
        tagged = TagFacet().filter(self.published(), [slug])
        return self.narrow(tagged) if self.narrow else tagged

    def cards(self, queryset):
        return queryset.for_cards().order_by(*self.newest_first, "pk")

    def list_url(self, slug):
        return f"{reverse(self.list_url_name)}?{urlencode({'tag': slug})}"

    def describe_count(self, count):
        return self.count_label % {"count": count}


TAGGED_KINDS = [
    TaggedKind(
        key="ideas",
        title=_("Good Ideas"),
        published=_ideas,
        newest_first=("-published_at",),
        list_url_name="goodideas:list",
        see_all_label=_("See all in Good Ideas"),
        item_template="goodideas/_card.html",
        item_name="idea",
        count_label=ngettext_lazy("%(count)s Good Idea", "%(count)s Good Ideas", "count"),
    ),
    TaggedKind(
        key="resources",
        title=_("E-Library"),
        published=_resources,
        newest_first=(F("year").desc(), F("month").desc(nulls_last=True), "title"),
        list_url_name="elibrary:list",
        see_all_label=_("See all in the E-Library"),
        item_template="elibrary/_card.html",
        item_name="resource",
        count_label=ngettext_lazy("%(count)s resource", "%(count)s resources", "count"),
        narrow=_one_per_work,
        # Language versions of one work count once, as the list shows them.
        counted=Count(Coalesce("translation_of_id", "id"), distinct=True),
    ),
    TaggedKind(
        key="upcoming_events",
        title=_("Upcoming events"),
        published=_upcoming_events,
        newest_first=("start",),  # soonest first, as the upcoming list
        list_url_name="events:list",
        see_all_label=_("See all in the Learning Exchange"),
        item_template="events/_card.html",
        item_name="event",
        count_label=ngettext_lazy("%(count)s upcoming event", "%(count)s upcoming events", "count"),
    ),
    TaggedKind(
        key="past_events",
        title=_("Past events"),
        published=_past_events,
        newest_first=("-start",),
        list_url_name="events:archive",
        see_all_label=_("See all in the archive of past events"),
        item_template="events/_card.html",
        item_name="event",
        count_label=ngettext_lazy("%(count)s past event", "%(count)s past events", "count"),
    ),
    TaggedKind(
        key="posts",
        title=_("Conversations on Integration"),
        published=_posts,
        newest_first=("-published_at",),
        list_url_name="blog:list",
        see_all_label=_("See all in Conversations"),
        item_template="blog/_card.html",
        item_name="post",
        count_label=ngettext_lazy("%(count)s post", "%(count)s posts", "count"),
    ),
]


@dataclass
class TagUse:
    """A tag on the index page, with how many published items each section holds."""

    slug: str
    name: str
    counts: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def summary(self):
        return [
            kind.describe_count(self.counts[kind.key])
            for kind in TAGGED_KINDS
            if self.counts.get(kind.key)
        ]


def _folded(text):
    """Case- and accent-insensitive form, for sorting and finding tag names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tags_in_use():
    """Every tag that published content carries, alphabetical: one grouped query per
    section, whatever the number of tags or items. Drafts are never counted."""
    uses = {}
    for kind in TAGGED_KINDS:
        rows = (
            kind.published()
            .order_by()
            .filter(tags__isnull=False)
            .values_list("tags__slug", "tags__name")
            .annotate(count=kind.counted)
        )
        for slug, name, count in rows:
            uses.setdefault(slug, TagUse(slug, name)).counts[kind.key] = count
    return sorted(uses.values(), key=lambda use: (_folded(use.name), use.slug))


def tagged_sections(tag):
    """The sections of a tag's page that hold something, with their "see all" links: two
    queries per section (the count and the cards) plus the cards' fixed prefetches."""
    sections = []
    for kind in TAGGED_KINDS:
        tagged = kind.tagged(tag.slug)
        count = tagged.count()
        if not count:
            continue
        sections.append(
            Section(
                title=kind.title,
                items=list(kind.cards(tagged)[:SECTION_SIZE]),
                item_template=kind.item_template,
                item_name=kind.item_name,
                more_url=kind.list_url(tag.slug),
                more_label=kind.see_all_label,
                extra={"key": kind.key, "count": count, "summary": kind.describe_count(count)},
            )
        )
    return sections


def tag_by_slug(slug):
    """The tag with this slug, or None. A slug of the wrong shape (a NUL byte, which
    PostgreSQL refuses in text, or 5,000 characters) is simply no tag: a 404, never a 500."""
    if not SLUG_VALUE.match(slug):
        return None
    return Tag.objects.filter(slug=slug).first()


@require_safe
def tag_index(request):
    query = clean_query(request.GET.get("q"))[:100]
    uses = tags_in_use()
    shown = [use for use in uses if _folded(query) in _folded(use.name)] if query else uses
    context = {"query": query, "tags": shown, "total": len(uses)}
    return render(request, "pages/tag_index.html", context)


@require_safe
def tag_detail(request, slug):
    tag = tag_by_slug(slug)
    sections = tagged_sections(tag) if tag else []
    if not sections:
        raise Http404  # unknown, or carried only by drafts and scheduled items
    context = {"tag": tag, "sections": sections}
    return render(request, "pages/tag_detail.html", context)
