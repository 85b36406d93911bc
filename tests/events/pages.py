"""Read what a visitor sees on the Learning Exchange pages, from the HTML."""

import html
import re

_RESULTS = re.compile(r'<ul class="result-list">(.*?)</ul>\s*(?:<nav|</section>)', re.S)
_CARD_TITLE = re.compile(r'<h3><a href="[^"]*">(.*?)</a></h3>', re.S)
_OPTION = re.compile(
    r'<input type="checkbox" name="(?P<facet>[\w-]+)" value="(?P<value>[^"]*)"'
    r' id="[^"]*"(?P<checked> checked)?>\s*'
    r'<label for="[^"]*">(?P<label>.*?) <span class="count">\((?P<count>\d+)',
    re.S,
)


def text(response) -> str:
    return response.content.decode()


def result_titles(response) -> list[str]:
    found = _RESULTS.search(text(response))
    if not found:
        return []
    return [html.unescape(title) for title in _CARD_TITLE.findall(found.group(1))]


def card_titles(response) -> list[str]:
    return [html.unescape(title) for title in _CARD_TITLE.findall(text(response))]


def facet(response, name) -> list[tuple[str, str, int]]:
    """(value, label, count) of a facet's options, in the order shown."""
    return [
        (match["value"], html.unescape(match["label"]), int(match["count"]))
        for match in _OPTION.finditer(text(response))
        if match["facet"] == name
    ]
