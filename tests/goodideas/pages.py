"""Read what a visitor sees on the Good Ideas pages, from the HTML the server sends."""

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_RESULTS = re.compile(r'<ul class="result-list">(.*?)</ul>\s*(?:<nav|</section>)', re.S)
_CARD_TITLE = re.compile(
    r'<article class="card idea-card[^"]*">\s*<h3><a href="[^"]*">(.*?)</a></h3>', re.S
)
_OPTION = re.compile(
    r'<input type="checkbox" name="(?P<facet>[\w-]+)" value="(?P<value>[^"]*)"'
    r' id="[^"]*"(?P<checked> checked)?>\s*'
    r'<label for="[^"]*">(?P<label>.*?) <span class="count">\((?P<count>\d+)',
    re.S,
)
_CHIP = re.compile(
    r'<a class="chip" href="(?P<href>[^"]*)"><span class="chip__facet">(?P<facet>.*?):</span>'
    r" (?P<label>.*?) <span",
    re.S,
)
_COUNT = re.compile(r'<p class="results-count"[^>]*>\s*(.*?)\s*</p>', re.S)


def text(response) -> str:
    return response.content.decode()


def result_titles(response) -> list[str]:
    """Titles of the result cards, in the order shown."""
    found = _RESULTS.search(text(response))
    if not found:
        return []
    return [html.unescape(title) for title in _CARD_TITLE.findall(found.group(1))]


def card_titles(response) -> list[str]:
    """Titles of every idea card anywhere on the page (sections, related ideas)."""
    return [html.unescape(title) for title in _CARD_TITLE.findall(text(response))]


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool


def facet(response, name) -> dict[str, Option]:
    """The values a facet offers in the filter panel, by value."""
    return {
        match["value"]: Option(
            match["value"],
            html.unescape(match["label"]),
            int(match["count"]),
            bool(match["checked"]),
        )
        for match in _OPTION.finditer(text(response))
        if match["facet"] == name
    }


def counts(response, name) -> dict[str, int]:
    return {value: option.count for value, option in facet(response, name).items()}


@dataclass
class Chip:
    facet: str
    label: str
    params: dict[str, list[str]]


def chips(response) -> list[Chip]:
    """Active-filter chips and the query their link leads to."""
    return [
        Chip(
            html.unescape(match["facet"]),
            html.unescape(match["label"]),
            parse_qs(urlsplit(html.unescape(match["href"])).query, keep_blank_values=True),
        )
        for match in _CHIP.finditer(text(response))
    ]


def result_count(response) -> str:
    found = _COUNT.search(text(response))
    return " ".join(found.group(1).split()) if found else ""


def links(response) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]*)"', text(response))]
