from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from citiesofmigration.facets import MONTH_VALUE, FacetedFilterSet, FacetFilter, TagFacet
from citiesofmigration.models import City, Country, Organisation, Person
from citiesofmigration.publication import by_title
from events.models import Event, EventKind


class MonthFacetFilter(FacetFilter):
    """A facet over a stored "YYYY-MM" value, labelled "March 2026" and listed in
    calendar order (the shared FacetFilter sorts labels alphabetically)."""

    def __init__(self, field_name, *, label):
        super().__init__(field_name, label=label)
        self.extra["pattern"] = MONTH_VALUE

    def options(self, queryset, selected):
        options = super().options(queryset, selected)
        for option in options:
            option.label = month_label(option.value)
        return sorted(options, key=lambda option: option.value)


def month_label(value: str) -> str:
    if not MONTH_VALUE.match(value):
        return value
    year, month = value.split("-")
    return dateformat.format(date(int(year), int(month), 1), "F Y")


class EventFilterSet(FacetedFilterSet):
    """Upcoming events: kind, theme, city, month and tag."""

    kind = FacetFilter("kind", label=_("Kind of event"), choices=EventKind.choices)
    theme = FacetFilter("themes__slug", label=_("Theme"), label_path="themes__name")
    city = FacetFilter("cities__slug", label=_("City"), label_path="cities__name")
    month = MonthFacetFilter("start_month", label=_("Month"))
    tag = TagFacet()

    sort_orders = {"soonest": ["start"], "title": by_title()}
    sort_labels = {**FacetedFilterSet.sort_labels, "soonest": _("Soonest first")}
    default_sort = "soonest"
    snippet_fields = ("summary", "description")

    # "Did you mean" words: only names the listed (published) events use.
    suggestion_sources = [
        ("cities", City),
        ("cities__country", Country),
        ("tags", Tag),
        ("hosts", Organisation),
        ("people", Person),
    ]

    class Meta:
        model = Event
        fields = []


class ArchiveFilterSet(EventFilterSet):
    """Past events: kind, theme, city, year and tag, with search."""

    month = None
    year = FacetFilter("start_year", label=_("Year"), numeric=True, order="-value")

    sort_orders = {"newest": ["-start"], "oldest": ["start"], "title": by_title()}
    sort_labels = {**FacetedFilterSet.sort_labels, "oldest": _("Oldest first")}
    default_sort = "newest"

    class Meta:
        model = Event
        fields = []
