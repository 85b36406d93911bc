from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from blog.models import Kind, Post
from citiesofmigration.facets import (
    MONTH_VALUE,
    FacetedFilterSet,
    FacetFilter,
    FacetOption,
    TagFacet,
)
from citiesofmigration.models import City, Person
from citiesofmigration.publication import by_title


class MonthArchiveFilter(FacetFilter):
    """The monthly archive as a facet: values are "2019-11", labelled "November 2019",
    newest first.

    The shared FacetFilter reads a value and its label from one field path; a month is two
    parts of the publication date (year and month, in the site's time zone), so this
    subclass groups by both, filters with one (year, month) condition per chosen value, and
    builds labels from the values themselves (no query, nothing about unpublished posts).
    """

    def __init__(self, field_name, *, label):
        super().__init__(field_name, label=label)
        self.extra["pattern"] = MONTH_VALUE

    def filter(self, qs, value):
        if not value:
            return qs
        months = [MONTH_VALUE.match(item).groups() for item in value]
        condition = reduce(
            or_,
            (
                Q(
                    **{
                        f"{self.field_name}__year": int(year),
                        f"{self.field_name}__month": int(month),
                    }
                )
                for year, month in months
            ),
        )
        return qs.filter(condition)

    def options(self, queryset, selected):
        rows = (
            queryset.order_by()
            .annotate(
                archive_year=ExtractYear(self.field_name),
                archive_month=ExtractMonth(self.field_name),
            )
            .values_list("archive_year", "archive_month")
            .annotate(count=Count("pk", distinct=True))
        )
        options = {}
        for year, month, count in rows:
            key = f"{year:04d}-{month:02d}"
            options[key] = FacetOption(key, self.month_label(key), count, key in selected)
        for key in selected:
            # Chosen but matching nothing now: keep it visible so it can be removed.
            options.setdefault(key, FacetOption(key, self.month_label(key), 0, True))
        return sorted(options.values(), key=lambda option: option.value, reverse=True)

    @staticmethod
    def month_label(key):
        year, month = MONTH_VALUE.match(key).groups()
        return date_format(date(int(year), int(month), 1), "F Y")


class PostFilterSet(FacetedFilterSet):
    kind = FacetFilter("kind", label=_("Kind"), choices=Kind.choices)
    theme = FacetFilter("themes__slug", label=_("Theme"), label_path="themes__name")
    tag = TagFacet()
    author = FacetFilter("authors__slug", label=_("Author"), label_path="authors__name")
    year = FacetFilter("published_at__year", label=_("Year"), numeric=True, order="-value")
    month = MonthArchiveFilter("published_at", label=_("Month"))

    sort_orders = {"newest": ["-published_at"], "oldest": ["published_at"], "title": by_title()}
    sort_labels = {**FacetedFilterSet.sort_labels, "oldest": _("Oldest")}
    snippet_fields = ("summary", "body")

    # "Did you mean" proposes tags, places and authors of published posts only.
    suggestion_sources = [("tags", Tag), ("cities", City), ("authors", Person)]

    class Meta:
        model = Post
        fields = []
