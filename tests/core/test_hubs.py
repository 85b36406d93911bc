"""The /themes/ and /cities/ indexes, city pages that gather every section (the archive
included), old city addresses, and city coordinates for the map."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citiesofmigration.coordinates import fill_city_coordinates
from citiesofmigration.models import City, CityRedirect, Region, Theme
from tests.factories import (
    CityFactory,
    CountryFactory,
    EventFactory,
    GoodIdeaFactory,
    PostFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def denmark():
    return CountryFactory(code="DK", name="Denmark", region=Region.EUROPE)


def text_of(response):
    """The page's visible text on one line, tags and repeated spaces removed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def listed_cities(response):
    return re.findall(r'<a href="/en/cities/([\w-]+)/" class="city-list__name">', response.text)


def past_event(**kwargs):
    start = timezone.now() - timedelta(days=400)
    return EventFactory(past=True, start=start, end=start + timedelta(hours=2), **kwargs)


# -- /cities/ ------------------------------------------------------------------------


def test_every_city_that_published_content_names_is_listed_by_region_and_country(client, themes):
    halifax = CityFactory(name="Halifax", slug="halifax", province="Nova Scotia")
    copenhagen = CityFactory(name="Copenhagen", slug="copenhagen", province="", country=denmark())
    hideaway = CityFactory(name="Hideaway", slug="hideaway")
    shelved = CityFactory(name="Shelved", slug="shelved")
    GoodIdeaFactory.create_batch(2, cities=[halifax])
    report = ResourceFactory(cities=[halifax])
    ResourceFactory(cities=[halifax], language="fr", translation_of=report)  # the same work
    EventFactory(cities=[halifax])
    PostFactory(cities=[halifax])
    past_event(cities=[copenhagen])  # only the archive names Copenhagen
    GoodIdeaFactory(draft=True, cities=[hideaway])
    PostFactory(archived=True, cities=[shelved])

    response = client.get("/en/cities/")

    assert response.status_code == 200
    assert listed_cities(response) == ["copenhagen", "halifax"]  # Europe, then North America
    text = text_of(response)
    assert "2 cities" in text
    assert "Europe Denmark Copenhagen 1 event" in text
    assert (
        "North America Canada Halifax , Nova Scotia 2 Good Ideas · 1 resource · 1 event · 1 post"
        in text
    )
    assert "Hideaway" not in text and "Shelved" not in text


def test_the_search_box_finds_cities_ignoring_accents_and_says_when_none_matches(client, themes):
    GoodIdeaFactory(cities=[CityFactory(name="Montréal", slug="montreal", province="Québec")])
    GoodIdeaFactory(cities=[CityFactory(name="Moncton", slug="moncton")])

    found = client.get("/en/cities/", {"q": "montreal"})
    assert listed_cities(found) == ["montreal"]
    assert "1 city matches “montreal”" in text_of(found)
    assert 'value="montreal"' in found.text

    assert listed_cities(client.get("/en/cities/", {"q": "MON"})) == ["moncton", "montreal"]

    nothing = client.get("/en/cities/", {"q": "Atlantis"})
    assert nothing.status_code == 200
    assert listed_cities(nothing) == []
    assert "No city matches “Atlantis”." in text_of(nothing)
    assert '<a href="/en/cities/">Show all cities</a>' in nothing.text


@pytest.mark.parametrize("junk", ["\x00", "a\x00b", "%", "_", "x" * 5000, "\u2028", "' OR 1=1 --"])
def test_odd_search_input_is_answered_not_failed(client, themes, junk):
    GoodIdeaFactory(cities=[CityFactory(name="Moncton", slug="moncton")])
    response = client.get("/en/cities/", {"q": junk})
    assert response.status_code == 200
    assert "Moncton" not in listed_cities(response)


