"""The list at /conversations/: facets (kind, theme, tag, author, year and month archive),
search, sorting, and what it never shows."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Kind
from tests.blog import pages
from tests.factories import PersonFactory, PostFactory

pytestmark = pytest.mark.django_db

LIST = "/en/conversations/"


def at(year, month, day=15):
    return timezone.make_aware(datetime(year, month, day, 12))


@pytest.fixture
def archive(themes):
    editors = PersonFactory(name="Cities of Migration editors", slug="editors")
    guest = PersonFactory(name="Guest Writer", slug="guest-writer")
    return {
        "toolkit": PostFactory(
            title="Toolkit launched",
            kind=Kind.NEWS,
            themes=["plan"],
            tags=["immigrant futures"],
            authors=[editors],
            published_at=at(2019, 11, 14),
        ),
        "competent": PostFactory(
            title="Friendly or competent?",
            kind=Kind.OPINION,
            themes=["work", "plan"],
            tags=["immigrant futures", "small cities"],
            authors=[editors, guest],
            published_at=at(2019, 12, 3),
        ),
        "report": PostFactory(
            title="Who does what",
            kind=Kind.POST,
            themes=["plan"],
            tags=["sanctuary"],
            authors=[guest],
            published_at=at(2024, 6, 25),
        ),
    }


def test_the_newest_posts_come_first(client, archive):
    response = client.get(LIST)
    assert response.status_code == 200
    assert pages.result_titles(response) == [
        "Who does what",
        "Friendly or competent?",
        "Toolkit launched",
    ]


def test_oldest_and_title_orders_can_be_chosen(client, archive):
    oldest = client.get(LIST, {"sort": "oldest"})
    assert pages.result_titles(oldest)[0] == "Toolkit launched"
    by_title = client.get(LIST, {"sort": "title"})
    assert pages.result_titles(by_title) == [
        "Friendly or competent?",
        "Toolkit launched",
        "Who does what",
    ]


def test_each_facet_counts_the_posts_with_that_value(client, archive):
    response = client.get(LIST)
    assert pages.counts(response, "kind") == {"post": 1, "news": 1, "opinion": 1}
    assert pages.counts(response, "theme") == {"work": 1, "plan": 3}
    assert pages.counts(response, "tag") == {
        "immigrant-futures": 2,
        "sanctuary": 1,
        "small-cities": 1,
    }
    assert pages.counts(response, "author") == {"editors": 2, "guest-writer": 2}
    assert pages.counts(response, "year") == {"2024": 1, "2019": 2}
    assert pages.counts(response, "month") == {"2024-06": 1, "2019-12": 1, "2019-11": 1}


def test_the_month_archive_is_labelled_by_month_and_year_newest_first(client, archive):
    response = client.get(LIST)
    assert list(pages.labels(response, "month").items()) == [
        ("2024-06", "June 2024"),
        ("2019-12", "December 2019"),
        ("2019-11", "November 2019"),
    ]
    assert pages.labels(response, "kind")["opinion"] == "Opinion"


def test_a_month_of_the_archive_shows_that_months_posts(client, archive):
    response = client.get(LIST, {"month": "2019-12"})
    assert pages.result_titles(response) == ["Friendly or competent?"]
    assert pages.chips(response) == [("Month", "December 2019")]


def test_several_months_widen_and_a_year_narrows(client, archive):
    response = client.get(LIST, {"month": ["2019-11", "2024-06"]})
    assert sorted(pages.result_titles(response)) == ["Toolkit launched", "Who does what"]
    response = client.get(LIST, {"month": ["2019-11", "2024-06"], "year": "2019"})
    assert pages.result_titles(response) == ["Toolkit launched"]
    # Within 2019, the months offered are 2019's.
    assert pages.counts(response, "month") == {"2019-12": 1, "2019-11": 1, "2024-06": 0}


def test_a_month_posted_at_the_end_of_the_month_in_toronto_stays_in_that_month(client, themes):
    # 23:30 on 30 November in Toronto is already 1 December in UTC.
    late = timezone.make_aware(datetime(2019, 11, 30, 23, 30))
    PostFactory(title="Late in the month", published_at=late)
    response = client.get(LIST, {"month": "2019-11"})
    assert pages.result_titles(response) == ["Late in the month"]


def test_kind_theme_tag_and_author_filter_the_list(client, archive):
    assert pages.result_titles(client.get(LIST, {"kind": "news"})) == ["Toolkit launched"]
    assert pages.result_titles(client.get(LIST, {"theme": "work"})) == ["Friendly or competent?"]
    assert pages.result_titles(client.get(LIST, {"tag": "sanctuary"})) == ["Who does what"]
    assert pages.result_titles(client.get(LIST, {"author": "guest-writer"})) == [
        "Who does what",
        "Friendly or competent?",
    ]


def test_malformed_or_unknown_filter_values_are_ignored(client, archive):
    for params in [
        {"month": "2019-13"},
        {"month": "November"},
        {"year": "twenty"},
        {"kind": "<script>"},
        {"sort": "-id"},
        {"page": "999"},
    ]:
        response = client.get(LIST, params)
        assert response.status_code == 200, params
    assert pages.result_titles(client.get(LIST, {"month": "2019-13"})) == [
        "Who does what",
        "Friendly or competent?",
        "Toolkit launched",
    ]


def test_a_search_finds_words_in_the_body_and_the_authors_names(client, themes):
    PostFactory(title="Transit passes", body="<p>Refugees ride the buses for free.</p>")
    PostFactory(title="Library cafés", authors=["Aleksandra Quill"])
    assert pages.result_titles(client.get(LIST, {"q": "buses"})) == ["Transit passes"]
    assert pages.result_titles(client.get(LIST, {"q": "Quill"})) == ["Library cafés"]


def test_a_search_shows_the_matching_passage(client, themes):
    PostFactory(title="Report", body="<p>The municipal seat at the table is the common call.</p>")
    response = client.get(LIST, {"q": "table"})
    assert "<mark>table</mark>" in pages.text(response)


def test_a_misspelt_search_falls_back_to_close_matches(client, themes):
    PostFactory(title="Sanctuary cities compared")
    response = client.get(LIST, {"q": "sanctuarry"})
    assert pages.result_titles(response) == ["Sanctuary cities compared"]


@pytest.fixture
def unpublished(themes):
    """Posts the public must never see, each with a tag and an author only it has."""
    now = timezone.now()
    return [
        PostFactory(
            title="Secret draft", draft=True, tags=["draftonly"], authors=["Drafty Author"]
        ),
        PostFactory(title="Under review", in_review=True, tags=["reviewonly"]),
        PostFactory(
            title="Scheduled news",
            scheduled=True,
            tags=["scheduledonly"],
            authors=["Future Author"],
        ),
        PostFactory(title="Archived news", archived=True, published_at=now - timedelta(days=900)),
    ]


def test_drafts_reviews_scheduled_and_archived_posts_are_never_listed(client, unpublished):
    PostFactory(title="Public post")
    response = client.get(LIST)
    assert pages.result_titles(response) == ["Public post"]
    assert pages.result_count(response) == "1 result"


def test_facets_never_offer_values_that_only_unpublished_posts_have(client, unpublished):
    PostFactory(title="Public post", tags=["public"], published_at=at(2023, 5))
    response = client.get(LIST)
    assert set(pages.counts(response, "tag")) == {"public"}
    assert set(pages.counts(response, "year")) == {"2023"}
    assert set(pages.counts(response, "month")) == {"2023-05"}
    assert "Drafty Author" not in pages.text(response)
    assert "Future Author" not in pages.text(response)


def test_search_never_finds_unpublished_posts_nor_suggests_their_words(client, unpublished):
    PostFactory(title="Public post")
    for q in ["Secret draft", "Scheduled", "review", "Archived"]:
        assert pages.result_titles(client.get(LIST, {"q": q})) == [], q
    response = client.get(LIST, {"q": "draftonli"})
    assert "draftonly" not in pages.text(response)


def test_the_page_links_to_the_feeds_and_offers_the_filtered_feed(client, archive):
    assert pages.feed_links(client.get(LIST)) == {
        "/en/conversations/feed/": "application/rss+xml",
        "/en/conversations/feed/atom/": "application/atom+xml",
    }
    links = pages.feed_links(client.get(LIST, {"tag": "sanctuary", "theme": "plan"}))
    assert links["/en/conversations/feed/tag/sanctuary/"] == "application/rss+xml"
    assert links["/en/conversations/feed/tag/sanctuary/atom/"] == "application/atom+xml"
    assert links["/en/conversations/feed/theme/plan/"] == "application/rss+xml"
    assert links["/en/conversations/feed/theme/plan/atom/"] == "application/atom+xml"


def add_posts(count, *, offset=0):
    for n in range(offset, offset + count):
        PostFactory(
            title=f"Post {n}",
            kind=list(Kind.values)[n % 4],
            themes=[["live", "work", "learn", "connect", "plan"][n % 5]],
            tags=[f"tag {n % 7}"],
            authors=[PersonFactory(), PersonFactory()],
            published_at=timezone.now() - timedelta(days=40 * n + 1),
        )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url", [LIST, f"{LIST}?q=post", f"{LIST}?kind=news&theme=work&year=2020&month=2020-01"]
)
def test_the_list_costs_the_same_queries_with_ten_or_fifty_posts(
    client, themes, django_assert_num_queries, url
):
    add_posts(10)
    client.get(url)  # warm caches that are filled once per process
    with_ten = queries_for(client, url)
    add_posts(40, offset=10)
    with django_assert_num_queries(with_ten):
        client.get(url)


def test_the_list_stays_within_a_small_fixed_number_of_queries(
    client, themes, django_assert_max_num_queries
):
    add_posts(15)
    client.get(LIST)
    # Count, page, authors, themes, six facets and a few for the page frame.
    with django_assert_max_num_queries(16):
        client.get(LIST)


def test_a_misspelt_author_name_is_corrected_by_did_you_mean(client, themes):
    PostFactory(title="Report", authors=["Valerie Preston"])
    response = client.get(LIST, {"q": "Prestn"})
    assert "Did you mean" in pages.text(response)
    assert "Preston" in re.search(r"Did you mean <a[^>]*>(.*?)</a>", pages.text(response))[1]
