import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)


def test_site_search_shows_matches_from_every_section_with_links_to_their_filters(client, demo):
    html = client.get("/en/search/", {"q": "sanctuary"}).content.decode()
    assert "Access without fear" in html  # a Good Idea
    assert "The Municipal Role in Immigration" in html  # an E-Library report
    assert 'href="/en/good-ideas/?q=sanctuary"' in html
    assert 'href="/en/e-library/?q=sanctuary"' in html
    assert "<mark>sanctuary</mark>" in html


def test_site_search_says_so_when_nothing_matches(client, demo):
    response = client.get("/en/search/", {"q": "zzqqxx"})
    assert response.status_code == 200
    assert "Nothing matches" in response.content.decode()


def test_site_search_survives_junk_input(client, demo):
    for junk in ["\x00", "x" * 10_000, "'; DROP TABLE goodideas_goodidea; --", ""]:
        assert client.get("/en/search/", {"q": junk}).status_code == 200


def test_every_page_has_a_labelled_site_search_in_the_header(client, demo):
    html = client.get("/en/").content.decode()
    assert '<search class="site-search">' in html
    assert 'for="site-search-q"' in html and 'id="site-search-q"' in html


# -- one search mechanism for the whole portal (issue 10) ------------------------------


def test_a_misspelt_city_offers_did_you_mean_and_finds_the_greater_moncton_poll(client, demo):
    html = client.get("/en/search/", {"q": "Monkton"}).content.decode()
    assert re.search(r'Did you mean <a href="(/en/search/)?\?q=Moncton">Moncton</a>\?', html)
    assert "Greater Moncton Poll" in html  # the E-Library
    assert "Greater Moncton Immigration Strategy" in html  # a Good Idea
    # Said once, above the results; never "nothing matches" next to close matches.
    assert html.count("No exact matches for “Monkton”; showing close matches.") == 1
    assert "Nothing matches" not in html


def test_exact_matches_show_no_fallback_notice_and_no_suggestion(client, demo):
    html = client.get("/en/search/", {"q": "Moncton"}).content.decode()
    assert "Greater Moncton Poll" in html
    assert "No exact matches" not in html
    assert "Did you mean" not in html


def test_a_fallback_that_finds_nothing_says_so_once(client, demo):
    html = client.get("/en/search/", {"q": "zzqqxx"}).content.decode()
    assert html.count("Nothing matches") == 1
    assert "showing close matches" not in html


def test_every_section_is_searched_including_the_archive_of_past_events(client, themes):
    from django.utils import timezone

    from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, ResourceFactory

    GoodIdeaFactory(title="Quokka mentoring circles", summary="Quokka mentors meet newcomers.")
    ResourceFactory(title="Quokka toolkit")
    PostFactory(title="Quokka conversations")
    EventFactory(
        title="Quokka webinar of last year",
        start=timezone.now() - timedelta(days=300),
        takes_registrations=False,
    )
    html = client.get("/en/search/", {"q": "quokka"}).content.decode()
    for title in ["Quokka mentoring circles", "Quokka toolkit", "Quokka conversations"]:
        assert title in html
    assert "Quokka webinar of last year" in html
    assert "<mark>Quokka</mark> mentors meet newcomers" in html  # highlighted, as on lists


def test_drafts_never_appear_in_site_search_nor_in_its_suggestions(client, themes):
    from tests.factories import CityFactory, GoodIdeaFactory, ResourceFactory

    secret_city = CityFactory(name="Secretborough")
    GoodIdeaFactory(draft=True, title="Hidden wombat plan", cities=[secret_city])
    ResourceFactory(draft=True, title="Hidden wombat report")
    html = client.get("/en/search/", {"q": "wombat"}).content.decode()
    assert "Hidden wombat" not in html
    html = client.get("/en/search/", {"q": "Secretborogh"}).content.decode()
    assert "Secretborough" not in html


