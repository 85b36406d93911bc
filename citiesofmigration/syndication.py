"""What every feed of published items says about one item, written once.

Titles are plain text and summaries are read as HTML by feed readers, so each value goes
through :mod:`citiesofmigration.escaping` for its element. Feeds of ``Publishable``
items with a ``summary`` inherit this and declare only their channel and their items."""

from django.contrib.syndication.views import Feed

from citiesofmigration.escaping import feed_html, feed_text

FEED_SIZE = 20


class PublishedItemsFeed(Feed):
    """Each feed exists once per language, under /en/ and /fr/ (issue 11): its title,
    description and items in that language (an item's title and summary fall back to
    English when it has no translation), its links to that language's pages, and its
    ``<language>`` element saying which one (Django's: the active language)."""

    def item_title(self, item):
        return feed_text(item.title)

    def item_description(self, item):
        return feed_html(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # A post published after its last edit was last "updated" when it appeared.
        return max(item.updated_at, item.published_at)
