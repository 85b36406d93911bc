"""Stored rich text is sanitised on save, so no editor (or compromised account) can store
script in a page. One field type for every app."""

import nh3
from django import forms
from django.db import models
from django_prose_editor.widgets import ProseEditorWidget

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "figure",
    "figcaption",
    "cite",
    "abbr",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ALLOWED_ATTRIBUTES = {
    # lang: a passage in another language (a French text quoting an English title), so
    # screen readers switch voice (WCAG 3.1.2).
    "*": {"lang"},
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def sanitise_html(value: str) -> str:
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


class SanitisedHTMLField(models.TextField):
    """A TextField whose HTML is cleaned with nh3 every time the model is saved."""

    def pre_save(self, model_instance, add):
        value = sanitise_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class RichTextAdminWidget(ProseEditorWidget):
    """The admin's editor for a :class:`SanitisedHTMLField` (django-prose-editor): bold,
    italic, links, lists, quotes, headings; what it writes is still cleaned by nh3 on save.

    The package's own presets need two things the site's Content-Security-Policy refuses:
    an inline ``<script type="importmap">`` (to resolve "django-prose-editor/editor") and a
    ``<style>`` element that Tiptap injects at start-up. Our preset
    (static/js/admin-prose-editor.js) imports the editor's bundle by its relative address
    instead and starts Tiptap with ``injectCSS: false``, and the same rules come from
    static/css/admin-prose-editor.css. So the policy needs no exception."""

    preset = "portal"

    def __init__(self, attrs=None):
        super().__init__(attrs, preset=self.preset)

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/admin-prose-editor.css",
                ]
            },
            js=[forms.Script("js/admin-prose-editor.js", type="module")],
        )

    def get_config(self):
        # The extensions are fixed in the preset, matching ALLOWED_TAGS above.
        return {}
