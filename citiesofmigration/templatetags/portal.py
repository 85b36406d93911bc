import html
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe

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
