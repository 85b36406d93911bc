from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Integration Learning Exchange")

    def ready(self):
        from citiesofmigration import related, sitesearch
        from events.sections import (
            events_search,
            events_tally,
            past_events_section,
            upcoming_events_section,
        )

        related.register(upcoming_events_section)
        related.register(past_events_section)
        related.register_tally(events_tally)
        sitesearch.register(events_search)
