"""Citations of a resource: APA and Chicago for reading, BibTeX and RIS for reference
managers. Authors are people; when there are none the publisher stands as the author."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from citiesofmigration.escaping import bibtex_field, bibtex_verbatim_field, ris_field
from elibrary.models import ResourceType

BIBTEX_TYPES = {
    ResourceType.REPORT: "techreport",
    ResourceType.POLICY_BRIEF: "techreport",
    ResourceType.ARTICLE: "article",
}
RIS_TYPES = {
    ResourceType.REPORT: "RPRT",
    ResourceType.POLICY_BRIEF: "RPRT",
    ResourceType.TOOLKIT: "GEN",
    ResourceType.GUIDE: "GEN",
    ResourceType.PRESENTATION: "SLIDE",
    ResourceType.VIDEO: "VIDEO",
    ResourceType.ARTICLE: "JOUR",
    ResourceType.WEBSITE: "ELEC",
    ResourceType.SURVEY: "DATA",
    ResourceType.DATASET: "DATA",
}
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def split_name(name: str) -> tuple[str, str]:
    """("Valerie", "Preston") from "Valerie Preston": family name last, as the seeds write."""
    parts = name.strip().rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])


def initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s-]+", given) if part)


def _people(resource):
    return [person.name for person in resource.ordered_authors()]


def _html(parts) -> SafeString:
    """APA and Chicago are shown as HTML (the title in italics): every part is escaped
    text or built with format_html, so a title or a name can never become markup."""
    return mark_safe(" ".join(part for part in parts if part))  # noqa: S308 - parts escaped


def _join(items, last_separator):
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last_separator + items[-1]


def _italic_title(resource) -> SafeString:
    """The title in italics, marked with its own language where the page is in another
    (a screen reader reads an English title on a French page with an English voice)."""
    if resource.language != get_language():
        return format_html('<i lang="{}">{}</i>.', resource.language, resource.title)
    return format_html("<i>{}</i>.", resource.title)


def apa(resource, url: str) -> SafeString:
    people = _people(resource)
    if people:
        names = []
        for name in people:
            given, family = split_name(name)
            names.append(f"{family}, {initials(given)}" if given else family)
        author = _join(names, ", & ")
    else:
        author = resource.publisher.name if resource.publisher else ""
    date = str(resource.year)
    if resource.month:
        date += f", {ENGLISH_MONTHS[resource.month - 1]}"
        if resource.day:
            date += f" {resource.day}"
    publisher = resource.publisher.name if resource.publisher and people else ""
    parts = [escape(f"{author} ({date})."), _italic_title(resource)]
    if publisher:
        parts.append(escape(f"{publisher}."))
    parts.append(escape(url))
    return _html(parts)


def chicago(resource, url: str) -> SafeString:
    people = _people(resource)
    names = []
    for index, name in enumerate(people):
        given, family = split_name(name)
        names.append(f"{family}, {given}" if index == 0 and given else name)
    author = _join(names, ", and ") if names else ""
    publisher = resource.publisher.name if resource.publisher else ""
    parts = [escape(f"{author}.") if author else "", _italic_title(resource)]
    parts.append(escape(f"{publisher}, {resource.year}." if publisher else f"{resource.year}."))
    parts.append(escape(f"{url}."))
    return _html(parts)


def citation_key(resource) -> str:
    people = _people(resource)
    if people:
        family = split_name(people[0])[1]
    else:
        family = resource.publisher.name if resource.publisher else ""
    first_word = next((w for w in re.findall(r"[A-Za-z]+", resource.title) if len(w) > 3), "item")
    key = f"{family}{resource.year}{first_word}"
    return re.sub(r"[^A-Za-z0-9]", "", key).lower() or f"resource{resource.pk}"


def _bibtex_author(name: str) -> str:
    """One name in the author list; a name holding the word "and" is braced, or BibTeX
    would read it as two people."""
    value = bibtex_field(name)
    return "{" + value + "}" if re.search(r"\sand\s", value, flags=re.IGNORECASE) else value


def bibtex(resource, url: str) -> str:
    """Every value goes through :mod:`citiesofmigration.escaping` here and nowhere else:
    text fields through ``bibtex_field``, links through ``bibtex_verbatim_field``. The
    only braces added are structural (a title's capitals, an organisation kept whole)."""
    entry_type = BIBTEX_TYPES.get(resource.resource_type, "misc")
    people = _people(resource)
    publisher = resource.publisher.name if resource.publisher else ""
    # Double braces keep the title's capitals; an organisation as author is braced whole.
    fields = [("title", "{" + bibtex_field(resource.title) + "}")]
    if people:
        authors = [
            f"{family}, {given}" if given else family for given, family in map(split_name, people)
        ]
        fields.append(("author", " and ".join(_bibtex_author(name) for name in authors)))
    elif publisher:
        fields.append(("author", "{" + bibtex_field(publisher) + "}"))
    fields.append(("year", bibtex_field(resource.year)))
    if resource.month:
        fields.append(("month", bibtex_field(ENGLISH_MONTHS[resource.month - 1])))
    if publisher:
        name = "institution" if entry_type == "techreport" else "publisher"
        fields.append((name, bibtex_field(publisher)))
    if resource.series:
        fields.append(("series", bibtex_field(resource.series.name)))
    if resource.series_volume:
        fields.append(("number", bibtex_field(resource.series_volume)))
    fields.append(("url", bibtex_verbatim_field(url)))
    fields.append(("language", bibtex_field(resource.get_language_display())))
    if resource.doi:
        fields.append(("doi", bibtex_verbatim_field(resource.doi)))
    if resource.isbn:
        fields.append(("isbn", bibtex_field(resource.isbn)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{citation_key(resource)},\n{body}\n}}\n"


def ris(resource, url: str) -> str:
    people = _people(resource)
    lines = [("TY", RIS_TYPES.get(resource.resource_type, "GEN")), ("TI", resource.title)]
    for given, family in map(split_name, people):
        lines.append(("AU", f"{family}, {given}" if given else family))
    if not people and resource.publisher:
        lines.append(("AU", resource.publisher.name))
    month = f"{resource.month:02d}" if resource.month else ""
    day = f"{resource.day:02d}" if resource.day else ""
    lines += [("PY", str(resource.year)), ("DA", f"{resource.year}/{month}/{day}/")]
    if resource.publisher:
        lines.append(("PB", resource.publisher.name))
    if resource.series:
        lines.append(("T2", resource.series.name))
    if resource.abstract:
        lines.append(("AB", resource.abstract))
    lines += [("LA", resource.get_language_display()), ("UR", url)]
    if resource.doi:
        lines.append(("DO", resource.doi))
    if resource.isbn:
        lines.append(("SN", resource.isbn))
    lines += [("KW", tag.name) for tag in resource.tags.all()]
    # RIS: two-letter tag, two spaces, dash, space; the record ends with "ER  -". Every
    # value goes through ris_field, so none can start a line (a tag) of its own.
    text = "\r\n".join(f"{tag}  - {ris_field(value)}" for tag, value in lines)
    return text + "\r\nER  - \r\n"
