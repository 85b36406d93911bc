"""One search mechanism for every kind of content, in English and in French.

A content model keeps two stored vectors (GIN-indexed): ``search_vector`` for its English
text and ``search_vector_fr`` for its French text. ``refresh_search_vectors()`` fills both,
in the database, from the model's ``search_document(language)``: text by weight, A (title)
above B (summary) above C (places, organisations, tags) above D (body; HTML tags are not
indexed by PostgreSQL's parser). In a document, a translated field's name ("title") stands
for its column in that language ("title_fr"); names of places, people, organisations and
tags are in both documents. Each language is stemmed by its own configuration,
``english_unaccent`` or ``french_unaccent`` (accent-insensitive: "Montreal" finds
"Montréal", "logement" finds "logements").

Single-language content (``search_language_field``: E-Library resources) puts its own text
in the vector of its language only (a language other than English and French is stemmed as
English); its names go in both, as for translated content, where an item not yet
translated thus has a French vector of names alone.

A query (PostgreSQL's websearch syntax) is matched against both vectors, each with its own
language's stemming, so a French page also finds what is written only in English; what
matches in the page's language ranks first. When full-text search finds nothing, a
trigram fallback on titles (in both languages) and names catches misspellings ("Monkton"),
and :func:`did_you_mean` proposes the corrected words, in either language.
"""

import functools
import operator
import re
import unicodedata
from dataclasses import dataclass

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
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connection, models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf
from modeltranslation.utils import build_localized_fieldname
from taggit.models import TaggedItem

from citiesofmigration.i18n import current_language, translated_fields

# Text search configuration by language (migrations 0004 and 0012 of citiesofmigration).
SEARCH_CONFIGS = {"en": "english_unaccent", "fr": "french_unaccent"}
DEFAULT_LANGUAGE = "en"
SEARCH_CONFIG = SEARCH_CONFIGS[DEFAULT_LANGUAGE]
# The stored vector of each language.
VECTOR_FIELDS = {"en": "search_vector", "fr": "search_vector_fr"}
# Ranks are normalised to [0, 1) (rank / (rank + 1)). A row matching in the page's language
# gets PAGE_LANGUAGE_FIRST on top, which no match only in another language can reach
# (at most 1 + OTHER_LANGUAGE_WEIGHT), so what is written in the page's language comes
# first; among them, the better match first.
RANK_NORMALIZATION = 32
PAGE_LANGUAGE_FIRST = 2.0
OTHER_LANGUAGE_WEIGHT = 0.5

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


def search_indexes(prefix: str, title_columns=("title",)):
    """The indexes every searchable model needs: the stored vectors (full text, one per
    language) and a trigram index on each title column (the misspelling fallback)."""
    return [
        GinIndex(fields=["search_vector"], name=f"{prefix}_search_vector"),
        GinIndex(fields=["search_vector_fr"], name=f"{prefix}_search_vector_fr"),
        *[
            GinIndex(OpClass(column, name="gin_trgm_ops"), name=f"{prefix}_{column}_trgm")
            for column in title_columns
        ],
    ]


def related_model(model, path: str):
    """The model at the end of a relation path, e.g. (GoodIdea, "cities") -> City; None
    when the path goes on past a field that is no relation ("published_at__year")."""
    for part in path.split("__"):
        if not part:
            continue
        try:
            model = model._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return None
        if model is None:
            return None
    return model


# -- languages --------------------------------------------------------------------------


def page_language() -> str:
    """The language of the page being served, as search knows it ("en" or "fr")."""
    code = current_language()
    return code if code in SEARCH_CONFIGS else DEFAULT_LANGUAGE


def languages_from(first: str) -> list[str]:
    """Every search language, ``first`` first."""
    return [first, *[code for code in SEARCH_CONFIGS if code != first]]


def config_for(language: str) -> str:
    """The text search configuration for a language; English for any other one."""
    return SEARCH_CONFIGS.get(language, SEARCH_CONFIGS[DEFAULT_LANGUAGE])


