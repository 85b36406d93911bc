from django import forms
from django.utils.translation import gettext_lazy as _

from citiesofmigration.forms import MultiLineCharField, OneLineCharField, OneLineEmailField

HONEYPOT_FIELD = "homepage"


class RegistrationForm(forms.Form):
    """Only what running the event needs; the privacy notice next to the consent box says
    what is kept, why and for how long."""

    name = OneLineCharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = OneLineEmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("For your confirmation, the calendar file, reminders and the joining link."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = OneLineCharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Helps the hosts know which cities and services take part."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = OneLineCharField(
        label=_("Role or job title"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    city = OneLineCharField(
        label=_("City"),
        max_length=100,
        required=False,
        help_text=_("City-to-city exchanges pair people by city."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = OneLineCharField(
        label=_("Country"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    accessibility_needs = MultiLineCharField(
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

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))
