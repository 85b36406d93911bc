"""Read the "related" sections of a detail page (includes/sections.html) as a reader sees
them: each section's heading and the titles of its cards, in page order."""

import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

_SECTION = re.compile(
    r'<section class="related-section"[^>]*>\s*'
    r"<h2[^>]*>(?P<heading>.*?)</h2>(?P<body>.*?)</section>",
    re.S,
)
_CARD_TITLE = re.compile(r"<h3><a [^>]*>(.*?)</a>", re.S)
_LINK = re.compile(r'<a href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)


def plain(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def related_sections(response):
    """{heading: [card titles]} in the order the page shows them."""
    body = response.content.decode()
    return {
        plain(match["heading"]): [plain(title) for title in _CARD_TITLE.findall(match["body"])]
        for match in _SECTION.finditer(body)
    }


def links_named(response, text):
    """Where the links whose text is ``text`` lead."""
    return [
        link["href"]
        for link in _LINK.finditer(response.content.decode())
        if plain(link["text"]) == text
    ]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)