def column(model, path: str, language: str) -> str:
    """A field's column in ``language``: "title" -> "title_fr", "country__name" ->
    "country__name_fr" when the field is translated; the path itself otherwise."""
    relation, _, name = path.rpartition("__")
    target = related_model(model, relation)
    if target is not None and name in translated_fields(target):
        name = build_localized_fieldname(name, language)
    return f"{relation}__{name}" if relation else name


def columns(model, path: str) -> list[str]:
    """The field's column in every language (one when it is not translated)."""
    return list(dict.fromkeys(column(model, path, code) for code in SEARCH_CONFIGS))


def translated_name(model, path: str, language: str | None = None):
    """An expression for a field in ``language`` (default: the page's), falling back to
    the other languages when it has no text in this one, e.g. a country's name in French
    or, not yet translated, in English. Database lookups of modeltranslation have no
    fallback of their own."""
    found = list(
        dict.fromkeys(
            column(model, path, code) for code in languages_from(language or page_language())
        )
    )
    if len(found) == 1:
        return F(found[0])
    return Coalesce(
        *[NullIf(F(name), Value("")) for name in found], output_field=models.TextField()
    )


def place_text(language: str):
    """A city as a search document names it (from the City model): its name, province
    and country, the country in ``language`` (else in English)."""
    from citiesofmigration.models import City

    return Concat(
        "name",
        Value(" "),
        "province",
        Value(" "),
        translated_name(City, "country__name", language),
        output_field=models.TextField(),
    )


def has_text(name: str) -> Q:
    """Rows whose column ``name`` is neither NULL nor empty."""
    return Q(**{f"{name}__gt": ""})


def rows_in_language(model, language: str) -> Q:
    """For single-language content (``search_language_field``): its rows written in
    ``language``, any language other than the search ones counting as the default."""
    language_field = model.search_language_field
    if language == DEFAULT_LANGUAGE:
        others = [code for code in SEARCH_CONFIGS if code != DEFAULT_LANGUAGE]
        return ~Q(**{f"{language_field}__in": others})
    return Q(**{language_field: language})


def document_text(model, field: str, language: str):
    """A field named in ``search_document(language)``: a translated field's column in that
    language; for single-language content, the field's text on rows written in that
    language only (other rows' vectors in this language hold the names alone); any
    other field (a venue's address) as it is."""
    name = column(model, field, language)
    if name == field and getattr(model, "search_language_field", None):
        return Case(
            When(rows_in_language(model, language), then=F(field)),
            default=Value(""),
            output_field=models.TextField(),
        )
    return name


def document_vector(model, language: str):
    """The model's ``search_document(language)`` as one weighted vector expression."""
    parts = [
        SearchVector(
            *[
                document_text(model, part, language) if isinstance(part, str) else part
                for part in expressions
            ],
            config=config_for(language),
            weight=weight,
        )
        for weight, expressions in model.search_document(language).items()
    ]
    return functools.reduce(operator.add, parts)


def refresh_search_vector(instance) -> None:
    """Store one instance's search vectors; call after its many-to-many fields are saved."""
    type(instance).objects.filter(pk=instance.pk).refresh_search_vectors()


# -- queries --------------------------------------------------------------------------


def websearch(q: str, language: str = DEFAULT_LANGUAGE) -> SearchQuery:
    return SearchQuery(q, config=config_for(language), search_type="websearch")


def search_condition(q: str) -> Q:
    """Rows whose text in any language matches ``q``, stemmed as that language."""
    return functools.reduce(
        operator.or_,
        (Q(**{field: websearch(q, language)}) for language, field in VECTOR_FIELDS.items()),
    )


def search_rank(q: str, language: str | None = None):
    """Relevance, the page's language (or ``language``) first: see PAGE_LANGUAGE_FIRST."""
    first = language or page_language()
    terms = []
    for code in languages_from(first):
        field, query = VECTOR_FIELDS[code], websearch(q, code)
        rank = Coalesce(
            SearchRank(F(field), query, normalization=RANK_NORMALIZATION),
            Value(0.0),
            output_field=models.FloatField(),
        )
        if code == first:
            terms.append(
                Case(
                    When(**{field: query}, then=Value(PAGE_LANGUAGE_FIRST)),
                    default=Value(0.0),
                    output_field=models.FloatField(),
                )
            )
            terms.append(rank)
        else:
            terms.append(rank * Value(OTHER_LANGUAGE_WEIGHT))
    return functools.reduce(operator.add, terms)


