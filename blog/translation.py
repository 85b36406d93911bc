"""Translated fields of posts (issue 11)."""

from modeltranslation.translator import TranslationOptions, register

from blog.models import Post
from citiesofmigration.i18n import register_translated_history


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "image_alt")
    required_languages = {"en": ("title", "body")}
    empty_values = {"slug": None}


# Editors' history and revert (issue 9) must see both languages' columns, so the historical
# model is built here, once modeltranslation has added them, rather than on the model class.
register_translated_history(Post, excluded_fields=["search_vector", "search_vector_fr"])
