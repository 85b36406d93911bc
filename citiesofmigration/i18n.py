"""The portal in two languages (issue 11): addresses, the language toggle, translated content.

Every public page lives under /en/ or /fr/ (``i18n_patterns``). An unprefixed address, a
bookmark or a link in an e-mail sent before the prefixes existed, answers 301 to the same
page in the visitor's language (their earlier choice, else their browser's). The toggle in
the header links to the same page in the other language, query string included, and the
language of the page a person last opened is remembered in Django's language cookie.

Content fields have one column per language (django-modeltranslation, see each app's
``translation.py``). :func:`localized` tells templates whether a field is shown in the
page's language or falls back to the other one, so the fallback can be marked ``lang="en"``.
"""

import functools
import operator

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, override
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Each language's name in itself, for the toggle (never translated).
NATIVE_NAMES = {"en": "English", "fr": "Français"}


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with a permanent redirect from unprefixed addresses (they
    are old addresses, not temporary ones) that varies on the visitor's language, and the
    language of each prefixed page remembered as the visitor's choice."""

    response_redirect_class = HttpResponsePermanentRedirect

    def process_response(self, request, response):
        response = super().process_response(request, response)
        language = translation.get_language_from_path(request.path_info)
        if (
            language
            and 200 <= response.status_code < 300
            # A page a person reads, not a feed or calendar a client polls without cookies.
            and response.get("Content-Type", "").startswith("text/html")
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def language_field(verbose_name, **options):
    """The language a person used (a registrant, subscriber, commenter, proposer): every
    e-mail they get is written in it, and links in it lead to pages in it."""
    from django.db import models

    options.setdefault("default", settings.LANGUAGE_CODE)
    return models.CharField(verbose_name, max_length=5, choices=settings.LANGUAGES, **options)


def current_language() -> str:
    """The language of the page being answered, as stored in a ``language_field`` (what a
    form records for the person who sent it)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def set_alternates(request, urls: dict[str, str]) -> None:
    """A view's own addresses of this page per language (an item whose slug differs per
    language, an E-Library resource whose other-language edition is another item)."""
    request.language_alternates = urls


def object_alternates(obj) -> dict[str, str]:
    """``obj.get_absolute_url()`` in each language: its slug in that language, if any."""
    urls = {}
    for code in LANGUAGE_CODES:
        with override(code):
            urls[code] = obj.get_absolute_url()
    return urls


def alternates(request) -> list[dict]:
    """The current page in every language, query string included: from the view when it
    set them, else by resolving this address and reversing it under the other prefix."""
    chosen = getattr(request, "language_alternates", None) or {}
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code in LANGUAGE_CODES:
        if code in chosen:
            url = chosen[code] + (f"?{query}" if query else "")
        else:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and code != get_language():
                # Not a page that exists in both languages (e.g. the admin).
                continue
        links.append({"code": code, "name": NATIVE_NAMES[code], "url": url})
    return links


def localized(obj, field: str) -> tuple[object, str]:
    """(value, language) for a translated field in the current language, falling back to
    the default language when there is no text in this one."""
    current = get_language() or settings.LANGUAGE_CODE
    order = [current] + [code for code in LANGUAGE_CODES if code != current]
    for code in order:
        value = getattr(obj, build_localized_fieldname(field, code), None)
        if value:
            return value, code
    return "", current


def translated_fields(model) -> set[str]:
    """The model's fields that have one column per language (none if not registered)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def slug_q(model, slug: str) -> Q:
    """Matches an item by its slug in any language: an address keeps working when it is
    opened under the other language's prefix (the toggle, a shared link, an old bookmark)."""
    if "slug" not in translated_fields(model):
        return Q(slug=slug)
    lookups = [Q(**{build_localized_fieldname("slug", code): slug}) for code in LANGUAGE_CODES]
    return functools.reduce(operator.or_, lookups)


def own_address(request, obj, slug: str):
    """For a detail page: note the item's address in each language for the toggle and
    hreflang, and answer 301 to its address in this language when it was opened by the
    other language's slug. Returns the redirect, or None to go on rendering."""
    set_alternates(request, object_alternates(obj))
    if request.method in ("GET", "HEAD") and obj.slug != slug:
        url = obj.get_absolute_url()
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    return None


def register_translated_history(model, **options):
    """simple-history for a model with translated fields, registered once
    modeltranslation has added the per-language columns, so that history and revert cover
    both languages. A historical table holds many versions of one row: its copies of
    unique columns (slug_en, slug_fr) must not be unique. simple-history lifts that for
    ordinary fields, but a translated field describes itself from the original field
    (``deconstruct``), so the lift is repeated where that description reads it."""
    from simple_history import register

    register(model, **options)
    historical = model.history.model
    for field in historical._meta.local_fields:
        if hasattr(field, "translated_field") and field.translated_field.unique:
            field._field_options_kwargs = {"unique": False, "db_index": True}