def shown_languages(model, field: str):
    """How to tell, in the database, which language a row's ``field`` is shown in:
    (language, condition) pairs to try in order, and the language when none holds."""
    language_field = getattr(model, "search_language_field", None)
    if language_field:
        return [(code, Q(**{language_field: code})) for code in SEARCH_CONFIGS], DEFAULT_LANGUAGE
    if field not in translated_fields(model):
        return [], DEFAULT_LANGUAGE
    # As the pages show it: the page's language, else the first one with text.
    order = languages_from(page_language())
    return [(code, has_text(column(model, field, code))) for code in order], DEFAULT_LANGUAGE


class SearchableQuerySet(models.QuerySet):
    """Mixed into a content model's QuerySet. The model declares:

    - ``search_document(language)``, a classmethod: weight ("A".."D") -> list of field
      names or expressions (subqueries from :func:`aggregated_text` and :func:`tag_text`
      for related names, :func:`place_text` and :func:`translated_name` for names that are
      translated), evaluated inside the database;
    - ``search_fallback_lookups``, the short fields the trigram fallback looks at (e.g.
      ``["title", "cities__name"]``; a translated field is looked at in every language);
    - for single-language content, ``search_language_field``, the field with its language.
    """

    def refresh_search_vectors(self) -> int:
        """Recompute the stored vectors of every row in this queryset in one UPDATE."""
        return self.update(
            **{
                field: document_vector(self.model, language)
                for language, field in VECTOR_FIELDS.items()
            }
        )

    def matching(self, q: str):
        """Rows whose text, in either language, matches ``q``."""
        return self.filter(search_condition(q))

    def full_text(self, q: str):
        """Matching rows, annotated with their ``rank`` (the page's language first)."""
        return self.matching(q).annotate(rank=search_rank(q))

    def similar_ids(self, q: str) -> list:
        """Misspelling-tolerant match on short fields. Related names (cities, tags,
        people) are matched in their own small tables first, then items through their
        indexed links; the item's own columns (titles, in each language) through their
        trigram index, at PostgreSQL's word-similarity threshold."""
        manager = self.model._base_manager
        matches = []
        for fallback_lookup in self.model.search_fallback_lookups:
            for lookup in columns(self.model, fallback_lookup):
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
        matches wrapped in private-use markers (see the ``snippet`` template filter), in
        the language the item's text is shown in (the first field's: the page's language
        when written in it, else the other), and ``snippet_language``, that language."""
        choices, default = shown_languages(self.model, fields[0])
        snippets = {code: self._headline(q, fields, code) for code in [*dict(choices), default]}
        if not choices:
            return self.annotate(snippet=snippets[default], snippet_language=Value(default))
        language_field = getattr(self.model, "search_language_field", None)
        return self.annotate(
            snippet=Case(
                *[When(condition, then=snippets[code]) for code, condition in choices],
                default=snippets[default],
                output_field=models.TextField(),
            ),
            snippet_language=F(language_field)
            if language_field
            else Case(
                *[When(condition, then=Value(code)) for code, condition in choices],
                default=Value(default),
                output_field=models.CharField(),
            ),
        )

    def _headline(self, q: str, fields, language: str):
        text = Concat(
            *[
                part
                for field in fields
                for part in (F(column(self.model, field, language)), Value(" "))
            ],
            output_field=models.TextField(),
        )
        return SearchHeadline(
            text,
            websearch(q, language),
            config=config_for(language),
            start_sel=HIGHLIGHT_START,
            stop_sel=HIGHLIGHT_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )


# -- "Did you mean" ---------------------------------------------------------------------

# A word of a title, as "Did you mean" may propose it (letters and digits, any script).
WORD_SEPARATORS = "[^[:alnum:]]+"
MAX_SUGGESTED_WORDS = 6
MIN_WORD_LENGTH = 4


@dataclass(frozen=True)
class Vocabulary:
    """Terms "Did you mean" may propose: the values of ``columns`` in a queryset's rows
    (names of cities, tags, countries in each language…) or, with ``words``, each word of
    them (titles), lower-cased."""

    queryset: object
    columns: tuple = ("name",)
    words: bool = False

    @classmethod
    def of(cls, queryset, *fields, words=False):
        """A vocabulary of ``fields`` ("name" by default); a translated field is read in
        every language (a country is "Germany" and "Allemagne")."""
        model = queryset.model
        found = [name for field in fields or ("name",) for name in columns(model, field)]
        return cls(queryset, tuple(dict.fromkeys(found)), words)

    @property
    def key(self):
        """Vocabularies with the same key can be merged (OR of their querysets)."""
        return (self.queryset.model, self.columns, self.words)

    def terms_sql(self):
        """(sql, params) of a query giving one ``term`` per row, or None when the
        queryset can match nothing."""
        try:
            inner, params = (
                self.queryset.order_by().values_list(*self.columns).query.sql_with_params()
            )
        except EmptyResultSet:
            return None
        # Only SQL compiled by the ORM and generated aliases are put together here; every
        # value (the words, the pattern) is a parameter.
        names = ", ".join(f"c{n}" for n in range(len(self.columns)))
        if self.words:
            sql = (
                "SELECT term FROM (SELECT regexp_split_to_table("  # noqa: S608
                f"lower(concat_ws(' ', {names})), %s) AS term FROM ({inner}) AS v({names})) AS w "
                "WHERE length(term) >= %s"
            )
            return sql, (WORD_SEPARATORS, *params, MIN_WORD_LENGTH)
        sql = f"SELECT unnest(ARRAY[{names}]) AS term FROM ({inner}) AS v({names})"  # noqa: S608
        return sql, params


def folded(text: str) -> str:
    """Lower case without accents: "Montréal" and "montreal" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def closest_terms(words, vocabularies) -> dict:
    """For each word, the closest term of the vocabularies (accents ignored) at
    SUGGESTION_SIMILARITY or above; on a tie, the earlier vocabulary's. One query."""
    parts, params = [], []
    for priority, vocabulary in enumerate(vocabularies):
        terms = vocabulary.terms_sql()
        if terms is None:
            continue
        sql, terms_params = terms
        parts.append(f"SELECT term, {priority} AS priority FROM ({sql}) AS t{priority}")  # noqa: S608
        params.extend(terms_params)
    if not parts or not words:
        return {}
    similarity = "word_similarity(unaccent(w.word), unaccent(t.term))"
    # The vocabularies' SQL comes from the ORM; the words are parameters.
    sql = (
        "SELECT DISTINCT ON (w.word) w.word, t.term "  # noqa: S608
        "FROM unnest(%s::text[]) AS w(word) "
        f"JOIN ({' UNION ALL '.join(parts)}) AS t ON {similarity} >= %s "
        "WHERE t.term <> '' "
        f"ORDER BY w.word, {similarity} DESC, t.priority, t.term"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(words), *params, SUGGESTION_SIMILARITY])
        return dict(cursor.fetchall())


def did_you_mean(q: str, vocabularies) -> str:
    """Replace each misspelt word of ``q`` by the closest term in the vocabularies
    (:class:`Vocabulary`, or querysets of models with a ``name``: cities, countries,
    tags…). Returns "" when there is nothing better to offer."""
    words = q.split()[:MAX_SUGGESTED_WORDS]
    vocabularies = [
        vocabulary if isinstance(vocabulary, Vocabulary) else Vocabulary.of(vocabulary)
        for vocabulary in vocabularies
    ]
    best = closest_terms(
        sorted({word for word in words if len(word) >= MIN_WORD_LENGTH}), vocabularies
    )
    corrected = []
    for word in words:
        term = best.get(word)
        # "Montreal" for "Montréal" is no correction: search ignores accents.
        corrected.append(term if term and folded(term) != folded(word) else word)
    suggestion = " ".join(corrected)
    return suggestion if folded(suggestion) != folded(" ".join(words)) else ""
