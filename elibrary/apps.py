from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ELibraryConfig(AppConfig):
    name = "elibrary"
    verbose_name = _("E-Library")

    def ready(self):
        from citiesofmigration import related, sitesearch
        from elibrary.sections import resources_search, resources_section, resources_tally

        related.register(resources_section)
        related.register_tally(resources_tally)
        sitesearch.register(resources_search)
