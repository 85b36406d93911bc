"""An event's date and time in words: in its own time zone, and in a few major zones as
the original Learning Exchange listed them (Vancouver, Toronto, London, Berlin, Sydney)."""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citiesofmigration import formats
from events.models import DatePrecision

MAJOR_ZONES = [
    ("America/Vancouver", gettext_lazy("Vancouver")),
    ("America/Toronto", gettext_lazy("Toronto")),
    ("Europe/London", gettext_lazy("London")),
    ("Europe/Berlin", gettext_lazy("Berlin")),
    ("Australia/Sydney", gettext_lazy("Sydney")),
]


@dataclass
class ZoneTime:
    label: str
    zone: str
    start: datetime
    end: datetime

    @property
    def text(self):
        return time_range(self.start, self.end)


def format_date(value: datetime) -> str:
    """The day: "Tuesday 3 March 2026" / "mardi 3 mars 2026" (citiesofmigration.formats)."""
    return formats.long_date(value, weekday=True)


def format_time(value: datetime) -> str:
    """The time: "11:00 AM" / "11 h" / "12 h 30"."""
    return formats.clock(value)


def time_range(start: datetime, end: datetime) -> str:
    """ "Tuesday 3 March 2026, 11:00 AM – 12:30 PM EST" (the end's date when it differs)."""
    if start.date() == end.date():
        return _("%(date)s, %(start)s – %(end)s %(zone)s") % {
            "date": format_date(start),
            "start": format_time(start),
            "end": format_time(end),
            "zone": start.tzname(),
        }
    return _("%(start_date)s, %(start)s %(start_zone)s – %(end_date)s, %(end)s %(end_zone)s") % {
        "start_date": format_date(start),
        "start": format_time(start),
        "start_zone": start.tzname(),
        "end_date": format_date(end),
        "end": format_time(end),
        "end_zone": end.tzname(),
    }


def date_range(start: datetime, end: datetime) -> str:
    """ "3 March 2026", "3–5 March 2026", "30 March – 2 April 2026"…"""
    if start.date() == end.date():
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        first = formats.portal_format("FIRST_DAY_OF_MONTH") if start.day == 1 else start.day
        return _("%(start)s–%(end)s") % {"start": first, "end": formats.long_date(end)}
    start_text = (
        formats.day_and_month(start) if start.year == end.year else formats.long_date(start)
    )
    return _("%(start)s – %(end)s") % {"start": start_text, "end": formats.long_date(end)}


def describe(event) -> str:
    """The event's time in its own zone, at the precision known."""
    start, end = event.local_start, event.local_end
    if event.date_precision == DatePrecision.MONTH:
        return dateformat.format(start, "F Y")
    if event.date_precision == DatePrecision.DAY:
        return date_range(start, end)
    return time_range(start, end)


def describe_with_zone(event) -> str:
    text = describe(event)
    if event.has_times:
        return _("%(when)s (%(zone)s time)") % {"when": text, "zone": event.time_zone}
    return text


def in_major_zones(event) -> list[ZoneTime]:
    """The event's times elsewhere; its own zone is left out (it is shown first)."""
    if not event.has_times:
        return []
    rows = []
    own_offset = event.local_start.utcoffset()
    for zone, label in MAJOR_ZONES:
        tz = zoneinfo.ZoneInfo(zone)
        start = event.start.astimezone(tz)
        if zone == event.time_zone or (
            start.utcoffset() == own_offset and start.tzname() == event.local_start.tzname()
        ):
            continue
        rows.append(ZoneTime(str(label), zone, start, event.end.astimezone(tz)))
    return rows


def duration(event) -> timedelta:
    return event.end - event.start
