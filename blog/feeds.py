"""RSS 2.0 and Atom feeds of published posts: all of them, one tag's, one theme's. A
scheduled post enters the feeds when its publication date comes.

Titles, names and summaries are plain text; readers render an item's description as
HTML, so every value goes through :mod:`citiesofmigration.escaping` for its element."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from blog.models import Post
from citiesofmigration.escaping import feed_text
from citiesofmigration.models import Theme
from citiesofmigration.syndication import FEED_SIZE, PublishedItemsFeed


class LatestPostsFeed(PublishedItemsFeed):
    feed_type = Rss201rev2Feed
    title = _("Conversations on Integration · Cities of Migration")
    description = _(
        "News from the field, opinion, interviews and blog posts about welcoming and "
        "integrating migrants in cities."
    )

    def link(self, obj=None):
        return reverse("blog:list")

    def posts(self, obj):
        return Post.objects.published()

    def items(self, obj=None):
        return list(
            self.posts(obj)
            .newest_first()
            .with_authors()
            .prefetch_related("themes", "tags")[:FEED_SIZE]
        )

    def item_author_name(self, item):
        return feed_text(item.author_names) or None

    def item_categories(self, item):
        names = [theme.name for theme in item.themes.all()] + [tag.name for tag in item.tags.all()]
        return [feed_text(name) for name in names]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description


class TagFeed(LatestPostsFeed):
    """Posts with one tag. A tag that no published post carries has no feed."""

    def get_object(self, request, slug):
        return get_object_or_404(
            Tag.objects.filter(pk__in=Post.objects.published().values("tags")), slug=slug
        )

    def title(self, obj):
        return _("Conversations on Integration: %(tag)s") % {"tag": feed_text(obj.name)}

    def description(self, obj):
        return _("Posts tagged “%(tag)s” on Cities of Migration.") % {"tag": feed_text(obj.name)}

    subtitle = description

    def link(self, obj):
        return f"{reverse('blog:list')}?{urlencode({'tag': obj.slug})}"

    def posts(self, obj):
        return Post.objects.published().tagged(obj)


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed


class ThemeFeed(LatestPostsFeed):
    """Posts under one of the five themes."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj):
        return _("Conversations on Integration: %(theme)s") % {"theme": obj.name}

    def description(self, obj):
        return _("Posts under the theme “%(theme)s” on Cities of Migration.") % {"theme": obj.name}

    subtitle = description

    def link(self, obj):
        return f"{reverse('blog:list')}?{urlencode({'theme': obj.slug})}"

    def posts(self, obj):
        return Post.objects.published().about(theme=obj)


class ThemeAtomFeed(ThemeFeed):
    feed_type = Atom1Feed
