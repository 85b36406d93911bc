"""Read what a visitor sees on the Conversations pages, from the HTML the server sends."""

import html
import re

_RESULTS = re.compile(
    r'<ul class="result-list">(.*?)</ul>\s*(?:<nav|</section>|<p class="follow)', re.S
)
_CARD_TITLE = re.compile(r'<h3><a href="[^"]*">(.*?)</a></h3>', re.S)
_OPTION = re.compile(
    r'<input type="checkbox" name="(?P<facet>[\w-]+)" value="(?P<value>[^"]*)"'
    r' id="[^"]*"(?P<checked> checked)?>\s*'
    r'<label for="[^"]*">(?P<label>.*?) <span class="count">\((?P<count>\d+)',
    re.S,
)
_CHIP = re.compile(
    r'<a class="chip" href="[^"]*"><span class="chip__facet">(?P<facet>.*?):</span>'
    r" (?P<label>.*?) <span",
    re.S,
)
_FEED_LINK = re.compile(
    r'<link rel="alternate" type="(?P<type>[^"]+)" title="[^"]*" href="(?P<href>[^"]+)">'
)


def text(response) -> str:
    return response.content.decode()


def result_titles(response) -> list[str]:
    """Titles of the result cards, in the order shown."""
    found = _RESULTS.search(text(response))
    if not found:
        return []
    return [html.unescape(title) for title in _CARD_TITLE.findall(found.group(1))]


def card_titles(response) -> list[str]:
    """Titles of every card anywhere on the page (sections, related content)."""
    return [html.unescape(title) for title in _CARD_TITLE.findall(text(response))]


def counts(response, name) -> dict[str, int]:
    """The values a facet offers in the filter panel, with their counts."""
    return {
        match["value"]: int(match["count"])
        for match in _OPTION.finditer(text(response))
        if match["facet"] == name
    }


def labels(response, name) -> dict[str, str]:
    return {
        match["value"]: html.unescape(match["label"])
        for match in _OPTION.finditer(text(response))
        if match["facet"] == name
    }


def chips(response) -> list[tuple[str, str]]:
    return [
        (html.unescape(match["facet"]), html.unescape(match["label"]))
        for match in _CHIP.finditer(text(response))
    ]


def result_count(response) -> str:
    found = re.search(r'<p class="results-count"[^>]*>\s*(.*?)\s*</p>', text(response), re.S)
    return " ".join(found.group(1).split()) if found else ""


def feed_links(response) -> dict[str, str]:
    """Feed autodiscovery links in the page head: href -> type."""
    head = text(response).split("</head>")[0]
    return {html.unescape(m["href"]): m["type"] for m in _FEED_LINK.finditer(head)}
