from datetime import timedelta

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from blog.models import COMMENT_BODY_MAX, COMMENT_NAME_MAX
from citiesofmigration.forms import MultiLineCharField, OneLineCharField, OneLineEmailField

# Bots fill every field; people never see this one.
HONEYPOT_FIELD = "website"

# A person needs a few seconds to write a comment; a form older than this is stale.
FORM_MIN_AGE = timedelta(seconds=3)
FORM_MAX_AGE = timedelta(hours=2)
_FORM_SALT = "blog.comment-form"


def comment_form_token(post) -> str:
    """A signed, timestamped token for the comment form of this post."""
    return signing.TimestampSigner(salt=_FORM_SALT).sign(str(post.pk))


class CommentForm(forms.Form):
    name = OneLineCharField(
        label=_("Your name"),
        max_length=COMMENT_NAME_MAX,
        strip=False,  # clean_name strips, so that blank names get their own message
        error_messages={"multiline": _("Please keep your name on one line.")},
        help_text=_("Shown with your comment."),
    )
    email = OneLineEmailField(
        label=_("Your e-mail"),
        help_text=_(
            "Never shown. Only the editors see it, if they need to ask you about your comment."
        ),
    )
    body = MultiLineCharField(
        label=_("Your comment"),
        max_length=COMMENT_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain text, up to 3,000 characters. Editors read every comment before it appears."
        ),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    error_messages = {
        "tampered": _(
            "We could not check this form. Please reload the page and send your comment again."
        ),
        "expired": _(
            "This form was open for more than two hours. Please send your comment again; "
            "your text is kept below."
        ),
        "too_fast": _(
            "That was sent faster than anyone can write. Please check your comment and send "
            "it again."
        ),
    }

    def __init__(self, *args, post, **kwargs):
        self.post = post
        super().__init__(*args, **kwargs)

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please give a name."), code="required")
        return name

    def clean_started(self):
        """Reject a tampered token, a form sent within seconds of loading (a bot) or one
        left open for hours, each with a message a person can act on."""
        token = self.cleaned_data["started"]
        signer = signing.TimestampSigner(salt=_FORM_SALT)
        try:
            value = signer.unsign(token, max_age=FORM_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(self.error_messages["expired"], code="expired") from None
        except signing.BadSignature:
            raise forms.ValidationError(self.error_messages["tampered"], code="tampered") from None
        if value != str(self.post.pk):
            raise forms.ValidationError(self.error_messages["tampered"], code="tampered")
        try:
            signer.unsign(token, max_age=FORM_MIN_AGE)
        except signing.SignatureExpired:
            return token  # old enough: a person had time to write
        raise forms.ValidationError(self.error_messages["too_fast"], code="too_fast")


class NewsletterForm(forms.Form):
    email = OneLineEmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_(
            "Used only to send you the Conversations on Integration newsletter, about once "
            "a month. Never shared, never shown. Every newsletter has a one-click "
            "unsubscribe link."
        ),
    )
    consent = forms.BooleanField(
        label=_("Yes, send me the newsletter. I can unsubscribe at any time."),
        required=True,
        error_messages={"required": _("Please tick the box to say you want the newsletter.")},
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))
