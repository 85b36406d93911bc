"""Bad input on the registration form: a clear message, no error page, nothing stored,
nothing sent."""

import pytest
from django_tasks_db.models import DBTaskResult

from events import links
from events.models import Registration
from tests.events.helpers import form_data

pytestmark = pytest.mark.django_db

BAD_INPUT = {
    "malformed e-mail": ({"email": "amina(at)example"}, "Enter a valid email address."),
    "e-mail with a header break": (
        {"email": "amina@example.org\r\nBcc: everyone@example.org"},
        "Please keep this on one line.",
    ),
    "name with CR/LF": ({"name": "Amina\r\nBcc: x@example.org"}, "Please keep this on one line."),
    "organisation with LF": ({"organisation": "City\nof Testville"}, "keep this on one line"),
    "role with CR": ({"role": "Coordinator\rManager"}, "keep this on one line"),
    "city with CR/LF": ({"city": "Test\r\nville"}, "keep this on one line"),
    "country with LF": ({"country": "Can\nada"}, "keep this on one line"),
    "10 000-character name": (
        {"name": "A" * 10_000},
        "Ensure this value has at most 150 characters",
    ),
    "10 000-character accessibility needs": (
        {"accessibility_needs": "x" * 10_000},
        "Ensure this value has at most 1000 characters",
    ),
    "NUL character in the name": ({"name": "Ami\x00na"}, "Null characters are not allowed."),
    "control character in the city": ({"city": "Test\x07ville"}, "remove the special characters"),
    "no name": ({"name": ""}, "This field is required."),
    "no consent": ({"consent": None}, "Please agree to the privacy notice to register."),
}


@pytest.mark.parametrize("overrides, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_gets_a_clear_message_and_nothing_is_stored_or_sent(
    client, webinar, overrides, message
):
    response = client.post(
        f"/en/learning-exchange/{webinar.slug}/register/", form_data(**overrides)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the following" in html
    assert message in html.replace("&#x27;", "'")
    assert not Registration.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_line_breaks_are_allowed_in_accessibility_needs(client, webinar):
    response = client.post(
        f"/en/learning-exchange/{webinar.slug}/register/",
        form_data(accessibility_needs="Captions, please.\r\nAnd a quiet room."),
    )
    assert response.status_code == 302
    assert (
        Registration.objects.get().accessibility_needs == "Captions, please.\r\nAnd a quiet room."
    )


def test_what_a_registrant_typed_is_escaped_on_the_page(client, webinar):
    client.post(
        f"/en/learning-exchange/{webinar.slug}/register/",
        form_data(name="<script>alert(1)</script>"),
    )
    # The registrant's own page (the link in their e-mail) shows what they typed.
    response = client.get(links.manage_path(Registration.objects.get()))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unknown_event_gives_the_friendly_404(client, db):
    response = client.post("/en/learning-exchange/no-such-event/register/", form_data())
    assert response.status_code == 404
