"""Collection pages (``/good-ideas/collections/``): each editorial collection with the
description its editors wrote and its published ideas in the order they chose, and an
RSS feed per collection.

A collection shows publicly only once it holds a published idea: until then nothing
reviewed sits in it (as a city named only by a proposal has no page)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from citiesofmigration.escaping import feed_text
from citiesofmigration.facets import paginate
from citiesofmigration.publication import Status, by_title
from citiesofmigration.syndication import FEED_SIZE, PublishedItemsFeed
from goodideas.models import Collection, GoodIdea

IDEAS_PER_PAGE = 24


def public_collections():
    """Collections holding at least one published idea, in the editors' order, each with
    ``idea_count`` (published ideas only): one query however many collections and ideas."""
    published = Q(ideas__status=Status.PUBLISHED, ideas__published_at__lte=timezone.now())
    return (
        Collection.objects.annotate(idea_count=Count("ideas", filter=published))
        .filter(idea_count__gt=0)
        .order_by("position", "name")
    )


def ideas_in_order(collection):
    """The collection's published ideas in the curated order (the membership's position,
    then the title for ideas the editors left at the same place)."""
    return (
        GoodIdea.objects.published()
        .filter(collectionmembership__collection=collection)
        .order_by("collectionmembership__position", *by_title(), "pk")
    )


@require_safe
def collection_index(request):
    return render(
        request, "goodideas/collection_index.html", {"collections": list(public_collections())}
    )


@require_safe
def collection_detail(request, slug):
    collection = get_object_or_404(public_collections(), slug=slug)
    page = paginate(request, ideas_in_order(collection).for_cards(), per_page=IDEAS_PER_PAGE)
    context = {"collection": collection, "page": page}
    return render(request, "goodideas/collection_detail.html", context)


class CollectionFeed(PublishedItemsFeed):
    """RSS 2.0: the collection's ideas, newest first (a reader wants what is new; the
    page keeps the curated order)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug):
        return get_object_or_404(public_collections(), slug=slug)

    def title(self, obj):
        return _("Good Ideas: %(collection)s") % {"collection": feed_text(obj.name)}

    def description(self, obj):
        # The editors' description, as plain text: readers show the channel description
        # as text.
        return feed_text(obj.description) or _("Good Ideas in the collection “%(name)s”.") % {
            "name": feed_text(obj.name)
        }

    def link(self, obj):
        return reverse("goodideas:collection", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        return reverse("goodideas:collection_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        ideas = GoodIdea.objects.published().filter(collectionmembership__collection=obj)
        return list(ideas.order_by("-published_at", "-pk")[:FEED_SIZE])
