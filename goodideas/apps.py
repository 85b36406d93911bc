from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoodIdeasConfig(AppConfig):
    name = "goodideas"
    verbose_name = _("Good Ideas in Integration")

    def ready(self):
        from citiesofmigration import related, sitesearch
        from goodideas.sections import good_ideas_search, good_ideas_section, good_ideas_tally

        related.register(good_ideas_section)
        related.register_tally(good_ideas_tally)
        sitesearch.register(good_ideas_search)
