from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from blog.models import Post
from citiesofmigration.related import Section, Tally
from citiesofmigration.sitesearch import RESULTS_PER_SECTION

HOME_SIZE = 3
SECTION_SIZE = 6

posts_tally = Tally(
    key="posts",
    label=ngettext_lazy("%(count)s post", "%(count)s posts", "count"),
    published=lambda: Post.objects.published(),
)


def latest_posts_section(*, theme=None, city=None):
    """The latest posts on the home page, a theme's page or a city's page."""
    posts = Post.objects.published().about(theme=theme, city=city).for_cards().newest_first()
    if theme is None and city is None:
        return Section(
            title=_("Latest from Conversations on Integration"),
            items=list(posts[:HOME_SIZE]),
            item_template="blog/_card.html",
            item_name="post",
            more_url=reverse("blog:list"),
            more_label=_("Read all conversations"),
        )
    # The list page has no city filter; a city's page links to nothing more.
    more_url = f"{reverse('blog:list')}?{urlencode({'theme': theme.slug})}" if theme else ""
    return Section(
        title=_("Conversations on Integration"),
        items=list(posts[:SECTION_SIZE]),
        item_template="blog/_card.html",
        item_name="post",
        more_url=more_url,
        more_label=_("Read all conversations"),
    )


def posts_search(query):
    """The best posts for a site-wide search, found as the list page finds them."""
    from blog.filters import PostFilterSet

    filterset = PostFilterSet({"q": query}, queryset=Post.objects.published())
    return Section(
        title=_("Conversations on Integration"),
        items=list(filterset.qs.for_cards()[:RESULTS_PER_SECTION]),
        item_template="blog/_card.html",
        item_name="post",
        more_url=f"{reverse('blog:list')}?{urlencode({'q': query})}",
        more_label=_("All matching posts, with filters"),
        extra={"filterset": filterset},
    )