def test_the_map_draws_a_dot_per_placed_city_linking_to_its_page(client, themes):
    halifax = CityFactory(name="Halifax", slug="halifax", latitude=44.64, longitude=-63.58)
    milan = CityFactory(
        name="Milan",
        slug="milan",
        province="",
        latitude=45.46,
        longitude=9.19,
        country=CountryFactory(code="IT", name="Italy", region=Region.EUROPE),
    )
    unplaced = CityFactory(name="Peel Region", slug="peel-region")
    for city in (halifax, milan, unplaced):
        GoodIdeaFactory(cities=[city])

    html = client.get("/en/cities/").text
    svg = re.search(r"<svg\b.*?</svg>", html, flags=re.S).group(0)

    # The list is the map's text alternative; the drawing is hidden from assistive
    # technology and its links are out of the tab order (the list has the same links).
    assert 'aria-hidden="true"' in svg.split(">")[0]
    dots = re.findall(
        r'<a href="(/en/cities/[\w-]+/)" tabindex="-1"[^>]*><title>([^<]+)</title>', svg
    )
    assert dots == [
        ("/en/cities/milan/", "Milan, Italy"),
        ("/en/cities/halifax/", "Halifax, Canada"),
    ]
    assert "peel-region" not in svg
    caption = re.search(r"<figcaption.*?</figcaption>", html, flags=re.S).group(0)
    assert "The list below holds the same cities" in caption
    assert '<a href="/en/cities/peel-region/">Peel Region</a>' in caption
    # Nothing from elsewhere and nothing the Content-Security-Policy forbids.
    assert (
        "style=" not in svg
        and "<script" not in svg
        and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    # Equirectangular: Milan (east) is right of Halifax, and a little further north.
    (mx, my), (hx, hy) = [
        tuple(map(float, pair)) for pair in re.findall(r'cx="([\d.]+)" cy="([\d.]+)"', svg)
    ]
    assert mx > hx and my < hy


def test_no_map_when_no_city_has_coordinates(client, themes):
    GoodIdeaFactory(cities=[CityFactory(name="Peel Region", slug="peel-region")])
    response = client.get("/en/cities/")
    assert "<svg" not in response.text
    assert listed_cities(response) == ["peel-region"]


def add_content(cities, count):
    """Each city named by ideas, resources, events (upcoming and past) and posts."""
    for _ in range(count):
        GoodIdeaFactory(cities=cities)
        ResourceFactory(cities=cities)
        EventFactory(cities=cities)
        past_event(cities=cities)
        PostFactory(cities=cities)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_city_index_costs_one_query_with_few_or_many_cities_and_items(
    client, themes, django_assert_num_queries
):
    add_content([CityFactory(latitude=44.6, longitude=-63.6), CityFactory()], 2)
    client.get("/en/cities/")
    few = queries_for(client, "/en/cities/")
    add_content([CityFactory(latitude=50.0 + n, longitude=n) for n in range(20)], 6)
    with django_assert_num_queries(few):
        client.get("/en/cities/")
    with django_assert_num_queries(few):
        client.get("/en/cities/", {"q": "testville"})
    assert few == 1


def test_the_city_page_costs_the_same_queries_with_little_or_much_content(
    client, themes, django_assert_num_queries
):
    halifax = CityFactory(name="Halifax", slug="halifax")
    add_content([halifax, CityFactory()], 1)
    client.get("/en/cities/halifax/")
    little = queries_for(client, "/en/cities/halifax/")
    add_content([halifax, *CityFactory.create_batch(3)], 12)
    with django_assert_num_queries(little):
        client.get("/en/cities/halifax/")


# -- City pages ------------------------------------------------------------------------


def test_a_city_page_gathers_every_section_the_archive_included(client, themes):
    halifax = CityFactory(name="Halifax", slug="halifax", province="Nova Scotia")
    GoodIdeaFactory(title="Welcome pass", cities=[halifax])
    ResourceFactory(title="Partnership report", cities=[halifax])
    EventFactory(title="Next exchange", cities=[halifax])
    past_event(title="Conference of long ago", cities=[halifax])
    PostFactory(title="A conversation", cities=[halifax])
    GoodIdeaFactory(title="Secret draft", draft=True, cities=[halifax])
    EventFactory(title="Called off", cities=[halifax], cancelled=True)

    response = client.get("/en/cities/halifax/")

    text = text_of(response)
    assert "On the portal: 1 Good Idea · 1 resource · 2 events · 1 post" in text
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", response.text)
    for heading in ["Good Ideas", "Upcoming events", "Past events"]:
        assert heading in headings
    for title in [
        "Welcome pass",
        "Partnership report",
        "Next exchange",
        "Conference of long ago",
        "A conversation",
    ]:
        assert title in text
    assert "Secret draft" not in text and "Called off" not in text
    assert 'href="/en/learning-exchange/archive/?city=halifax"' in response.text
    assert '<a href="/en/cities/">Cities</a>' in response.text  # breadcrumb


def test_a_city_named_only_by_the_archive_has_a_page(client, themes):
    copenhagen = CityFactory(name="Copenhagen", slug="copenhagen", province="", country=denmark())
    past_event(title="International Metropolis Conference", cities=[copenhagen])

    response = client.get("/en/cities/copenhagen/")

    assert response.status_code == 200
    assert "International Metropolis Conference" in text_of(response)
    assert "On the portal: 1 event" in text_of(response)


def test_a_city_named_only_by_drafts_or_nothing_has_no_page(client, themes):
    GoodIdeaFactory(draft=True, cities=[CityFactory(slug="hideaway")])
    CityFactory(slug="empty-town")
    assert client.get("/en/cities/hideaway/").status_code == 404
    assert client.get("/en/cities/empty-town/").status_code == 404
    assert client.get("/en/cities/no-such-town/").status_code == 404


def test_an_old_city_address_moves_permanently_to_the_city_page(client, themes):
    halifax = CityFactory(name="Halifax", slug="halifax")
    GoodIdeaFactory(cities=[halifax])
    CityRedirect.objects.create(old_slug="dartmouth", city=halifax)

    response = client.get("/en/cities/dartmouth/")

    assert response.status_code == 301
    assert response["Location"] == "/en/cities/halifax/"
    assert client.get(response["Location"]).status_code == 200


# -- /themes/ --------------------------------------------------------------------------


def test_the_themes_index_shows_each_theme_with_its_intro_and_counts(client, themes):
    Theme.objects.filter(slug="work").update(intro="Jobs, skills and businesses of newcomers.")
    Theme.objects.filter(slug="learn").update(
        intro_en="", intro_fr="", tagline="A tagline standing in."
    )
    GoodIdeaFactory.create_batch(2, themes=["work"])  # the primary theme is Work too
    ResourceFactory(themes=["work"])
    past_event(themes=["work"])
    PostFactory(themes=["learn"])
    GoodIdeaFactory(draft=True, themes=["learn"])

    response = client.get("/en/themes/")

    assert response.status_code == 200
    names = re.findall(
        r'<h2 class="theme-index__name"><a href="/en/themes/([\w-]+)/">', response.text
    )
    assert names == list(Theme.objects.values_list("slug", flat=True))
    assert len(names) == 5
    text = text_of(response)
    assert "Work Jobs, skills and businesses of newcomers. 2 Good Ideas 1 resource 1 event" in text
    assert "Learn A tagline standing in. 1 post" in text
    assert '<a href="/en/themes/">Themes</a>' in client.get("/en/themes/work/").text  # breadcrumb


def test_the_themes_index_costs_the_same_queries_with_little_or_much_content(
    client, themes, django_assert_num_queries
):
    GoodIdeaFactory(themes=["work"])
    client.get("/en/themes/")
    little = queries_for(client, "/en/themes/")
    for _ in range(10):
        GoodIdeaFactory(themes=["work", "learn"])
        ResourceFactory(themes=["plan"])
        PostFactory(themes=["live"])
        EventFactory(themes=["connect"])
    with django_assert_num_queries(little):
        client.get("/en/themes/")


# -- Coordinates -----------------------------------------------------------------------


def test_coordinates_come_from_geonames_by_name_country_and_province():
    canada = CountryFactory()
    halifax = CityFactory(name="Halifax", province="Nova Scotia", country=canada)
    montreal = CityFactory(name="montreal", province="Québec", country=canada)  # any case, accents
    # Two places in Canada are called Richmond; Toronto tells which division Ontario is,
    # so the small Ontario town wins over the large one in British Columbia.
    CityFactory(name="Toronto", province="Ontario", country=canada)
    richmond_on = CityFactory(name="Richmond", province="Ontario", country=canada)
    peel = CityFactory(name="Peel Region", province="Ontario", country=canada)
    placed = CityFactory(name="Halifax", province="", country=canada, latitude=1, longitude=2)

    filled, not_found = fill_city_coordinates()

    assert not_found == [peel]
    for city in (halifax, montreal, richmond_on, peel, placed):
        city.refresh_from_db()
    assert (round(halifax.latitude, 1), round(halifax.longitude, 1)) == (44.6, -63.6)
    assert (round(montreal.latitude, 1), round(montreal.longitude, 1)) == (45.5, -73.6)
    assert 44 < richmond_on.latitude < 46 and -76 < richmond_on.longitude < -75
    assert peel.latitude is None
    assert (placed.latitude, placed.longitude) == (1, 2)  # an editor's coordinates stay


def test_the_command_fills_coordinates_and_names_the_cities_it_could_not_place():
    CityFactory(name="Ottawa", province="Ontario")
    CityFactory(name="York Region", province="Ontario")
    out = []
    call_command("fill_city_coordinates", stdout=type("Out", (), {"write": out.append})())
    assert out[0].strip() == "Coordinates filled for 1 cities."
    assert "Not found in GeoNames (no dot on the map): York Region, Canada" in out[1]
    assert City.objects.get(name="Ottawa").latitude is not None


def test_an_editor_saving_a_city_without_coordinates_gets_them(client):
    canada = CountryFactory()
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456789")
    client.force_login(admin)
    response = client.post(
        "/admin/citiesofmigration/city/add/",
        {
            "name": "Fredericton",
            "province": "New Brunswick",
            "country": canada.pk,
            "slug": "fredericton",
            "latitude": "",
            "longitude": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    city = City.objects.get(slug="fredericton")
    assert (round(city.latitude, 1), round(city.longitude, 1)) == (45.9, -66.7)
