from django.utils.translation import gettext_lazy as _

from citiesofmigration.facets import FacetedFilterSet, FacetFilter, TagFacet
from citiesofmigration.models import Region
from citiesofmigration.publication import by_title
from goodideas.models import GoodIdea, PracticeStatus


class GoodIdeaFilterSet(FacetedFilterSet):
    theme = FacetFilter("themes__slug", label=_("Theme"), label_path="themes__name")
    region = FacetFilter("cities__country__region", label=_("World region"), choices=Region.choices)
    country = FacetFilter(
        "cities__country__code", label=_("Country"), label_path="cities__country__name"
    )
    city = FacetFilter("cities__slug", label=_("City"), label_path="cities__name")
    collection = FacetFilter(
        "collections__slug", label=_("Collection"), label_path="collections__name"
    )
    tag = TagFacet()
    status = FacetFilter(
        "practice_status", label=_("Practice status"), choices=PracticeStatus.choices
    )
    year = FacetFilter("year_started", label=_("Year started"), numeric=True, order="-value")

    sort_orders = {"newest": ["-published_at"], "title": by_title()}
    snippet_fields = ("summary", "story")

    class Meta:
        model = GoodIdea
        fields = []
