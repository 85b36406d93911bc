"""An event's date and time in words: in its own time zone, and in a few major zones as
the original Learning Exchange listed them (Vancouver, Toronto, London, Berlin, Sydney)."""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import DatePrecision

MAJOR_ZONES = [
    ("America/Vancouver", gettext_lazy("Vancouver")),
    ("America/Toronto", gettext_lazy("Toronto")),
    ("Europe/London", gettext_lazy("London")),
    ("Europe/Berlin", gettext_lazy("Berlin")),
    ("Australia/Sydney", gettext_lazy("Sydney")),
]

DATE = "l j F Y"
TIME = "g:i A"


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
    return dateformat.format(value, DATE)


def format_time(value: datetime) -> str:
    return dateformat.format(value, TIME)


def time_range(start: datetime, end: datetime) -> str:
    """ "Tuesday 3 March 2026, 11:00 AM – 12:30 PM EST" (the end's date when it differs)."""
    zone_name = start.tzname()
    if start.date() == end.date():
        return f"{format_date(start)}, {format_time(start)} – {format_time(end)} {zone_name}"
    return (
        f"{format_date(start)}, {format_time(start)} {zone_name} – "
        f"{format_date(end)}, {format_time(end)} {end.tzname()}"
    )


def date_range(start: datetime, end: datetime) -> str:
    if start.date() == end.date():
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{dateformat.format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{dateformat.format(start, 'j F')} – {dateformat.format(end, 'j F Y')}"
    return f"{dateformat.format(start, 'j F Y')} – {dateformat.format(end, 'j F Y')}"


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
