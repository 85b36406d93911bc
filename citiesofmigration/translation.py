"""Translated fields of the shared models (issue 11): one column per language.

Theme slugs stay the same in both languages: they are facet values in shareable addresses
(``?theme=live``), and the language toggle keeps the query string as it is."""

from modeltranslation.translator import TranslationOptions, register

from citiesofmigration.models import Country, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "tagline", "intro", "description")
    required_languages = ("en",)
    # Unique columns keep NULL, not "", until a translation is written.
    empty_values = {"name": None}


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
    empty_values = {"name": None}
