from django import forms
from django.utils.translation import gettext_lazy as _

from citiesofmigration.forms import MultiLineCharField, OneLineCharField, OneLineEmailField
from citiesofmigration.models import City, Country, Theme

HONEYPOT_FIELD = "homepage"


class SubmitGoodIdeaForm(forms.Form):
    """A practitioner proposes a practice. It goes to the editors' review queue."""

    title = OneLineCharField(label=_("Name of the practice"), max_length=200)
    city = OneLineCharField(
        label=_("City"),
        max_length=100,
        help_text=_("Choose a city from the suggestions, or type a new one."),
        # The suggestions: a <datalist> in the page (templates/goodideas/submit.html).
        widget=forms.TextInput(attrs={"list": "known-cities", "autocomplete": "off"}),
    )
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

    @property
    def known_cities(self):
        """The cities published content names, suggested for the city field. A known one
        typed again in another case or without its accents is that city, not a new one
        (City.objects.get_or_create_named)."""
        return City.objects.named_by_published_content().with_country().order_by("name")

    def clean(self):
        cleaned = super().clean()
        city, country = cleaned.get("city"), cleaned.get("country")
        if city and country and not cleaned.get("province"):
            namesakes = list(City.objects.named(city, country=country)[:2])
            if len(namesakes) == 2 and namesakes[0].province:
                self.add_error(
                    "province",
                    _("Several cities in %(country)s are called %(city)s: which province or state?")
                    % {"country": country, "city": city},
                )
        return cleaned


class ContactRequestForm(forms.Form):
    """A visitor's message to an idea's private contact, passed on by the portal. Each
    field says why it is asked (the privacy notice next to the fields)."""

    name = OneLineCharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("Passed on to the contact, so that they know who is writing."),
    )
    email = OneLineEmailField(
        label=_("Your e-mail"),
        help_text=_(
            "Not shown to the contact. The portal uses it only to send you their reply, "
            "if they choose to answer."
        ),
    )
    message = MultiLineCharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Passed on to the contact as you write it, with a copy to the portal's editors "
            "(up to 3,000 characters)."
        ),
    )
    # Bots fill every field; people never see this one.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs):
        # Its own ids: the form sits on the idea's page next to other forms.
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))


class ContactReplyForm(forms.Form):
    """The contact's answer, sent to the visitor with the contact's address to reply to."""

    message = MultiLineCharField(
        label=_("Your reply"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Up to 5,000 characters."),
    )
