"""Searching Conversations in English and in French (issue 11)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from tests.blog import pages
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

_CARD_LINK = re.compile(r"<h3><a href=\"([^\"]*)\">", re.S)


def result_links(response) -> list[str]:
    results = re.search(r'<ul class="result-list">(.*?)</ul>', pages.text(response), re.S)
    return _CARD_LINK.findall(results.group(1)) if results else []


def address(post, language):
    with translation.override(language):
        return post.get_absolute_url()


def search(client, language, q):
    response = client.get(f"/{language}/conversations/", {"q": q})
    assert response.status_code == 200
    return response


def test_a_french_search_finds_the_french_post_first_and_the_english_one_after(client):
    now = timezone.now()
    french = PostFactory(
        title="Welcoming cities",
        title_fr="Des villes accueillantes",
        body_fr="<p>Les municipalités accueillent les nouveaux arrivants.</p>",
        published_at=now - timedelta(days=40),
    )
    english = PostFactory(
        title="Accueillantes, a welcoming network", published_at=now - timedelta(days=1)
    )
    assert result_links(search(client, "fr", "accueillante")) == [
        address(french, "fr"),
        address(english, "fr"),
    ]
    assert result_links(search(client, "en", "accueillante")) == [
        address(english, "en"),
        address(french, "en"),
    ]


def test_a_misspelt_french_title_word_is_corrected(client):
    post = PostFactory(title="Mayors speak", title_fr="Les maires prennent la parole")
    response = search(client, "fr", "prenent")
    assert result_links(response) == [address(post, "fr")]
    assert '<a href="?q=prennent">prennent</a>' in pages.text(response)
