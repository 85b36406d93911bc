"""The demo content: the archive from the seeds and sample sessions that are always
upcoming, clearly labelled, with nobody invented."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

import citiesofmigration.demo
import events.demo
import goodideas.demo
from events.models import Event, EventPerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(themes):
    citiesofmigration.demo.load()
    goodideas.demo.load()
    return events.demo.load()


def test_the_demo_has_the_seed_conferences_in_the_archive_and_upcoming_samples(demo):
    assert demo == {"upcoming events": 5, "past events": 5}
    past = dict(Event.objects.published().past().values_list("slug", "start_month"))
    assert past == {
        "migration-and-the-city-2022": "2022-02",
        "international-metropolis-conference-milan-1996": "1996-11",
        "international-metropolis-conference-copenhagen-1997": "1997-09",
        "international-metropolis-conference-israel-1998": "1998-11",
        "international-metropolis-conference-vancouver-1999": "1999-11",
    }
    milan = Event.objects.get(slug="international-metropolis-conference-milan-1996")
    assert (milan.local_start.day, milan.local_end.day) == (13, 15)
    assert milan.venue_city.name == "Milan"


def test_every_upcoming_sample_is_labelled_as_such_and_names_no_speaker(demo):
    upcoming = Event.objects.published().upcoming()
    assert upcoming.count() == 5
    for event in upcoming:
        assert event.title.startswith(("Demo session:", "Demo city-to-city exchange:"))
        assert "sample session" in event.description
        assert event.related_ideas.exists()
        assert "example.org" in event.join_url
    assert not EventPerson.objects.exists()


def test_the_samples_stay_upcoming_whenever_the_demo_is_loaded(demo):
    later = timezone.localdate() + timedelta(days=400)
    events.demo.load_samples(today=later)
    first = Event.objects.filter(slug__startswith="demo-").order_by("start").first()
    assert first.local_start.date() > later


def test_loading_twice_creates_no_duplicates_and_keeps_publication_dates(demo):
    published = dict(Event.objects.values_list("slug", "published_at"))
    again = events.demo.load()
    assert again == demo
    assert dict(Event.objects.values_list("slug", "published_at")) == published


def test_loading_the_demo_again_does_not_mark_unchanged_events_as_updated(demo):
    before = dict(Event.objects.values_list("slug", "updated_at"))
    events.demo.load()
    assert dict(Event.objects.values_list("slug", "updated_at")) == before


# -- in French (issue 11) ------------------------------------------------------------------


def test_the_archive_and_the_samples_are_written_in_french(demo):
    events = Event.objects.published()
    whole = [e for e in events if e.title_fr and e.summary_fr and e.description_fr]
    assert len(whole) == events.count() >= 3
    for event in events.upcoming():
        # Labelled as samples in French too, with the sample note first.
        assert event.title_fr.startswith(
            ("Séance de démonstration\u00a0:", "Échange de démonstration entre villes\u00a0:")
        ), event.title_fr
        assert "Cette séance est un exemple tiré du contenu de démonstration" in (
            event.description_fr
        )
    milan = events.get(slug_en="international-metropolis-conference-milan-1996")
    assert milan.slug_fr == "premiere-conference-internationale-metropolis-milan"
    assert milan.lessons_fr.startswith("Les conférences annuelles ont reçu un mandat clair")


def test_an_event_reads_in_french_at_its_french_address(client, demo):
    event = Event.objects.get(slug_en="international-metropolis-conference-copenhagen-1997")
    with override("fr"):
        url = event.get_absolute_url()
    assert event.slug_fr in url and url.startswith("/fr/")
    page = html.unescape(client.get(url).content.decode())
    assert '<html lang="fr"' in page
    assert "Deuxième Conférence internationale Metropolis, Copenhague" in page
    assert "Un an après Milan, les partenaires de Metropolis se sont réunis à Copenhague." in page
    assert "A year after Milan" not in page
