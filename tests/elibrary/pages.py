"""Read what a visitor or an editor sees on E-Library pages, from the HTML sent."""

import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.core.signals import request_finished
from django.db import close_old_connections

_RESULTS = re.compile(r'<ul class="result-list">(.*?)</ul>\s*(?:<nav|</section>)', re.S)
_CARD = re.compile(r'<article class="card resource-card">(.*?)</article>', re.S)
_CARD_LINK = re.compile(r'<h3><a href="(?P<href>[^"]*)"[^>]*>(?P<title>.*?)</a>', re.S)
_SNIPPET = re.compile(r'<p class="snippet">(.*?)</p>', re.S)
_OPTION = re.compile(
    r'<input type="checkbox" name="(?P<facet>[\w-]+)" value="(?P<value>[^"]*)"'
    r' id="[^"]*"(?P<checked> checked)?>\s*'
    r'<label for="[^"]*">(?P<label>[^<]*?) <span class="count">\((?P<count>\d+)',
    re.S,
)
_COUNT = re.compile(r'<p class="results-count"[^>]*>\s*(.*?)\s*</p>', re.S)
_VERSIONS = re.compile(r'<p class="versions"[^>]*>(.*?)</p>', re.S)
_LINK = re.compile(r'<a href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)
_JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)
_CITATION = re.compile(r"<h3>(?P<style>[^<]+)</h3>\s*<p class=\"citation__text\">(?P<text>.*?)</p>")
_DOWNLOAD = re.compile(r'<a class="button" href="(?P<href>[^"]*/download/)"[^>]*>(.*?)</a>', re.S)


def text(response) -> str:
    return response.content.decode()


def plain(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@dataclass
class Card:
    title: str
    href: str
    snippet_html: str


def cards(fragment: str) -> list[Card]:
    found = []
    for card in _CARD.findall(fragment):
        link = _CARD_LINK.search(card)
        snippet = _SNIPPET.search(card)
        found.append(
            Card(
                html.unescape(link["title"]),
                html.unescape(link["href"]),
                snippet.group(1) if snippet else "",
            )
        )
    return found


def results(response) -> list[Card]:
    """The result cards of a list page, in the order shown."""
    found = _RESULTS.search(text(response))
    return cards(found.group(1)) if found else []


def result_titles(response) -> list[str]:
    return [card.title for card in results(response)]


def result_count(response) -> str:
    found = _COUNT.search(text(response))
    return " ".join(found.group(1).split()) if found else ""


def facet_counts(response, name) -> dict[str, int]:
    """A facet's values in the filter panel and their counts, by value."""
    return {
        match["value"]: int(match["count"])
        for match in _OPTION.finditer(text(response))
        if match["facet"] == name
    }


def facet_labels(response, name) -> dict[str, str]:
    return {
        match["value"]: plain(match["label"])
        for match in _OPTION.finditer(text(response))
        if match["facet"] == name
    }


def checked_values(response, name) -> list[str]:
    return [
        match["value"]
        for match in _OPTION.finditer(text(response))
        if match["facet"] == name and match["checked"]
    ]


def other_versions(response) -> dict[str, str]:
    """The "Also in …" links of a detail page: language name -> address."""
    found = _VERSIONS.search(text(response))
    if not found:
        return {}
    return {plain(m["text"]): html.unescape(m["href"]) for m in _LINK.finditer(found.group(1))}


def versions_line(response) -> str:
    found = _VERSIONS.search(text(response))
    return plain(found.group(1)) if found else ""


def json_ld(response) -> dict:
    found = _JSON_LD.search(text(response))
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


def citations(response) -> dict[str, str]:
    """The visible text of each citation style shown (APA, Chicago)."""
    return {m["style"]: plain(m["text"]) for m in _CITATION.finditer(text(response))}


def citation_html(response) -> dict[str, str]:
    return {m["style"]: m["text"] for m in _CITATION.finditer(text(response))}


def download_button(response) -> tuple[str, str] | None:
    """(address, label) of the download button, if there is one."""
    found = _DOWNLOAD.search(text(response))
    return (html.unescape(found["href"]), plain(found.group(2))) if found else None


def section_card_titles(response, heading_id) -> list[str]:
    """Card titles inside the section labelled by ``heading_id`` on a detail page."""
    found = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', text(response), re.S
    )
    if not found:
        return []
    return [plain(m) for m in re.findall(r"<h3><a [^>]*>(.*?)</a>", found.group(1), re.S)]


# -- the admin ---------------------------------------------------------------------------


class _FormReader(HTMLParser):
    """What a browser would submit from a form: named inputs, selects and textareas."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select = None
        self._select_options = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = (name, "multiple" in attrs)
            self._select_options = []
        elif tag == "option" and self._select is not None:
            self._select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and not multiple and self._select_options:
                chosen = [self._select_options[0][0]]
            self.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            self.fields.append((name, value.removeprefix("\n")))
            self._textarea = None


def admin_form_data(response, form_id="resource_form") -> dict:
    """The admin form's current values, as the browser would post them back."""
    reader = _FormReader(form_id)
    reader.feed(text(response))
    data: dict = {}
    for name, value in reader.fields:
        if name not in data:
            data[name] = value
        elif isinstance(data[name], list):
            data[name].append(value)
        else:
            data[name] = [data[name], value]
    return data


_ERRORS = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)
_MESSAGES = re.compile(r'<ul class="messagelist">(.*?)</ul>', re.S)
_ADMIN_TITLE = re.compile(r'<th class="field-title"><a href="[^"]*">([^<]*)</a>')


def admin_errors(response) -> list[str]:
    """Error messages shown next to the admin form's fields."""
    return [plain(errors) for errors in _ERRORS.findall(text(response))]


def admin_messages(response) -> list[str]:
    """The messages at the top of an admin page ("1 document queued.")."""
    found = _MESSAGES.search(text(response))
    items = re.findall(r"<li[^>]*>(.*?)</li>", found.group(1), re.S) if found else []
    return [plain(item) for item in items]


def admin_listed_titles(response) -> list[str]:
    return [html.unescape(title) for title in _ADMIN_TITLE.findall(text(response))]


def downloaded(response) -> bytes:
    """The bytes of a file download. Reading it to the end closes the file (the test
    client does so without closing the test's database connection)."""
    return b"".join(response.streaming_content)


def close(response) -> None:
    """Close a response as the web server does once it is sent (closing the file behind a
    download), without the request_finished signal recycling the test's connection."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
