from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Conversations on Integration")

    def ready(self):
        from blog.sections import latest_posts_section, posts_search, posts_tally
        from citiesofmigration import related, sitesearch

        related.register(latest_posts_section)
        related.register_tally(posts_tally)
        sitesearch.register(posts_search)
