from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from citiesofmigration.escaping import feed_html, feed_text
from events import when
from events.models import Event

FEED_SIZE = 50


class UpcomingEventsFeed(Feed):
    """RSS 2.0: the next events, soonest first. No join links, ever."""

    feed_type = Rss201rev2Feed
    title = _("Cities of Migration — Learning Exchange")
    link = reverse_lazy("events:list")
    description = _("Webinars, city-to-city exchanges and conferences on migrant integration.")

    def feed_url(self):
        return reverse("events:rss")

    def items(self):
        return (
            Event.objects.published()
            .upcoming()
            .select_related("venue_city__country")
            .order_by("start", "pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        prefix = _("Cancelled: ") if item.is_cancelled else ""
        return feed_text(f"{prefix}{item.title}")

    def item_description(self, item):
        """Plain text that readers render as HTML: escaped for HTML once, here."""
        parts = [when.describe_with_zone(item), item.place, item.summary]
        return feed_html(" — ".join(str(part) for part in parts if part))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]