def add_content(count, offset=0):
    from django.utils import timezone

    from tests.factories import (
        CityFactory,
        EventFactory,
        GoodIdeaFactory,
        PostFactory,
        ResourceFactory,
    )

    for n in range(offset, offset + count):
        city = CityFactory(name=f"Harbourton {n}")
        GoodIdeaFactory(title=f"Harbour welcome {n}", cities=[city], tags=[f"topic {n}"])
        ResourceFactory(title=f"Harbour report {n}", cities=[city], tags=[f"topic {n}"])
        PostFactory(title=f"Harbour letter {n}", cities=[city], tags=[f"topic {n}"])
        EventFactory(
            title=f"Harbour webinar {n}",
            cities=[city],
            start=timezone.now() + timedelta(days=(-1) ** n * (3 + n)),
            takes_registrations=False,
        )


@pytest.mark.parametrize("query", ["harbour", "Harbortn", "zzqqxx"])
def test_site_search_costs_the_same_queries_with_3_and_with_15_items_a_section(
    client, themes, django_assert_num_queries, query
):
    add_content(3)
    client.get("/en/search/", {"q": query})  # warm caches filled once per process
    with CaptureQueriesContext(connection) as small:
        assert client.get("/en/search/", {"q": query}).status_code == 200
    add_content(12, offset=3)
    with django_assert_num_queries(len(small)):
        client.get("/en/search/", {"q": query})


def test_the_e_library_never_says_close_matches_and_no_matches_together(client, demo):
    nothing = client.get("/en/e-library/", {"q": "zzqqxx"}).content.decode()
    assert "No resources match" in nothing
    assert "showing close matches" not in nothing

    close = client.get("/en/e-library/", {"q": "Monkton"}).content.decode()
    assert close.count("showing close matches instead") == 1
    assert "Greater Moncton Poll" in close
    assert "No resources match" not in close


# -- the whole portal in French (issue 11) ------------------------------------------------


@pytest.fixture
def french_content(themes):
    from django.utils import timezone, translation

    from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, ResourceFactory

    with translation.override("en"):
        return {
            "idea": GoodIdeaFactory(
                title="Homes for newcomers",
                title_fr="Des logements pour les nouveaux arrivants",
                summary_fr="La ville loue des logements abordables aux familles.",
            ),
            "resource": ResourceFactory(
                title="Le logement social au Québec", language="fr", abstract="Un rapport."
            ),
            "post": PostFactory(title="Rent banks", title_fr="Les banques de logement"),
            "event": EventFactory(
                title="Housing webinar",
                title_fr="Webinaire : se loger à Moncton",
                summary_fr="Trouver un logement quand on vient d'arriver.",
                start=timezone.now() + timedelta(days=10),
            ),
            "english": GoodIdeaFactory(title="Transit passes", summary="Buses for all."),
        }


def test_a_french_site_search_finds_french_content_in_every_section(client, french_content):
    html = client.get("/fr/search/", {"q": "logements"}).content.decode()
    for title in [
        "Des logements pour les nouveaux arrivants",
        "Le logement social au Québec",
        "Les banques de logement",
        "Webinaire : se loger à Moncton",
    ]:
        assert title in html
    assert "Transit passes" not in html
    assert 'href="/fr/good-ideas/?q=logements"' in html
    assert "<mark>logements</mark> abordables" in html


def test_a_french_phrase_finds_french_content_in_the_site_search(client, french_content):
    html = client.get("/fr/search/", {"q": "logement des nouveaux arrivants"}).content.decode()
    assert "Des logements pour les nouveaux arrivants" in html
    assert "Les banques de logement" not in html  # not every word


def test_a_misspelt_french_word_gets_a_french_did_you_mean(client, french_content):
    html = client.get("/fr/search/", {"q": "logemnt"}).content.decode()
    assert re.search(r'<a href="(/fr/search/)?\?q=logements?">logements?</a>', html)
    assert "Des logements pour les nouveaux arrivants" in html
