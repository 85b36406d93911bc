"""Search across the whole portal (/search/). Each app registers a provider in its
AppConfig.ready(): ``provider(query) -> related.Section`` with its best matches and a link
to its own list page, where the facets take over."""

from citiesofmigration.search import clean_query

_providers = []
RESULTS_PER_SECTION = 5


def register(provider):
    _providers.append(provider)
    return provider


def search_everything(raw_query: str):
    query = clean_query(raw_query)
    if not query:
        return query, []
    sections = (provider(query) for provider in _providers)
    return query, [section for section in sections if section]
