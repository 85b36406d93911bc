from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CitiesOfMigrationConfig(AppConfig):
    name = "citiesofmigration"
    verbose_name = _("Themes and places")

    def ready(self):
        from django.contrib import admin

        from citiesofmigration.editors import sync_editors_group

        admin.site.site_header = _("Cities of Migration — editors")
        admin.site.site_title = _("Cities of Migration admin")
        admin.site.index_title = _("Curate the portal")

        # Permissions exist only after every app has migrated, hence post_migrate.
        post_migrate.connect(sync_editors_group, dispatch_uid="sync_editors_group")
