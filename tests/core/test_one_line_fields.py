"""The one-line fields of every public form (names, titles, organisations, cities,
e-mail addresses) refuse line breaks of every kind, U+2028 and U+2029 included, and
invisible control characters, with a message; the writing that people need (emoji
sequences, joiners in Persian and Indic names, direction marks) is accepted as typed."""

import pytest

from blog.forms import CommentForm, NewsletterForm
from blog.models import Subscriber
from events.forms import RegistrationForm
from events.models import Registration
from goodideas.forms import SubmitGoodIdeaForm
from goodideas.models import GoodIdea
from tests.events.helpers import form_data
from tests.factories import CountryFactory, EventFactory

pytestmark = pytest.mark.django_db

LINE_BREAKS = {
    "LF": "\n",
    "CR": "\r",
    "line separator U+2028": "\u2028",
    "paragraph separator U+2029": "\u2029",
    "next line U+0085": "\x85",
    "vertical tab": "\x0b",
    "form feed": "\x0c",
}
CONTROL_CHARACTERS = {
    "bell": "\x07",
    "escape": "\x1b",
    "right-to-left override U+202E": "\u202e",
    "first strong isolate U+2068": "\u2068",
    "zero-width space U+200B": "\u200b",
    "byte-order mark U+FEFF": "\ufeff",
}
WELCOME = {
    "emoji family (zero-width joiners)": "Amina 👩\u200d👩\u200d👧",
    "Persian with a zero-width non-joiner": "می\u200cخواهم",
    "flag of Scotland (tag characters)": "🏴"
    + "".join(chr(0xE0000 + ord(c)) for c in "gbsct")
    + "\U000e007f",
    "right-to-left mark": "\u200fשלום",
    "accents and apostrophe": "Zoë O'Brien-Ngũgĩ",
}

# Every public form and its one-line fields.
FORMS = {
    "registration": (RegistrationForm, {}, ["name", "organisation", "role", "city", "country"]),
    "good idea": (
        SubmitGoodIdeaForm,
        {},
        ["title", "city", "province", "summary", "organisation", "submitter_name"],
    ),
    "comment": (CommentForm, {"post": None}, ["name"]),
}
EMAIL_FIELDS = {
    "registration": (RegistrationForm, {}, "email"),
    "good idea": (SubmitGoodIdeaForm, {}, "submitter_email"),
    "comment": (CommentForm, {"post": None}, "email"),
    "newsletter": (NewsletterForm, {}, "email"),
}


def errors_for(form_class, kwargs, field, value):
    form = form_class(data={field: value}, **kwargs)
    form.is_valid()
    return [error.code for error in form.errors.as_data().get(field, [])]


@pytest.mark.parametrize("form_name", FORMS)
@pytest.mark.parametrize("char", LINE_BREAKS.values(), ids=LINE_BREAKS.keys())
def test_a_line_break_in_any_one_line_field_is_refused(form_name, char):
    form_class, kwargs, fields = FORMS[form_name]
    for field in fields:
        assert errors_for(form_class, kwargs, field, f"Test{char}ville") == ["multiline"], field


@pytest.mark.parametrize("form_name", FORMS)
@pytest.mark.parametrize("char", CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys())
def test_an_invisible_control_character_in_any_one_line_field_is_refused(form_name, char):
    form_class, kwargs, fields = FORMS[form_name]
    for field in fields:
        assert errors_for(form_class, kwargs, field, f"Test{char}ville") == ["control"], field


@pytest.mark.parametrize("form_name", FORMS)
@pytest.mark.parametrize("value", WELCOME.values(), ids=WELCOME.keys())
def test_the_writing_people_need_is_accepted_as_typed(form_name, value):
    form_class, kwargs, fields = FORMS[form_name]
    for field in fields:
        form = form_class(data={field: value}, **kwargs)
        form.is_valid()
        assert field not in form.errors, (field, form.errors.get(field))
        assert form.cleaned_data[field] == value


@pytest.mark.parametrize("form_name", EMAIL_FIELDS)
@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u202e"], ids=["U+2028", "U+2029", "RLO"])
def test_an_e_mail_address_with_a_separator_or_override_is_refused(form_name, char):
    # Django's EmailField alone lets these through in the domain part.
    form_class, kwargs, field = EMAIL_FIELDS[form_name]
    assert errors_for(form_class, kwargs, field, f"ana@exa{char}mple.org") != []


@pytest.mark.parametrize("char", ["\u2028", "\u202e"], ids=["U+2028", "RLO"])
def test_the_newsletter_form_refuses_it_with_a_message_and_stores_nothing(client, char):
    response = client.post(
        "/en/conversations/newsletter/",
        {"email": f"ana@exa{char}mple.org", "consent": "on", "website": ""},
    )
    assert response.status_code == 200
    assert "Please keep this on one line." in response.content.decode() or (
        "Please remove the special characters." in response.content.decode()
    )
    assert not Subscriber.objects.exists()


def test_free_text_keeps_its_line_breaks_but_not_control_characters():
    form = RegistrationForm(data={"accessibility_needs": "Captions\r\nand\u2028a quiet room"})
    form.is_valid()
    assert "accessibility_needs" not in form.errors
    form = RegistrationForm(data={"accessibility_needs": "Captions\u202e please"})
    form.is_valid()
    assert [e.code for e in form.errors.as_data()["accessibility_needs"]] == ["control"]


def test_a_registration_with_a_line_separator_in_the_name_gets_a_message_and_stores_nothing(
    client,
):
    event = EventFactory()
    response = client.post(
        f"/en/learning-exchange/{event.slug}/register/",
        form_data(name="Amina\u2028Bcc: x@example.org"),
    )
    assert response.status_code == 200
    assert "Please keep this on one line." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_proposal_with_a_paragraph_separator_in_the_title_gets_a_message(client, themes):
    response = client.post(
        "/en/good-ideas/submit/",
        {
            "title": "Chess\u2029Club",
            "city": "Saint John",
            "country": CountryFactory(code="CA", name="Canada").pk,
            "theme": themes["connect"].pk,
            "summary": "Weekly chess evenings.",
            "story": "Started in 2019.",
            "submitter_name": "Ada Proposer",
            "submitter_email": "ada@example.org",
        },
    )
    assert response.status_code == 200
    assert "Please keep this on one line." in response.content.decode()
    assert not GoodIdea.objects.exists()
