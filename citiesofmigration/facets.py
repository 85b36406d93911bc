"""One faceting mechanism for every list page (Good Ideas, E-Library, Learning Exchange,
Conversations). An app declares a :class:`FacetedFilterSet` with its :class:`FacetFilter`s;
this module turns it into facet values with counts, removable chips, search and sorting.

Rules, the same on every page:
- several values inside one facet combine with OR, facets combine with AND;
- each value's count is what it would give with the *other* active filters applied;
- unknown or malformed values are ignored (or match nothing), never an error page;
- one aggregate query per facet, so the number of queries does not grow with content;
- labels in the page's language: a translated name (theme, country, collection) falls back
  to English when it has no translation yet, never to nothing.
"""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from citiesofmigration.models import City, Country
from citiesofmigration.publication import by_title
from citiesofmigration.search import (
    Vocabulary,
    clean_query,
    did_you_mean,
    folded,
    search_condition,
    search_rank,
    translated_name,
)

MAX_VALUES_PER_FACET = 30
SLUG_VALUE = re.compile(r"^[\w-]{1,100}$")
NUMBER_VALUE = re.compile(r"^\d{1,4}$")
# A month facet's "YYYY-MM", only for years that dates can hold (1 to 9999): "0000-01"
# would fail in date() and in the database's date bounds, so it is dropped like any junk.
MONTH_VALUE = re.compile(r"^(?!0000)(\d{4})-(0[1-9]|1[0-2])$")


class FacetValuesField(forms.Field):
    """Many values from repeated GET parameters, cleaned leniently: values of the wrong
    shape are dropped and repeats beyond MAX_VALUES_PER_FACET ignored, never an error."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern=SLUG_VALUE, **kwargs):
        self.pattern = pattern
        kwargs["required"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        cleaned = []
        for item in value:
            item = str(item).strip()
            if self.pattern.match(item) and item not in cleaned:
                cleaned.append(item)
            if len(cleaned) >= MAX_VALUES_PER_FACET:
                break
        return cleaned


class SearchQueryField(forms.CharField):
    def to_python(self, value):
        return clean_query(value)


class LenientChoiceField(forms.ChoiceField):
    """An unknown choice (a tampered ``sort=``) falls back to the default."""

    def clean(self, value):
        return value if self.valid_value(value) else ""


class SearchFilter(django_filters.Filter):
    field_class = SearchQueryField


class SortFilter(django_filters.Filter):
    field_class = LenientChoiceField


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list

    @property
    def visible_options(self):
        """Values that would give results, and the ones already chosen."""
        return [option for option in self.options if option.count or option.selected]

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]


class FacetFilter(django_filters.Filter):
    """A facet over a field path, e.g. ``FacetFilter("cities__slug", label_path="cities__name")``.

    ``choices`` gives labels for coded values (statuses, regions); ``numeric`` accepts
    only numbers (years); ``order`` sorts the values by "label", "count" or "-value".
    """

    field_class = FacetValuesField

    def __init__(
        self, field_name, *, label, label_path=None, choices=None, numeric=False, order="label"
    ):
        super().__init__(field_name=field_name, label=label)
        if numeric:
            self.extra["pattern"] = NUMBER_VALUE
        self.label_path = label_path or field_name
        self.choices = dict(choices or {})
        self.order = order

    def filter(self, qs, value):
        if not value:
            return qs
        # A subquery instead of a join keeps one row per item (no DISTINCT needed) and
        # leaves the outer query free to rank and sort.
        matching = qs.model._base_manager.filter(**{f"{self.field_name}__in": value})
        return qs.filter(pk__in=matching.values("pk"))

    def counts_need_distinct(self, model):
        """One row per item and value, so COUNT(*) is exact, unless the path crosses a
        to-many relation and then another relation (several of an idea's cities can share
        one country). COUNT(DISTINCT) sorts, so it is used only there."""
        crossed_many = False
        options = model._meta
        for part in self.field_name.split("__")[:-1]:
            if crossed_many:
                return True
            field = options.get_field(part)
            if not field.is_relation:
                break  # a transform such as published_at__year follows
            crossed_many = bool(field.many_to_many or field.one_to_many)
            options = field.related_model._meta
        return False

    def label_expression(self, model):
        """The label in the page's language, else in English (see ``translated_name``)."""
        return translated_name(model, self.label_path)

    def options(self, queryset, selected):
        distinct = self.counts_need_distinct(queryset.model)
        rows = (
            queryset.order_by()
            # Not null: an inner join, and no empty group for items without a value.
            .filter(**{f"{self.field_name}__isnull": False})
            .annotate(facet_label=self.label_expression(queryset.model))
            .values_list(self.field_name, "facet_label")
            .annotate(count=Count("pk", distinct=distinct))
        )
        options = {}
        for value, label, count in rows:
            if value is None:
                continue
            key = str(value)
            options[key] = FacetOption(
                key, str(self.choices.get(key, label)), count, key in selected
            )
        missing = [key for key in selected if key not in options]
        labels = self._labels(queryset.model, missing) if missing else {}
        for key in missing:
            # Chosen but matching nothing now: keep it visible so it can be removed.
            options[key] = FacetOption(key, labels.get(key, key), 0, True)
        return sorted(options.values(), key=self._sort_key)

    def _labels(self, model, values):
        """Labels for chosen values that match nothing under the other filters."""
        if self.choices:
            return {key: str(self.choices[key]) for key in values if key in self.choices}
        rows = (
            model._base_manager.filter(**{f"{self.field_name}__in": values})
            .annotate(facet_label=self.label_expression(model))
            .values_list(self.field_name, "facet_label")
            .distinct()
        )
        return {str(value): str(label) for value, label in rows}

    def _sort_key(self, option):
        # Accents aside, as readers expect: "États-Unis" among the E's.
        if self.order == "count":
            return (-option.count, folded(option.label))
        if self.order == "-value":
            return (-int(option.value) if option.value.isdigit() else 0, option.label)
        return folded(option.label)


