"""One search mechanism for every kind of content.

A content model keeps a stored ``search_vector`` (GIN-indexed) that
``refresh_search_vectors()`` fills, in the database, from the model's ``search_document()``:
text by weight, A (title) above B (summary) above C (places, organisations, tags) above D
(body; HTML tags are not indexed by PostgreSQL's parser). Queries use PostgreSQL's websearch
syntax through the ``english_unaccent`` configuration (stemmed, accent-insensitive). When
full-text search finds nothing, a trigram fallback catches misspellings ("Monkton"), and
:func:`did_you_mean` proposes the corrected words.
"""

import functools
import operator
import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from taggit.models import TaggedItem

SEARCH_CONFIG = "english_unaccent"
MAX_QUERY_LENGTH = 200
# How close a misspelling must be (pg_trgm word similarity) to count as a match.
FALLBACK_SIMILARITY = 0.4
SUGGESTION_SIMILARITY = 0.4
# A misspelling matches a handful of items; more than this is noise, not a correction.
FALLBACK_LIMIT = 2000
# Markers that cannot occur in stored text; replaced by <mark> after escaping.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"


# PostgreSQL's query parser stacks one NOT per "-" that stands before another operator or
# a space ("- - -x", "---x") and fails with "tsquery stack too small" past 32 of them.
# A "-" is a negation only right before a word or a quoted phrase ("-refugees", '-"x y"');
# anywhere else it means nothing to the search and becomes a space. Hyphens inside words
# ("well-being") are untouched.
STRAY_MINUS = re.compile(r"-(?![\w\"])")
# Enough for any real search; keeps the query (and the words "Did you mean" looks at) small.
MAX_QUERY_TERMS = 32


def clean_query(raw: str | None) -> str:
    """User input -> a query that PostgreSQL's websearch parser always accepts: no control
    or format characters (NUL breaks PostgreSQL; U+2028 is a line break), no minus signs
    that negate nothing, at most MAX_QUERY_TERMS words and MAX_QUERY_LENGTH characters.
    Words, quoted phrases, "or" and a single "-" before a word keep their meaning."""
    if not raw:
        return ""
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in raw)
    text = STRAY_MINUS.sub(" ", text)
    terms = text.split()[:MAX_QUERY_TERMS]
    return " ".join(terms)[:MAX_QUERY_LENGTH].strip()


def aggregated_text(queryset, group_by: str, text) -> Subquery:
    """A correlated subquery joining the texts of related rows, e.g. an idea's city names.
    ``queryset`` is filtered on ``OuterRef("pk")`` through ``group_by``."""
    return Subquery(
        queryset.order_by()
        .values(group_by)
        .annotate(joined=StringAgg(text, " ", output_field=models.TextField()))
        .values("joined")[:1],
        output_field=models.TextField(),
    )


def tag_text(model) -> Subquery:
    """The names of an item's django-taggit tags, as one text."""
    content_type = ContentType.objects.get_for_model(model)
    return aggregated_text(
        TaggedItem.objects.filter(content_type=content_type, object_id=OuterRef("pk")),
        "object_id",
        F("tag__name"),
    )


def search_indexes(prefix: str):
    """The indexes every searchable model needs: the stored vector (full text) and a
    trigram index on the title (the misspelling fallback)."""
    return [
        GinIndex(fields=["search_vector"], name=f"{prefix}_search_vector"),
        GinIndex(OpClass("title", name="gin_trgm_ops"), name=f"{prefix}_title_trgm"),
    ]


def related_model(model, path: str):
    """The model at the end of a relation path, e.g. (GoodIdea, "cities") -> City."""
    for part in path.split("__"):
        model = model._meta.get_field(part).related_model
    return model


def refresh_search_vector(instance) -> None:
    """Store one instance's search vector; call after its many-to-many fields are saved."""
    type(instance).objects.filter(pk=instance.pk).refresh_search_vectors()


def websearch(q: str) -> SearchQuery:
    return SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")


class SearchableQuerySet(models.QuerySet):
    """Mixed into a content model's QuerySet. The model declares:

    - ``search_document()``, a classmethod: weight ("A".."D") -> list of field names or
      expressions (subqueries from :func:`aggregated_text` and :func:`tag_text` for related
      names), evaluated inside the database;
    - ``search_fallback_lookups``, the short fields the trigram fallback looks at (e.g.
      ``["title", "cities__name"]``).
    """

    def refresh_search_vectors(self) -> int:
        """Recompute the stored vectors of every row in this queryset in one UPDATE."""
        parts = [
            SearchVector(*expressions, config=SEARCH_CONFIG, weight=weight)
            for weight, expressions in self.model.search_document().items()
        ]
        return self.update(search_vector=functools.reduce(operator.add, parts))

    def full_text(self, q: str):
        query = websearch(q)
        return self.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))

    def similar_ids(self, q: str) -> list:
        """Misspelling-tolerant match on short fields. Related names (cities, tags,
        people) are matched in their own small tables first, then items through their
        indexed links; the item's own columns (titles) through their trigram index, at
        PostgreSQL's word-similarity threshold."""
        manager = self.model._base_manager
        matches = []
        for lookup in self.model.search_fallback_lookups:
            path, _, field = lookup.rpartition("__")
            if not path:
                matches.append(manager.filter(**{f"{lookup}__trigram_word_similar": q}))
                continue
            names = (
                related_model(self.model, path)
                ._base_manager.annotate(similarity=TrigramWordSimilarity(q, field))
                .filter(similarity__gte=FALLBACK_SIMILARITY)
                .values("pk")
            )
            matches.append(manager.filter(**{f"{path}__in": names}))
        # One UNION query, each part on its own index, evaluated once: the list page then
        # filters and counts facets on these ids instead of repeating the fuzzy match.
        ids = functools.reduce(
            lambda union, part: union.union(part),
            (match.order_by().values_list("pk", flat=True) for match in matches),
        )
        return list(ids[:FALLBACK_LIMIT])

    def with_snippet(self, q: str, *fields: str):
        """Annotate ``snippet``: the passage of these fields that best matches, with the
        matches wrapped in private-use markers (see the ``snippet`` template filter)."""
        text = Concat(
            *[part for field in fields for part in (F(field), Value(" "))],
            output_field=models.TextField(),
        )
        return self.annotate(
            snippet=SearchHeadline(
                text,
                websearch(q),
                config=SEARCH_CONFIG,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )


def did_you_mean(q: str, vocabularies) -> str:
    """Replace each misspelt word of ``q`` by the closest term in the vocabularies (querysets
    of names: cities, countries, tags). Returns "" when there is nothing better to offer."""
    words = q.split()[:6]
    corrected = []
    for word in words:
        best = None
        if len(word) >= 4:
            for vocabulary in vocabularies:
                # Word similarity: "Prestn" is close to the "Preston" in "Valerie Preston".
                candidate = (
                    vocabulary.annotate(similarity=TrigramWordSimilarity(word, "name"))
                    .filter(similarity__gte=SUGGESTION_SIMILARITY)
                    .order_by("-similarity")
                    .values_list("name", "similarity")
                    .first()
                )
                if candidate and (best is None or candidate[1] > best[1]):
                    best = candidate
        if best and best[0].casefold() != word.casefold():
            corrected.append(best[0])
        else:
            corrected.append(word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion.casefold() != " ".join(words).casefold() else ""
