"""Slides and captions of past events: served through the event's page address, only
while the event is public, under names nobody chose."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def with_files(**kwargs):
    event = EventFactory(past=True, **kwargs)
    event.slides.save("../../etc/passwd Our slides.pdf", ContentFile(b"%PDF-1.4 slides"))
    event.captions.save("talk.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello"))
    return event


def test_the_slides_and_captions_of_a_past_event_are_offered_and_served(client):
    event = with_files(lessons="Keep it short.")
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'href="/en/learning-exchange/{event.slug}/slides/"' in html
    assert f'href="/en/learning-exchange/{event.slug}/captions/"' in html

    slides = client.get(f"/en/learning-exchange/{event.slug}/slides/")
    assert slides.status_code == 200
    assert slides["Content-Type"] == "application/pdf"
    assert slides["Content-Disposition"] == f'attachment; filename="{event.slug}-slides.pdf"'
    # Reading the whole body also closes the file (as the server does).
    assert b"".join(slides.streaming_content) == b"%PDF-1.4 slides"
    captions = client.get(f"/en/learning-exchange/{event.slug}/captions/")
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")


def test_stored_names_are_generated_not_chosen_by_the_uploader(db):
    event = with_files()
    assert event.slides.name.startswith("events/slides/")
    assert ".." not in event.slides.name and "passwd" not in event.slides.name
    assert event.slides.name.endswith(".pdf")


def test_a_drafts_files_are_not_served_to_the_public(editor_client):
    event = with_files(draft=True)
    assert Client().get(f"/en/learning-exchange/{event.slug}/slides/").status_code == 404
    preview = editor_client.get(f"/en/learning-exchange/{event.slug}/slides/")
    assert preview.status_code == 200
    assert b"".join(preview.streaming_content)


def test_an_event_without_slides_answers_404(client, db):
    event = EventFactory(past=True)
    assert client.get(f"/en/learning-exchange/{event.slug}/slides/").status_code == 404
