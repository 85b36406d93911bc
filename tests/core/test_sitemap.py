"""/sitemap.xml lists every public page, each answering 200, and nothing in draft;
/robots.txt points to it and keeps crawlers out of the admin (issue 10)."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citiesofmigration.models import Theme
from tests.factories import (
    CityFactory,
    CollectionFactory,
    CountryFactory,
    EventFactory,
    GoodIdeaFactory,
    PostFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - the portal's own XML
    return [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", NS)]


@pytest.fixture
def content(themes):
    canada = CountryFactory(code="CA", name="Canada")
    halifax = CityFactory(name="Halifax", slug="halifax", country=canada)
    dartmouth = CityFactory(name="Dartmouth", slug="dartmouth", country=canada)
    futures = CollectionFactory(name="Immigrant Futures", slug="immigrant-futures")
    CollectionFactory(name="Only drafts", slug="only-drafts")
    public = [
        GoodIdeaFactory(
            title="Mentors for newcomers",
            cities=[halifax],
            tags=["mentoring"],
            collections=[futures],
        ),
        ResourceFactory(title="A welcoming toolkit"),
        EventFactory(title="Next week's webinar"),
        EventFactory(title="Last month's webinar", past=True),
        PostFactory(title="Notes from the field"),
    ]
    hidden = [
        GoodIdeaFactory(title="Draft idea", draft=True, cities=[dartmouth], tags=["secret-plans"]),
        GoodIdeaFactory(title="Idea in review", in_review=True),
        GoodIdeaFactory(title="Idea for next week", scheduled=True),
        ResourceFactory(title="Draft resource", draft=True),
        EventFactory(title="Draft event", draft=True),
        PostFactory(title="Draft post", draft=True),
        PostFactory(title="Post for next week", scheduled=True),
    ]
    return {"public": public, "hidden": hidden, "halifax": halifax, "dartmouth": dartmouth}


def test_every_url_in_the_sitemap_answers_200_and_none_is_a_draft(client, content):
    paths = sitemap_paths(client)
    assert len(paths) == len(set(paths)), "no page twice"
    for path in paths:
        assert client.get(path).status_code == 200, path

    for item in content["public"]:
        assert item.get_absolute_url() in paths, item.title
    for item in content["hidden"]:
        assert item.get_absolute_url() not in paths, item.title
    for theme in Theme.objects.all():
        assert theme.get_absolute_url() in paths
    # A city has a page (and a place in the sitemap) only once something public names it.
    assert content["halifax"].get_absolute_url() in paths
    assert content["dartmouth"].get_absolute_url() not in paths
    for name in ("home", "about", "privacy", "accessibility", "events:archive", "blog:list"):
        assert reverse(name) in paths
    # Other features' pages: indexes, a tag across sections, a collection.
    for name in ("cities", "themes", "tags", "goodideas:collections"):
        assert reverse(name) in paths
    assert reverse("tag", kwargs={"slug": "mentoring"}) in paths
    assert reverse("tag", kwargs={"slug": "secret-plans"}) not in paths
    assert reverse("goodideas:collection", kwargs={"slug": "immigrant-futures"}) in paths
    assert reverse("goodideas:collection", kwargs={"slug": "only-drafts"}) not in paths


def test_the_sitemap_costs_the_same_queries_whatever_the_content(client, themes):
    def add(count):
        city = CityFactory()
        for _ in range(count):
            GoodIdeaFactory(cities=[city], tags=[f"tag-{city.slug}"])
            ResourceFactory(cities=[city])
            EventFactory(cities=[city])
            PostFactory(cities=[city])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured)

    add(2)
    small = queries()
    add(10)
    add(10)
    assert queries() == small


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_answers_only_reads(client, db):
    assert client.post("/sitemap.xml").status_code == 405
    assert client.post("/robots.txt").status_code == 405
