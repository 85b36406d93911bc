from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter
from taggit.models import Tag

from citiesofmigration.facets import FacetedFilterSet, FacetFilter
from citiesofmigration.models import City, Country, Organisation, Person
from elibrary.models import Language, Resource, ResourceType


class ResourceFilterSet(FacetedFilterSet):
    type = FacetFilter("resource_type", label=_("Type"), choices=ResourceType.choices)
    theme = FacetFilter("themes__slug", label=_("Theme"), label_path="themes__name")
    language = FacetFilter("language", label=_("Language"), choices=Language.choices)
    year = FacetFilter("year", label=_("Year"), numeric=True, order="-value")
    publisher = FacetFilter("publisher__slug", label=_("Publisher"), label_path="publisher__name")
    series = FacetFilter("series__slug", label=_("Series"), label_path="series__name")
    country = FacetFilter("countries__code", label=_("Country"), label_path="countries__name")
    all_versions = BooleanFilter(method="keep_all_versions", label=_("Show every language version"))

    sort_orders = {"newest": ["-year", "-month", "title"], "title": ["title"]}
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

    def filter_queryset(self, queryset):
        results = super().filter_queryset(queryset)
        if self.cleaned.get("all_versions"):
            return results
        languages = self.cleaned.get("language") or []
        preferred = languages[0] if len(languages) == 1 else None
        return results.filter(
            pk__in=self.filtered(self.queryset).one_per_work(preferred).values("pk")
        )
