"""Six people propose an idea with the same title at the same moment, on real PostgreSQL,
each in its own thread and database connection. Every proposal must be kept, each at its
own address. The control run switches the slug retry off and shows that the harness sees
the race (the database refuses duplicate slugs and proposals are lost)."""

import threading

import pytest
from django.db import IntegrityError, connection

from citiesofmigration import models as shared_models
from citiesofmigration.models import City, Organisation
from goodideas.models import GoodIdea
from goodideas.services import submit_idea

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 6
TITLE = "Newcomer Chess Club"


def proposal(themes, country, *, city, organisation=""):
    return {
        "title": TITLE,
        "city": city,
        "province": "New Brunswick",
        "country": country,
        "theme": themes["connect"],
        "summary": "Weekly chess evenings where newcomers and neighbours meet.",
        "story": "Started by two librarians.",
        "organisation": organisation,
        "website": "",
        "submitter_name": "Ada Proposer",
        "submitter_email": "ada.proposer@example.org",
    }


def propose_at_once(data) -> list:
    """PEOPLE proposals released together by a barrier; returns the errors raised."""
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def propose(n):
        try:
            barrier.wait(timeout=30)
            submit_idea(data={**data, "submitter_name": f"Proposer {n}"})
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=propose, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_without_the_retry_the_race_loses_proposals(themes, halifax, monkeypatch):
    monkeypatch.setattr(shared_models, "SLUG_ATTEMPTS", 1)
    errors = propose_at_once(proposal(themes, halifax.country, city=halifax.name))
    kept = GoodIdea.objects.count()
    print(f"\nwithout the retry: {kept} of {PEOPLE} proposals kept, {len(errors)} errors")
    assert errors, "the harness did not see the race"
    assert all(isinstance(error, IntegrityError) for error in errors)
    assert "slug" in str(errors[0])
    assert kept == PEOPLE - len(errors) < PEOPLE


def test_every_proposal_with_the_same_title_is_kept_at_its_own_address(themes, halifax):
    errors = propose_at_once(proposal(themes, halifax.country, city=halifax.name))
    slugs = sorted(GoodIdea.objects.values_list("slug", flat=True))
    print(f"\nwith the retry: {len(slugs)} of {PEOPLE} proposals kept, {len(errors)} errors")
    assert errors == []
    assert len(slugs) == len(set(slugs)) == PEOPLE
    assert slugs == sorted(
        ["newcomer-chess-club"] + [f"newcomer-chess-club-{n}" for n in range(2, 7)]
    )


def test_a_new_city_and_organisation_named_at_once_are_created_once(themes, canada):
    data = proposal(themes, canada, city="Saint John", organisation="Saint John Public Library")
    errors = propose_at_once(data)
    assert errors == []
    assert GoodIdea.objects.count() == PEOPLE
    assert City.objects.filter(name="Saint John").count() == 1
    assert Organisation.objects.filter(name="Saint John Public Library").count() == 1
    city = City.objects.get(name="Saint John")
    assert set(GoodIdea.objects.values_list("cities", flat=True)) == {city.pk}
