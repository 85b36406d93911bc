"""iCalendar (.ics) files with the icalendar package: one event's file, the feed of
upcoming events, and the attachment e-mailed to confirmed registrants.

The join link goes only into the attachment for a confirmed registrant; public files
and the feed carry the event's public page instead.

Text is in the active language (issue 11): the page's for the public files and the feed
(``/fr/…`` gives French), the registrant's own for their file (the e-mail attachment and
the manage page's link, built under ``in_language(registration.language)``). A title or
summary with no text in that language falls back to English, and its ``LANGUAGE``
parameter says so (RFC 5545, 3.2.10)."""

from datetime import UTC, timedelta

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from citiesofmigration.i18n import current_language, localized
from events.models import DatePrecision

PRODID = "-//Cities of Migration//Integration Learning Exchange//EN"


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _dates(event):
    """DTSTART/DTEND: UTC date-times when the times are known, else whole days (DTEND
    is exclusive: the day after the last day)."""
    if event.date_precision == DatePrecision.TIME:
        return event.start.astimezone(UTC), event.end.astimezone(UTC)
    start = event.local_start.date()
    end = event.local_end.date()
    if event.date_precision == DatePrecision.MONTH:
        start = start.replace(day=1)
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start, end
    return start, end + timedelta(days=1)


def vevent(event, *, page_url: str, join_url: str = "", domain: str = "citiesofmigration"):
    component = icalendar.Event()
    component.add("uid", f"{event.uid}@{domain}")
    component.add("dtstamp", timezone.now().astimezone(UTC))
    start, end = _dates(event)
    component.add("dtstart", start)
    component.add("dtend", end)
    title, title_language = localized(event, "title")
    component.add("summary", _one_line(title), parameters={"LANGUAGE": title_language})
    component.add("url", page_url)
    summary, summary_language = localized(event, "summary")
    description = [summary, "", page_url]
    if join_url:
        description = [summary, "", _("Join online: %(url)s") % {"url": join_url}, "", page_url]
    component.add("description", "\n".join(description), parameters={"LANGUAGE": summary_language})
    location = join_url if (join_url and event.is_online and not event.is_in_person) else ""
    location = location or _one_line(event.place) or page_url
    component.add("location", location, parameters={"LANGUAGE": current_language()})
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    # Calendars replace an event they know when the sequence grows.
    component.add("sequence", int(event.updated_at.timestamp()) // 60 if event.updated_at else 0)
    component.add("last-modified", (event.updated_at or timezone.now()).astimezone(UTC))
    component.add("class", "PUBLIC")
    return component


def calendar(events, *, url_for, name: str = "", join_urls=None, domain="citiesofmigration"):
    """A VCALENDAR with one VEVENT per event. ``url_for(event)`` gives the public page's
    absolute URL; ``join_urls`` (event pk -> link) is passed only for a confirmed
    registrant's own attachment."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("name", name)
        cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT6H")
    for event in events:
        join_url = (join_urls or {}).get(event.pk, "")
        cal.add_component(vevent(event, page_url=url_for(event), join_url=join_url, domain=domain))
    return cal.to_ical()


def registrant_join_url(registration) -> str:
    """The join link a registrant's own calendar file carries: only for a confirmed seat
    at an online event that still takes place."""
    event = registration.event
    if registration.is_confirmed and event.is_online and not event.is_cancelled:
        return event.join_url
    return ""


def for_registrant(registration, *, url_for, domain="citiesofmigration"):
    """One registrant's calendar file (e-mail attachment and the manage page's link):
    the public file, plus the join link when :func:`registrant_join_url` allows it."""
    event = registration.event
    join_url = registrant_join_url(registration)
    return calendar(
        [event],
        url_for=url_for,
        join_urls={event.pk: join_url} if join_url else None,
        domain=domain,
    )
