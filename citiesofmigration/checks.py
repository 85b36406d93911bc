"""System checks for deployment mistakes that settings alone cannot reveal."""

from django.core.checks import Warning, register
from django.db import DatabaseError

from citiesofmigration.accounts import LOCAL_EDITOR_USERNAME

LOCAL_EDITOR_EXISTS = "citiesofmigration.W001"


@register(deploy=True)
def local_editor_absent(app_configs=None, **kwargs):
    """The local editor's password is public. It cannot log in while DEBUG is off, but a
    production database should not hold it at all (it arrives when a database was first
    set up with `make run`). Shown by `manage.py check --deploy`."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    if settings.DEBUG:
        return []
    try:
        exists = get_user_model().objects.filter(username=LOCAL_EDITOR_USERNAME).exists()
    except DatabaseError:
        # No database to look at (e.g. `make check-deploy` without one): nothing to say.
        return []
    if not exists:
        return []
    return [
        Warning(
            f"The local development account {LOCAL_EDITOR_USERNAME!r} exists while DEBUG is "
            "off. Its password is public; it is refused at login, but should not be kept.",
            hint=(
                'Delete it in the admin (Users) or with: manage.py shell -c "from '
                "django.contrib.auth.models import User; "
                f"User.objects.filter(username='{LOCAL_EDITOR_USERNAME}').delete()\""
            ),
            id=LOCAL_EDITOR_EXISTS,
        )
    ]


LOCAL_ADDRESSES_IN_PRODUCTION = "citiesofmigration.W002"


@register(deploy=True)
def public_addresses_configured(app_configs=None, **kwargs):
    """The contact named in every privacy notice, the editors' address and the sender of
    the portal's e-mails default to local addresses, and SITE_URL (links in e-mails) to
    this machine. In production each must be set, or people write to nowhere."""
    from django.conf import settings

    if settings.DEBUG:
        return []
    local = [
        name
        for name, value in [
            ("CONTACT_EMAIL", settings.CONTACT_EMAIL),
            ("DEFAULT_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL),
            *(("EDITORS_EMAIL", address) for address in settings.EDITORS_EMAIL),
        ]
        if value.rstrip(">").lower().endswith("@localhost")
    ]
    if any(host in settings.SITE_URL for host in ("//127.0.0.1", "//localhost", "//[::1]")):
        local.append("SITE_URL")
    if not local:
        return []
    return [
        Warning(
            f"{', '.join(sorted(set(local)))} still point at this machine: the privacy "
            "notices, e-mails and their links would name an address nobody reads.",
            hint="Set them in the environment (see the README's Configuration table).",
            id=LOCAL_ADDRESSES_IN_PRODUCTION,
        )
    ]
