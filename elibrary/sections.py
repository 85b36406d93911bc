from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from citiesofmigration.related import Section, Tally
from citiesofmigration.sitesearch import RESULTS_PER_SECTION
from elibrary.models import Resource

SECTION_SIZE = 6

# A work counts once, whatever its language versions (as the sections show one per work).
resources_tally = Tally(
    key="resources",
    label=ngettext_lazy("%(count)s resource", "%(count)s resources", "count"),
    published=lambda: Resource.objects.published(),
    counted=Coalesce("translation_of_id", "id"),
)


def resources_section(*, theme=None, city=None):
    """E-Library resources on the home page, a theme's page or a city's page."""
    resources = Resource.objects.published().about(theme=theme, city=city).for_cards()
    if theme is None and city is None:
        title, more_url = _("New in the E-Library"), reverse("elibrary:list")
    else:
        params = {"theme": theme.slug} if theme else {}
        title = _("From the E-Library")
        more_url = f"{reverse('elibrary:list')}?{urlencode(params)}" if params else ""
    return Section(
        title=title,
        items=list(resources.one_per_work().newest_first()[:SECTION_SIZE]),
        item_template="elibrary/_card.html",
        item_name="resource",
        more_url=more_url,
        more_label=_("Search the E-Library"),
    )


def resources_search(query):
    """The best E-Library matches for a site-wide search, found as the list page finds them."""
    from elibrary.filters import ResourceFilterSet

    filterset = ResourceFilterSet({"q": query}, queryset=Resource.objects.published())
    return Section(
        title=_("E-Library"),
        items=list(filterset.qs.for_cards()[:RESULTS_PER_SECTION]),
        item_template="elibrary/_card.html",
        item_name="resource",
        more_url=f"{reverse('elibrary:list')}?{urlencode({'q': query})}",
        more_label=_("All matching resources, with filters"),
        extra={"filterset": filterset},
    )
