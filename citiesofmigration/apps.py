from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CitiesOfMigrationConfig(AppConfig):
    name = "citiesofmigration"
    verbose_name = _("Themes and places")

    def ready(self):
        from django.contrib import admin

        from citiesofmigration import checks  # noqa: F401 - registers the system checks
        from citiesofmigration.accounts import AdminLoginForm
        from citiesofmigration.editors import sync_editors_group

        # Says plainly why the local editor is refused outside DEBUG.
        admin.site.login_form = AdminLoginForm
        admin.site.site_header = _("Cities of Migration — editors")
        admin.site.site_title = _("Cities of Migration admin")
        admin.site.index_title = _("Curate the portal")

        # Permissions exist only after every app has migrated, hence post_migrate.
        post_migrate.connect(sync_editors_group, dispatch_uid="sync_editors_group")