class TagFacet(FacetFilter):
    """The tag facet, the same on every list (``?tag=<slug>``): one tag set across Good
    Ideas, the E-Library, the Learning Exchange and Conversations, so that a tag page's
    "see all" link and a detail page's tag link work on any of them. Most used first."""

    def __init__(self):
        super().__init__("tags__slug", label=_("Tag"), label_path="tags__name", order="count")


@dataclass
class Chip:
    label: str
    facet_label: str
    remove_url: str


class FacetedFilterSet(django_filters.FilterSet):
    """Base for every list page's FilterSet. Subclasses declare FacetFilters and set:

    - ``sort_orders``: sort key -> ``order_by`` fields (no user-chosen field ever reaches
      ``order_by``); "relevance" is added when there is a query;
    - ``default_sort``: the sort without a query;
    - ``snippet_fields``: fields whose best-matching passage is shown with a query.
    """

    q = SearchFilter(method="search", label=_("Search"))
    sort = SortFilter(method="sort_results", label=_("Sort by"))

    sort_orders = {"newest": ["-published_at"], "title": by_title()}
    sort_labels = {"relevance": _("Relevance"), "newest": _("Newest"), "title": _("Title")}
    default_sort = "newest"
    snippet_fields = ("summary",)
    # Where "Did you mean" finds its words: (path from the listed model, model with a
    # `name`, read in every language when translated), and the words of the titles of the
    # close matches. Only names used by the listed (published) items, so a draft never
    # leaks through a suggestion, and following one always finds something.
    suggestion_sources = [("cities", City), ("cities__country", Country), ("tags", Tag)]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        choices = [(key, self.sort_labels.get(key, key)) for key in self.sort_keys()]
        self.filters["sort"].extra["choices"] = choices

    def sort_keys(self):
        return ["relevance", *self.sort_orders]

    # -- the filtering pipeline --------------------------------------------------------

    @property
    def cleaned(self):
        self.form.is_valid()  # invalid fields are simply absent from cleaned_data
        return self.form.cleaned_data

    @property
    def query(self) -> str:
        return self.cleaned.get("q") or ""

    @cached_property
    def search_mode(self):
        """None without a query; "full_text" when the words match; "similar" when only the
        misspelling-tolerant fallback can help."""
        if not self.query:
            return None
        if self.queryset.filter(search_condition(self.query)).exists():
            return "full_text"
        return "similar"

    def search(self, queryset, name, value):
        """Full text matches in either language (English and French text, each stemmed
        as its language), or the close matches."""
        if self.search_mode == "full_text":
            return queryset.filter(search_condition(self.query))
        if self.search_mode == "similar":
            return queryset.filter(pk__in=self.similar_ids)
        return queryset

    @cached_property
    def similar_ids(self):
        """Found once a request: every facet count reuses them."""
        return self.queryset.similar_ids(self.query)

    def sort_results(self, queryset, name, value):
        return queryset  # ordering is applied last, in filter_queryset

    @property
    def current_sort(self):
        chosen = self.cleaned.get("sort")
        if chosen == "relevance" and self.search_mode != "full_text":
            chosen = ""
        if chosen:
            return chosen
        return "relevance" if self.search_mode == "full_text" else self.default_sort

    def facet_filters(self):
        return {name: f for name, f in self.filters.items() if isinstance(f, FacetFilter)}

    def filtered(self, queryset, without=None):
        queryset = self.search(queryset, "q", self.query)
        for name, facet_filter in self.facet_filters().items():
            if name != without:
                queryset = facet_filter.filter(queryset, self.cleaned.get(name))
        return queryset

    def filter_queryset(self, queryset):
        queryset = self.filtered(queryset)
        sort = self.current_sort
        if sort == "relevance":
            # What is written in the page's language first (see search.search_rank).
            queryset = queryset.annotate(rank=search_rank(self.query))
            queryset = queryset.order_by("-rank", *self.sort_orders[self.default_sort], "pk")
        else:
            queryset = queryset.order_by(*self.sort_orders[sort], "pk")
        if self.search_mode == "full_text":
            queryset = queryset.with_snippet(self.query, *self.snippet_fields)
        return queryset

    # -- what the page shows -----------------------------------------------------------

    @cached_property
    def facets(self):
        return [
            Facet(
                name,
                facet_filter.label,
                facet_filter.options(
                    self.filtered(self.queryset, without=name), self.cleaned.get(name) or []
                ),
            )
            for name, facet_filter in self.facet_filters().items()
        ]

    @property
    def suggestion_vocabularies(self):
        vocabularies = [
            Vocabulary.of(model.objects.filter(pk__in=self.queryset.values(path)))
            for path, model in self.suggestion_sources
        ]
        if self.search_mode == "similar":
            # Words of the close matches' titles, in both languages ("logements" for
            # "logemnt"): few rows, and only published ones.
            titles = [
                lookup
                for lookup in self.queryset.model.search_fallback_lookups
                if "__" not in lookup
            ]
            if titles:
                vocabularies.append(
                    Vocabulary.of(
                        self.queryset.filter(pk__in=self.similar_ids), *titles, words=True
                    )
                )
        return vocabularies

    @cached_property
    def suggestion(self):
        if self.search_mode != "similar":
            return ""
        return did_you_mean(self.query, self.suggestion_vocabularies)

    def url_without(self, name, value=None):
        params = self.data.copy()
        params.pop("page", None)
        if value is None:
            params.pop(name, None)
        else:
            params.setlist(name, [item for item in params.getlist(name) if item.strip() != value])
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else "?"

    @property
    def chips(self):
        chips = []
        if self.query:
            chips.append(Chip(f"“{self.query}”", _("Search"), self.url_without("q")))
        for facet in self.facets:
            for option in facet.selected_options:
                chips.append(
                    Chip(option.label, facet.label, self.url_without(facet.name, option.value))
                )
        return chips

    @property
    def is_filtered(self):
        return bool(self.query) or any(facet.selected_options for facet in self.facets)

    @property
    def sort_choices(self):
        keys = self.sort_keys() if self.search_mode == "full_text" else list(self.sort_orders)
        return [(key, self.sort_labels.get(key, key)) for key in keys]


def paginate(request, queryset, per_page=12):
    """A page of results. Any ``page`` value works: junk gives page 1, too large the last."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
