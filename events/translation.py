"""Translated fields of events (issue 11)."""

from modeltranslation.translator import TranslationOptions, register

from citiesofmigration.i18n import register_translated_history
from events.models import Event


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "description", "cancellation_note", "lessons")
    required_languages = {"en": ("title",)}
    empty_values = {"slug": None}


# Editors' history and revert (issue 9) must see both languages' columns, so the historical
# model is built here, once modeltranslation has added them, rather than on the model class.
register_translated_history(Event, excluded_fields=["search_vector", "search_vector_fr"])
