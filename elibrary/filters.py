from django.db.models import F
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter
from taggit.models import Tag

from citiesofmigration.facets import FacetedFilterSet, FacetFilter, TagFacet
from citiesofmigration.models import City, Country, Organisation, Person
from citiesofmigration.publication import by_title
from elibrary.models import Language, Resource, ResourceType


class ResourceFilterSet(FacetedFilterSet):
    type = FacetFilter("resource_type", label=_("Type"), choices=ResourceType.choices)
    theme = FacetFilter("themes__slug", label=_("Theme"), label_path="themes__name")
    # Languages named in the page's language ("Anglais" on a French page), as Django's
    # own catalogue translates them; the editions' own names are for links to them.
    language = FacetFilter(
        "language",
        label=_("Language"),
        choices=[(code, get_language_info(code)["name_translated"]) for code in Language.values],
    )
    year = FacetFilter("year", label=_("Year"), numeric=True, order="-value")
    publisher = FacetFilter("publisher__slug", label=_("Publisher"), label_path="publisher__name")
    series = FacetFilter("series__slug", label=_("Series"), label_path="series__name")
    country = FacetFilter("countries__code", label=_("Country"), label_path="countries__name")
    tag = TagFacet()
    all_versions = BooleanFilter(method="keep_all_versions", label=_("Show every language version"))

    # Within a year, a resource whose month is unknown comes after the dated ones (as on
    # the home page), not first as PostgreSQL's descending order puts NULLs.
    sort_orders = {
        "newest": [F("year").desc(), F("month").desc(nulls_last=True), *by_title()],
        "title": by_title(),
    }
    snippet_fields = ("abstract", "extracted_text")
    suggestion_sources = [
        ("cities", City),
        ("countries", Country),
        ("tags", Tag),
        ("authors", Person),
        ("publisher", Organisation),
    ]

    class Meta:
        model = Resource
        fields = []

    def keep_all_versions(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after the facets

    @property
    def preferred_language(self):
        languages = self.cleaned.get("language") or []
        return languages[0] if len(languages) == 1 else None

    def filtered(self, queryset, without=None):
        """For a facet's counts (``without`` given), one row per work as the results
        show, so that a value's count is the number of results it gives. Not for the
        language facet: choosing a language shows that language's versions."""
        results = super().filtered(queryset, without=without)
        if without in (None, "language") or self.cleaned.get("all_versions"):
            return results
        return results.one_per_work(self.preferred_language)

    def filter_queryset(self, queryset):
        results = super().filter_queryset(queryset)
        if self.cleaned.get("all_versions"):
            return results
        return results.filter(
            pk__in=self.filtered(self.queryset).one_per_work(self.preferred_language).values("pk")
        )
