"""Dates and times as each language writes them (issue 11).

Django reads the modules of this package for each language (``FORMAT_MODULE_PATH``):
``fr/formats.py`` gives French its conventions, "13 h 30", "22 décembre 2026", numbers
with a non-breaking space between thousands and a decimal comma; what a module leaves out
comes from Django's own formats for that language. Each module also names a few formats
of the portal's own (``WEEKDAY_DATE_FORMAT``, ``CLOCK_FORMAT``…), read like Django's with
``get_format``.

The functions below write a date or a time with them, adding what Django's format
language cannot say: "1er décembre" (French writes the first day of a month as an
ordinal) and "13 h" rather than "13 h 00" for a whole hour (Le guide du rédacteur).
Templates use them through the ``long_date``, ``date_and_time`` and ``clock`` filters
(``citiesofmigration/templatetags/portal.py``), events through ``events.when``.
"""

import re
from datetime import date, datetime

from django.utils import dateformat
from django.utils.formats import get_format

# Defaults for a language without a module here (its own names are those of English).
_DEFAULTS = {
    "LONG_DATE_FORMAT": "j F Y",
    "WEEKDAY_DATE_FORMAT": "l j F Y",
    "CLOCK_FORMAT": "g:i A",
    "WHOLE_HOUR_CLOCK_FORMAT": "g:i A",
    "DATE_TIME_FORMAT": "{date}, {time}",
    "DAY_MONTH_FORMAT": "j F",
    "FIRST_DAY_OF_MONTH": "1",
}
# A format character not escaped by a backslash.
_DAY_OF_MONTH = re.compile(r"(?<!\\)j")


def portal_format(name: str) -> str:
    """One of the portal's formats for the active language."""
    value = get_format(name)
    return _DEFAULTS[name] if value == name else value


def _escaped(text: str) -> str:
    return "".join(f"\\{character}" for character in text)


def _format(value: date, pattern: str) -> str:
    if value.day == 1:
        # "1er" in French: the day of the month written out, escaped as literal text.
        first = _escaped(portal_format("FIRST_DAY_OF_MONTH"))
        pattern = _DAY_OF_MONTH.sub(lambda _match: first, pattern)
    return dateformat.format(value, pattern)


def long_date(value: date, *, weekday: bool = False) -> str:
    """The date: "22 December 2026" / "1er décembre 2026"; with the weekday, "Tuesday 22
    December 2026" / "mardi 1er décembre 2026"."""
    return _format(value, portal_format("WEEKDAY_DATE_FORMAT" if weekday else "LONG_DATE_FORMAT"))


def day_and_month(value: date) -> str:
    """Day and month: "22 December" / "1er décembre" (a range's first date)."""
    return _format(value, portal_format("DAY_MONTH_FORMAT"))


def clock(value: datetime, *, zone: bool = False) -> str:
    """The time: "1:30 PM" / "13 h 30", "13 h" for a whole hour; with the zone: "13 h EST"."""
    whole_hour = value.minute == 0 and value.second == 0
    text = dateformat.format(
        value, portal_format("WHOLE_HOUR_CLOCK_FORMAT" if whole_hour else "CLOCK_FORMAT")
    )
    if zone and value.tzname():
        text = f"{text} {value.tzname()}"
    return text


def date_and_time(value: datetime, *, zone: bool = False, weekday: bool = False) -> str:
    """Date and time: "22 December 2026, 1:30 PM" / "22 décembre 2026 à 13 h 30"."""
    return portal_format("DATE_TIME_FORMAT").format(
        date=long_date(value, weekday=weekday), time=clock(value, zone=zone)
    )
