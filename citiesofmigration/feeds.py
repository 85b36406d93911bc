"""RSS of one tag across every section (``/tags/<slug>/feed/``): the newest published
items under the tag, whichever section holds them.

Titles and summaries are plain text; readers render an item's description as HTML, so
every value goes through :mod:`citiesofmigration.escaping` for its element."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from citiesofmigration.escaping import feed_html, feed_text
from citiesofmigration.tags import TAGGED_KINDS, tag_by_slug

FEED_SIZE = 20


@dataclass
class FeedEntry:
    section: str
    title: str
    summary: str
    link: str
    published_at: datetime
    updated_at: datetime


def _summary(item):
    # Ideas, events and posts have a summary; resources an abstract.
    return getattr(item, "summary", None) or getattr(item, "abstract", "")


def newest_tagged(tag, size=FEED_SIZE):
    """The ``size`` newest items under ``tag`` across the sections: one query per
    section (the newest ``size`` of each), merged by publication date."""
    entries = []
    for kind in TAGGED_KINDS:
        items = kind.tagged(tag.slug).order_by("-published_at", "-pk")[:size]
        entries += [
            FeedEntry(
                section=str(kind.title),
                title=item.title,
                summary=_summary(item),
                link=item.get_absolute_url(),
                published_at=item.published_at,
                updated_at=max(item.updated_at, item.published_at),
            )
            for item in items
        ]
    entries.sort(key=lambda entry: entry.published_at, reverse=True)
    return entries[:size]


class TagFeed(Feed):
    """RSS 2.0. A tag that no published item carries has no feed (404). One per
    language, like every feed (see ``syndication.PublishedItemsFeed``)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug):
        tag = tag_by_slug(slug)
        if tag is None:
            raise Http404
        # Fetched here, once: an empty result means only drafts (or nothing) carry it.
        tag.feed_entries = newest_tagged(tag)
        if not tag.feed_entries:
            raise Http404
        return tag

    def title(self, obj):
        return _("Cities of Migration: tagged “%(tag)s”") % {"tag": feed_text(obj.name)}

    def description(self, obj):
        return _(
            "Good Ideas, resources, events and posts tagged “%(tag)s” on Cities of Migration."
        ) % {"tag": feed_text(obj.name)}

    def link(self, obj):
        return reverse("tag", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        return reverse("tag_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return obj.feed_entries

    def item_title(self, item):
        return feed_text(f"{item.title} ({item.section})")

    def item_description(self, item):
        return feed_html(item.summary)

    def item_link(self, item):
        return item.link

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [feed_text(item.section)]
