import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "homepage"

ONE_LINE_FIELDS = ["name", "email", "organisation", "role", "city", "country"]


def _has_control_characters(value: str, *, allow_newlines=False) -> bool:
    for char in value:
        if allow_newlines and char in "\r\n\t":
            continue
        if unicodedata.category(char) == "Cc":
            return True
    return False


class RegistrationForm(forms.Form):
    """Only what running the event needs; the privacy notice next to the consent box says
    what is kept, why and for how long."""

    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("For your confirmation, the calendar file, reminders and the joining link."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Helps the hosts know which cities and services take part."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Role or job title"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        help_text=_("City-to-city exchanges pair people by city."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example captions, sign language interpretation or step-free access. Only "
            "the organisers see this, to arrange it (up to 1,000 characters)."
        ),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my details are kept as it says."),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )
    # Bots fill every field; people never see this one.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean(self):
        cleaned = super().clean()
        for name in ONE_LINE_FIELDS:
            value = self.data.get(name) or ""
            if "\r" in value or "\n" in value:
                self.add_error(name, _("Please keep this on one line."))
                cleaned.pop(name, None)
            elif _has_control_characters(value):
                self.add_error(name, _("Please remove the special characters."))
                cleaned.pop(name, None)
        needs = cleaned.get("accessibility_needs") or ""
        if _has_control_characters(needs, allow_newlines=True):
            self.add_error("accessibility_needs", _("Please remove the special characters."))
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))


class PersonalDataForm(forms.Form):
    """Admin: export or delete everything held about one e-mail address."""

    email = forms.EmailField(label=_("E-mail address"))
