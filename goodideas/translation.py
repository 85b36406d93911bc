"""Translated fields of Good Ideas and collections (issue 11). Collection slugs stay the
same in both languages, like theme slugs: they are facet values in addresses."""

from modeltranslation.translator import TranslationOptions, register

from citiesofmigration.i18n import register_translated_history
from goodideas.models import Collection, GoodIdea


@register(GoodIdea)
class GoodIdeaTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "story", "results", "reflection_question")
    required_languages = {"en": ("title", "summary")}
    empty_values = {"slug": None}


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"en": ("name",)}
    empty_values = {"name": None}


# Editors' history and revert (issue 9) must see both languages' columns, so the historical
# model is built here, once modeltranslation has added them, rather than on the model class.
register_translated_history(
    GoodIdea,
    excluded_fields=["search_vector", "search_vector_fr", "submitter_name", "submitter_email"],
)
