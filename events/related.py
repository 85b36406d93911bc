"""Learning Exchange events on the pages of the content they relate to: an idea or a
resource shows the events an editor related to it (entered once, on the event), upcoming
and past apart. Rendered by includes/sections.html with the event card."""

from django.utils.translation import gettext_lazy as _

from citiesofmigration.related import Section


def event_sections(events, *, now=None):
    """Sections "Upcoming" then "Past" of the published ``events`` (a related manager
    or QuerySet), in a fixed number of queries; empty ones are left out."""
    upcoming, past = events.published().for_cards().upcoming_then_past(now)
    sections = [
        Section(
            title=_("Upcoming webinars and events"),
            items=upcoming,
            item_template="events/_card.html",
            item_name="event",
        ),
        Section(
            title=_("Past webinars and events"),
            items=past,
            item_template="events/_card.html",
            item_name="event",
        ),
    ]
    return [section for section in sections if section.items]
