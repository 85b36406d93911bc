"""Search across the whole portal (/search/). Each app registers a provider in its
AppConfig.ready(): ``provider(query) -> related.Section`` with its best matches and a link
to its own list page, where the facets take over. The provider finds them with its list
page's FilterSet and hands it over as ``section.extra["filterset"]``, so the site search
uses the very same mechanism (full text, misspelling fallback, "Did you mean",
highlighted snippets; see ``citiesofmigration.search``).

The portal is searched as one collection: the misspelling fallback is used only when no
section matches the words themselves, as on a list page. Then close matches from every
section are shown under one notice, with one "Did you mean" drawn from the names every
section's published items use.
"""

import functools
import operator
from dataclasses import dataclass, field, replace

from citiesofmigration.search import clean_query, did_you_mean

_providers = []
RESULTS_PER_SECTION = 5

FULL_TEXT = "full_text"
SIMILAR = "similar"


def register(provider):
    _providers.append(provider)
    return provider


@dataclass
class SiteSearch:
    """What /search/ shows: the cleaned query, the sections with results, how they were
    found (None without a query, FULL_TEXT, or SIMILAR for the misspelling fallback) and
    a corrected query to offer ("" when there is none)."""

    query: str
    sections: list = field(default_factory=list)
    mode: str | None = None
    suggestion: str = ""

    @property
    def used_fallback(self):
        return self.mode == SIMILAR


def _mode(section):
    filterset = section.extra.get("filterset")
    return filterset.search_mode if filterset is not None else FULL_TEXT


def merged_vocabularies(sections):
    """One vocabulary per kind of names (cities, tags, people…, titles' words), OR-ing
    what each section's published items use: "Did you mean" then reads each once,
    however many sections share it."""
    by_key = {}
    for section in sections:
        filterset = section.extra.get("filterset")
        if filterset is None:
            continue
        for vocabulary in filterset.suggestion_vocabularies:
            by_key.setdefault(vocabulary.key, []).append(vocabulary)
    return [
        replace(
            vocabularies[0],
            queryset=functools.reduce(operator.or_, (v.queryset for v in vocabularies)),
        )
        for vocabularies in by_key.values()
    ]


def search_everything(raw_query: str) -> SiteSearch:
    query = clean_query(raw_query)
    if not query:
        return SiteSearch(query)
    sections = [section for section in (provider(query) for provider in _providers) if section]
    exact = [section for section in sections if _mode(section) == FULL_TEXT and section.items]
    if exact:
        # A section that found only close spellings is left out, as a list page would.
        return SiteSearch(query, exact, FULL_TEXT)
    return SiteSearch(
        query,
        [section for section in sections if section.items],
        SIMILAR,
        did_you_mean(query, merged_vocabularies(sections)),
    )
