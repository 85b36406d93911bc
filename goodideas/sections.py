from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from citiesofmigration.publication import by_title
from citiesofmigration.related import Section, Tally
from citiesofmigration.sitesearch import RESULTS_PER_SECTION
from goodideas.models import GoodIdea

SECTION_SIZE = 12

# Counted on the /themes/ and /cities/ indexes and on a city's page.
good_ideas_tally = Tally(
    key="ideas",
    label=ngettext_lazy("%(count)s Good Idea", "%(count)s Good Ideas", "count"),
    published=lambda: GoodIdea.objects.published(),
)


def good_ideas_section(*, theme=None, city=None):
    """The Good Ideas shown on the home page, a theme's page or a city's page."""
    ideas = GoodIdea.objects.published().about(theme=theme, city=city).for_cards()
    if theme is None and city is None:  # the home page: the latest
        return Section(
            title=_("Latest Good Ideas"),
            items=list(ideas.order_by("-published_at")[:6]),
            item_template="goodideas/_card.html",
            item_name="idea",
            more_url=reverse("goodideas:list"),
            more_label=_("Browse all Good Ideas"),
        )
    params = {"theme": theme.slug} if theme else {"city": city.slug}
    return Section(
        title=_("Good Ideas"),
        items=list(ideas.order_by(*by_title())[:SECTION_SIZE]),
        item_template="goodideas/_card.html",
        item_name="idea",
        more_url=f"{reverse('goodideas:list')}?{urlencode(params)}",
        more_label=_("Browse and filter all of them"),
    )


def good_ideas_search(query):
    """The best Good Ideas for a site-wide search, found as the list page finds them."""
    from goodideas.filters import GoodIdeaFilterSet

    filterset = GoodIdeaFilterSet({"q": query}, queryset=GoodIdea.objects.published())
    return Section(
        title=_("Good Ideas"),
        items=list(filterset.qs.for_cards()[:RESULTS_PER_SECTION]),
        item_template="goodideas/_card.html",
        item_name="idea",
        more_url=f"{reverse('goodideas:list')}?{urlencode({'q': query})}",
        more_label=_("All matching Good Ideas, with filters"),
        extra={"filterset": filterset},
    )
