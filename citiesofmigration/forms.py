"""Form fields shared by every public form (idea proposals, comments, the newsletter,
event registration).

A one-line field (a name, a title, a city, an e-mail address) refuses line breaks and
invisible control characters, with a message naming the field; it does not silently
change them. Why refuse rather than normalise: these values end up in e-mail subjects,
CSV, RIS and BibTeX exports, feeds and admin lists, where a line break (U+2028 and U+2029
included, which many programs treat as one) or a bidirectional override changes what the
next reader sees; storing a silently altered value would keep something the person never
saw. Browsers already drop CR and LF from one-line inputs, so the refusal reaches only
invisible characters carried by a paste, and scripts; a person retypes the field and the
rest of the form is kept.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

# Line breaks of every kind: str.splitlines() splits on exactly these.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")

# Invisible format characters that writing needs and that cannot reorder or hide text:
# zero-width (non-)joiners (emoji sequences, Persian, Indic scripts), the left-to-right,
# right-to-left and Arabic letter marks, and the tag characters of subdivision flags.
# Every other format character (bidirectional overrides and isolates, zero-width spaces,
# byte-order marks) is refused.
ALLOWED_FORMAT_CHARACTERS = frozenset("\u200c\u200d\u200e\u200f\u061c") | frozenset(
    chr(code) for code in range(0xE0020, 0xE0080)
)


def one_line_problem(value: str) -> str | None:
    """``"multiline"``, ``"control"`` or None for a value of a one-line field."""
    for char in value:
        if char in LINE_BREAKS:
            return "multiline"
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or (category == "Cf" and char not in ALLOWED_FORMAT_CHARACTERS):
            return "control"
    return None


def multi_line_problem(value: str) -> str | None:
    """``"control"`` or None for a free-text field (a comment, accessibility needs): line
    breaks of every kind and tabs are welcome there, other control characters are not."""
    return one_line_problem(
        "".join(" " if char in LINE_BREAKS or char == "\t" else char for char in value)
    )


ONE_LINE_MESSAGES = {
    "multiline": _("Please keep this on one line."),
    "control": _("Please remove the special characters."),
}


class OneLineMixin:
    """Checks the value as typed, before whitespace is stripped, so that a line break at
    either end is refused too and not trimmed away unseen."""

    default_error_messages = ONE_LINE_MESSAGES

    def to_python(self, value):
        # A NUL is left to Django's own validator on every CharField, and its message.
        if value not in self.empty_values and "\x00" not in str(value):
            problem = one_line_problem(str(value))
            if problem:
                raise forms.ValidationError(self.error_messages[problem], code=problem)
        return super().to_python(value)


class OneLineCharField(OneLineMixin, forms.CharField):
    """A single-line text field: names, titles, organisations, cities."""


class OneLineEmailField(OneLineMixin, forms.EmailField):
    """An e-mail address. Django's EmailField alone accepts U+2028 and bidirectional
    overrides in the domain part (it allows internationalised domains)."""


class MultiLineCharField(forms.CharField):
    """Free text on several lines (a comment, a story, accessibility needs): line breaks
    and tabs are kept, other control characters are refused as in one-line fields."""

    default_error_messages = {"control": ONE_LINE_MESSAGES["control"]}

    def to_python(self, value):
        value = super().to_python(value)
        if value and "\x00" not in value and multi_line_problem(value):
            raise forms.ValidationError(self.error_messages["control"], code="control")
        return value
