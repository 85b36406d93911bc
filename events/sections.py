from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from citiesofmigration.related import Section, Tally
from citiesofmigration.sitesearch import RESULTS_PER_SECTION
from events.models import Event

HOME_SIZE = 3
SECTION_SIZE = 6

# Upcoming and past events alike: a city named only by the archive (the Metropolis
# conferences in Copenhagen and Milan) is still a city the portal knows about.
events_tally = Tally(
    key="events",
    label=ngettext_lazy("%(count)s event", "%(count)s events", "count"),
    published=lambda: Event.objects.published().not_cancelled(),
)


def upcoming_events_section(*, theme=None, city=None):
    """The next events, on the home page, a theme's page or a city's page."""
    events = (
        Event.objects.published()
        .upcoming()
        .not_cancelled()
        .about(theme=theme, city=city)
        .for_cards()
        .order_by("start", "pk")
    )
    if theme is None and city is None:
        return Section(
            title=_("Next in the Learning Exchange"),
            items=list(events[:HOME_SIZE]),
            item_template="events/_card.html",
            item_name="event",
            more_url=reverse("events:list"),
            more_label=_("All upcoming events"),
        )
    params = {"theme": theme.slug} if theme else {"city": city.slug}
    return Section(
        title=_("Upcoming events"),
        items=list(events[:SECTION_SIZE]),
        item_template="events/_card.html",
        item_name="event",
        more_url=f"{reverse('events:list')}?{urlencode(params)}",
        more_label=_("All upcoming events on this theme")
        if theme
        else _("All upcoming events in this city"),
    )


def past_events_section(*, theme=None, city=None):
    """The archive's events about a theme or a city, the latest first (not on the home
    page, which looks ahead)."""
    if theme is None and city is None:
        return None
    events = (
        Event.objects.published()
        .past()
        .not_cancelled()
        .about(theme=theme, city=city)
        .for_cards()
        .order_by("-start", "-pk")
    )
    params = {"theme": theme.slug} if theme else {"city": city.slug}
    return Section(
        title=_("Past events"),
        items=list(events[:SECTION_SIZE]),
        item_template="events/_card.html",
        item_name="event",
        more_url=f"{reverse('events:archive')}?{urlencode(params)}",
        more_label=_("All past events on this theme")
        if theme
        else _("All past events in this city"),
    )


def events_search(query):
    """The best events for a site-wide search: upcoming ones first, then the archive."""
    from events.filters import EventFilterSet

    # Everything published except cancelled events that are over.
    events = Event.objects.published().exclude(cancelled_at__isnull=False, end__lt=timezone.now())
    filterset = EventFilterSet({"q": query}, queryset=events)
    return Section(
        title=_("Learning Exchange"),
        items=list(filterset.qs.for_cards()[:RESULTS_PER_SECTION]),
        item_template="events/_card.html",
        item_name="event",
        more_url=f"{reverse('events:archive')}?{urlencode({'q': query})}",
        more_label=_("Search the archive of past events"),
        extra={"filterset": filterset},
    )
