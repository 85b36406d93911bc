from django import forms
from django.utils.translation import gettext_lazy as _

from citiesofmigration.models import Country, Theme

HONEYPOT_FIELD = "homepage"


class SubmitGoodIdeaForm(forms.Form):
    """A practitioner proposes a practice. It goes to the editors' review queue."""

    title = forms.CharField(label=_("Name of the practice"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    province = forms.CharField(label=_("Province or state"), max_length=100, required=False)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), empty_label=_("Choose a country")
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("The theme that fits best; editors may add others."),
    )
    summary = forms.CharField(
        label=_("In one sentence"),
        max_length=300,
        help_text=_("What the practice does and for whom (up to 300 characters)."),
    )
    story = forms.CharField(
        label=_("The story"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How it started, who runs it, what it achieved (up to 10,000 characters)."),
    )
    organisation = forms.CharField(label=_("Lead organisation"), max_length=200, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    submitter_name = forms.CharField(label=_("Your name"), max_length=120)
    submitter_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_(
            "Only the editors see your name and e-mail, to ask you about the practice. "
            "They are never published, and are removed when the idea is published or declined."
        ),
    )
    # Bots fill every field; people never see this one.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean(self):
        cleaned = super().clean()
        for name in ["title", "city", "province", "summary", "organisation", "submitter_name"]:
            value = cleaned.get(name)
            if value and ("\r" in value or "\n" in value):
                self.add_error(name, _("Please keep this on one line."))
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))
