"""What each app contributes to the pages that gather everything about one theme or one
city. Apps register a provider in their AppConfig.ready(); the theme and city pages ask
every provider, so the core never imports the content apps."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

_providers = []


@dataclass
class Section:
    title: str
    items: list
    item_template: str
    more_url: str = ""
    more_label: str = ""
    # The name under which item_template receives each item (e.g. "idea").
    item_name: str = "item"
    extra: dict = field(default_factory=dict)


def register(provider):
    """``provider(theme=None, city=None) -> Section | None``."""
    _providers.append(provider)
    return provider


def sections_for(*, theme=None, city=None):
    sections = (provider(theme=theme, city=city) for provider in _providers)
    return [section for section in sections if section and section.items]


# -- Counts per section (the /themes/ and /cities/ indexes) ---------------------------


@dataclass(frozen=True)
class Tally:
    """How one app counts what the public sees of it about a theme or a city.

    ``published`` returns the public queryset (for events: upcoming and past alike);
    ``counted`` is what one item is (the E-Library counts a work once, whatever its
    language versions); ``label`` is a plural with a ``count`` placeholder
    (``ngettext_lazy(..., "count")``)."""

    key: str
    label: object
    published: Callable[[], models.QuerySet]
    counted: object = "pk"


_tallies = []


def register_tally(tally):
    _tallies.append(tally)
    return tally


def tallies():
    return list(_tallies)


def count_annotations(through):
    """``{"<key>_count": expression}`` for every registered tally, to annotate a queryset
    of themes or cities: ``through`` names the content models' many-to-many field to that
    model ("themes" or "cities"). One correlated subquery per section, so a whole index
    costs one query however many places and items there are."""
    annotations = {}
    for tally in _tallies:
        per_place = (
            tally.published()
            .filter(**{through: OuterRef("pk")})
            .order_by()
            .values(through)
            .annotate(n=Count(tally.counted, distinct=True))
            .values("n")
        )
        annotations[f"{tally.key}_count"] = Coalesce(Subquery(per_place), 0)
    return annotations


def counts_of(place):
    """[(tally, n, "n Good Ideas"), ...] for an annotated theme or city, sections with
    nothing left out."""
    counts = []
    for tally in _tallies:
        n = getattr(place, f"{tally.key}_count", 0)
        if n:
            counts.append((tally, n, tally.label % {"count": n}))
    return counts
