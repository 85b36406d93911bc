import html
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from citiesofmigration import formats as dates
from citiesofmigration.i18n import localized
from citiesofmigration.search import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the tag.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def snippet(value):
    """A search headline as safe HTML: tags stripped, text escaped, matches in <mark>."""
    if not value:
        return ""
    # strip_tags leaves entities (&amp;) as they were; unescape so they are escaped once.
    text = conditional_escape(html.unescape(strip_tags(value)))
    text = text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own markers become tags


@register.simple_tag(takes_context=True)
def render_section_item(context, section, item):
    """One item of a related.Section with its app's card template."""
    return render_to_string(
        section.item_template, {section.item_name: item}, request=context.get("request")
    )


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """Structured data (schema.org) for search engines. Browsers do not run data blocks,
    so the Content-Security-Policy does not apply to them; the response's nonce is added
    all the same, so no reading of the policy could count them as inline script."""
    encoded = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    # A lazy value (false until read); reading it puts the nonce in the CSP header.
    nonce = getattr(context.get("request"), "csp_nonce", None)
    if nonce is None:  # rendered outside a request, or without CSPMiddleware
        return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))  # noqa: S308
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        str(nonce),
        mark_safe(encoded),  # noqa: S308
    )


def _fallback_notes(language):
    """(short note, sentence) saying a text is shown in ``language``."""
    if language == "fr":
        return _("(in French)"), _("This text is not yet translated; it is shown in French.")
    return _("(in English)"), _("This text is not yet translated; it is shown in English.")


@register.simple_tag
def translated(obj, field, block=False, lines=None, words=None):
    """A translated content field in the page's language. When it has no text in this
    language, the other language's text is shown inside an element carrying its own
    ``lang`` (so screen readers switch voice), followed by a short note saying so.
    ``block=True`` for rich text (story, body): a <div> and a note before it.
    For plain text written in lines (results, lessons, a collection's description), the
    text is escaped and ``lines="p"`` makes paragraphs of blank lines (a block, like
    Django's ``linebreaks``), ``lines="br"`` line breaks inside the current element.
    ``words=40`` shortens plain text to its first 40 words, as ``truncatewords`` does."""
    value, language = localized(obj, field)
    if words:
        value = Truncator(value).words(int(words))
    if lines == "p":
        value, block = linebreaks(value, autoescape=True), True
    elif lines == "br":
        value = linebreaksbr(value, autoescape=True)
    elif block:
        # Rich text is sanitised (nh3) when saved.
        value = mark_safe(value)  # noqa: S308
    if language == get_language():
        return value if block else conditional_escape(value)
    short_note, sentence = _fallback_notes(language)
    if block:
        return format_html(
            '<p class="lang-note">{}</p><div lang="{}">{}</div>', sentence, language, value
        )
    return format_html(
        '<span lang="{}">{}</span> <span class="lang-note">{}</span>', language, value, short_note
    )


@register.simple_tag
def translated_text(obj, field):
    """The field's text in the page's language or its fallback, without markup: for
    attributes (alt, meta description) where an element cannot carry ``lang``."""
    return localized(obj, field)[0]


# Dates and times in the page's language (citiesofmigration.formats): "1er décembre
# 2026", "13 h 30", which Django's date filter cannot write. Given in local time.
@register.filter(expects_localtime=True)
def long_date(value, weekday=""):
    """{{ value|long_date }}: "1 December 2026"; {{ value|long_date:"weekday" }}: with the
    day's name."""
    if not value:
        return ""
    return dates.long_date(value, weekday=weekday == "weekday")


@register.filter(expects_localtime=True)
def date_and_time(value, zone=""):
    """{{ value|date_and_time }}: "1 December 2026, 1:30 PM" / "1er décembre 2026 à 13 h
    30"; {{ value|date_and_time:"zone" }} adds the time zone ("EST")."""
    if not value:
        return ""
    return dates.date_and_time(value, zone=zone == "zone")


@register.filter(expects_localtime=True)
def clock(value, zone=""):
    """{{ value|clock }}: "1:30 PM" / "13 h 30"; {{ value|clock:"zone" }}: "13 h 30 EST"."""
    if not value:
        return ""
    return dates.clock(value, zone=zone == "zone")
