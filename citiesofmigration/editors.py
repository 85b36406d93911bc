"""The "Editors" group: staff who curate content in the admin without being superusers."""

from django.apps import apps as global_apps

EDITORS_GROUP = "Editors"

# Apps whose content editors curate. Apps not installed yet are simply skipped.
CURATED_APPS = ("citiesofmigration", "goodideas", "elibrary", "events", "blog", "taggit")

# Editors may change a theme's wording, but the set of five themes is fixed.
WITHHELD_PERMISSIONS = {"add_theme", "delete_theme"}


def editor_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label__in=CURATED_APPS).exclude(
        codename__in=WITHHELD_PERMISSIONS
    )


def sync_editors_group(sender=None, apps=global_apps, **kwargs):
    """Create the Editors group and give it every permission on curated content."""
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions())
    return group
