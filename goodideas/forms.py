from django import forms
from django.utils.translation import gettext_lazy as _

from citiesofmigration.forms import MultiLineCharField, OneLineCharField, OneLineEmailField
from citiesofmigration.models import Country, Theme

HONEYPOT_FIELD = "homepage"


class SubmitGoodIdeaForm(forms.Form):
    """A practitioner proposes a practice. It goes to the editors' review queue."""

    title = OneLineCharField(label=_("Name of the practice"), max_length=200)
    city = OneLineCharField(label=_("City"), max_length=100)
    province = OneLineCharField(label=_("Province or state"), max_length=100, required=False)
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
    summary = OneLineCharField(
        label=_("In one sentence"),
        max_length=300,
        help_text=_("What the practice does and for whom (up to 300 characters)."),
    )
    story = MultiLineCharField(
        label=_("The story"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How it started, who runs it, what it achieved (up to 10,000 characters)."),
    )
    organisation = OneLineCharField(label=_("Lead organisation"), max_length=200, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    submitter_name = OneLineCharField(label=_("Your name"), max_length=120)
    submitter_email = OneLineEmailField(
        label=_("Your e-mail"),
        help_text=_(
            "Only the editors see your name and e-mail, to ask you about the practice. "
            "They are never published, and are removed when the idea is published or declined."
        ),
    )
    # Bots fill every field; people never see this one.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))
