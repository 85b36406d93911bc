"""Who may log in to the admin, and what a locked-out person is told.

Two rules live here:

- The local editor (``editor``/``editor``, made by ``make run``) is a development
  convenience. Its password is public, so the account is refused whenever ``DEBUG`` is
  off, even on a database that was first set up with ``make run``.
- Repeated failures lock out (django-axes, configured in settings). The lockout page
  says when to try again and whom to ask.
"""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The account `manage.py create_local_editor` makes. The name is reserved: with DEBUG off
# no account of this name can log in, whoever created it.
LOCAL_EDITOR_USERNAME = "editor"


def is_refused_local_editor(username) -> bool:
    """True when ``username`` is the local editor and this is not a development run."""
    return not settings.DEBUG and username == LOCAL_EDITOR_USERNAME


class LocalEditorRefusingBackend(ModelBackend):
    """Django's own backend, except that the local editor cannot authenticate, and an
    existing session of it is no longer honoured, while DEBUG is off."""

    def user_can_authenticate(self, user):
        if is_refused_local_editor(user.get_username()):
            return False
        return super().user_can_authenticate(user)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin login form, telling a developer plainly why the local editor is refused
    (its name and password are printed by `make run` and in the README, so saying so
    reveals nothing). The refusal happens before any password is hashed."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "local_editor": _(
            "The local editor account works only in local development (DEBUG on). "
            "Log in with your own editor account."
        ),
    }

    def clean(self):
        if is_refused_local_editor(self.cleaned_data.get("username")):
            raise ValidationError(self.error_messages["local_editor"], code="local_editor")
        return super().clean()


def lockout_response(request, original_response=None, credentials=None):
    """The page django-axes shows once an account or an address is locked out
    (AXES_LOCKOUT_CALLABLE). Attempts are refused before the password is checked, and
    refused attempts do not extend the lock (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
    is off), so "now + cool-off" is a time by which the lock has certainly ended."""
    retry_at = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    context = {
        "retry_at": retry_at,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "contact_email": settings.EDITORS_EMAIL[0] if settings.EDITORS_EMAIL else "",
    }
    return render(
        request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
