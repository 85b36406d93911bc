from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Integration Learning Exchange")

    def ready(self):
        from citiesofmigration import related, sitesearch
        from events.sections import events_search, upcoming_events_section

        related.register(upcoming_events_section)
        sitesearch.register(events_search)
