from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ELibraryConfig(AppConfig):
    name = "elibrary"
    verbose_name = _("E-Library")

    def ready(self):
        from citiesofmigration import related, sitesearch
        from elibrary.sections import resources_search, resources_section

        related.register(resources_section)
        sitesearch.register(resources_search)
