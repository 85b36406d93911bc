"""No public address answers 5xx, whatever arrives in the path, the query string or the
headers (issue 9).

Against the demo content, this walks every URL pattern outside /admin/ (read from the URL
resolver, so a new page is fuzzed without touching this file), fills its path parameters
with real values and with an explicit corpus of hostile ones, sends every query-string
parameter the list pages know (read from their FilterSets) with the same corpus, and sends
odd headers. Hypothesis then adds generated values on top. Hypothesis runs derandomized with
a fixed number of examples and no example database, so every run (and CI) makes the same
requests; nothing is written into the repository. Run with ``-s`` to see the count."""

import datetime
import re
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from taggit.models import Tag

from blog.filters import PostFilterSet
from blog.models import Post
from citiesofmigration.facets import FacetFilter
from citiesofmigration.models import City, Theme
from elibrary.filters import ResourceFilterSet
from elibrary.models import Resource
from events import links
from events.filters import ArchiveFilterSet, EventFilterSet
from events.models import Event
from goodideas.filters import GoodIdeaFilterSet
from goodideas.models import GoodIdea
from tests.factories import RegistrationFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

# Hypothesis caches what it learns (Unicode tables, constants) under .hypothesis/ in the
# working directory, some of it after the test has run; keep the repository clean
# (database=None below already keeps examples out).
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "citiesofmigration-hypothesis")

# Reproducible and bounded: the same requests on every run, no files written.
FUZZ = settings(
    database=None,
    derandomize=True,
    deadline=None,
    max_examples=200,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)

# What a hostile visitor types, in a path segment, a query value or both.
HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "é",
    "日本語",
    "😀",
    "👩\u200d👩\u200d👧",
    "a\u2028b",
    "\u2029",
    "\ufeff",
    "../../etc/passwd",
    "..",
    "0000-01",
    "0001-01",
    "9999-12",
    "2026-13",
    "2026-00",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "' OR 1=1 --",
    "'; DROP TABLE goodideas_goodidea; --",
    "-" * 40,
    "- " * 40,
    '"' * 3,
    "<script>alert(1)</script>",
    "{{7*7}}",
    "%",
    "\\",
    "\t\r\n",
]
# Already percent-encoded path segments: NUL, dot segments, invalid UTF-8, overlong UTF-8.
RAW_SEGMENTS = ["%00", "a%00b", "%2e%2e%2f", "%2e", "%ff%fe", "%c0%ae", "%E2%80%A8", "%25"]

# Header values an HTTP server passes on (printable Latin-1; servers refuse the rest):
# what each header's parser may choke on, plus junk that every header gets.
ANY_HEADER = ["", "x" * 8000, "garbage", "\xe9\xff", "=; ;, ,"]
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": [
        "*;q=abc",
        "en-US;q=0.5,,,;;",
        "zz-ZZ, xx;q=2, fr;q=NaN",
        "fr-CA-u-ca-gregory-x-" + "a" * 300,
        "fr;q=1e400, en;q=-1",
    ],
    "HTTP_COOKIE": [
        "sessionid=garbage; csrftoken=\xff\xfe; django_language=xx",
        "a=" + "b" * 8000,
        "messages=" + "x" * 500,
        "sessionid=" + "a" * 4000,
        "=; ; ==; a",
    ],
    "HTTP_RANGE": ["bytes=abc", "bytes=999999999999-", "bytes=-0", "bytes=5-1", "bytes=0-0," * 50],
    "HTTP_IF_MODIFIED_SINCE": ["Mon, 32 Foo 99999 99:99:99 GMT", "0", "-1", "Thu, 01 Jan 0000"],
    "HTTP_IF_NONE_MATCH": ['"etag", W/"weak", *', "*", '"' * 9],
    "HTTP_IF_MATCH": ['W/"x"', "*, *"],
    "HTTP_ACCEPT": ["text/html;q=abc, */*;q=-1", "*/*;q=" + "9" * 400],
    "HTTP_ACCEPT_ENCODING": ["gzip;q=x, br;q=", "identity;q=0, *;q=0"],
    "HTTP_USER_AGENT": ["() { :; }; echo pwned"],
    "HTTP_REFERER": ["http://[::1", "javascript:alert(1)"],
    "HTTP_X_FORWARDED_FOR": ["1.2.3.4, not-an-ip, ::::::1", "999.999.999.999"],
    "HTTP_X_FORWARDED_PROTO": ["https, http", "gopher"],
}
HEADER_VALUES = sorted({value for values in HEADERS.values() for value in values} | set(ANY_HEADER))

LIST_PAGES = {
    "goodideas:list": GoodIdeaFilterSet,
    "elibrary:list": ResourceFilterSet,
    "events:list": EventFilterSet,
    "events:archive": ArchiveFilterSet,
    "blog:list": PostFilterSet,
    "search": None,
}
# Read by every list page's view or template beside the FilterSet's own filters.
COMMON_PARAMETERS = ["q", "page", "sort", "month", "year"]
# Sent alone in every parameter of every list page; the whole HOSTILE corpus is also sent
# in all of a page's parameters at once.
SHARPEST = ["\x00", "x" * 5000, "0000-01", "-" * 40, "-1", "99999999999999999999999", "a\u2028b"]

PARAMETER = re.compile(r"<(?:\w+:)?(?P<route>\w+)>|\(\?P<(?P<regex>\w+)>[^)]*\)")
REGEX_ALTERNATIVES = re.compile(r"\(\?P<(\w+)>([\w|]+)\)")


def route_template(piece: str) -> str:
    """A path() route or a re_path() regex -> "good-ideas/{slug}/"-style text."""
    piece = piece.removeprefix("^").removesuffix("$")
    piece = PARAMETER.sub(lambda match: f"{{{match['route'] or match['regex']}}}", piece)
    return piece.replace("\\", "")


def public_patterns(resolver=None, prefix=""):
    """(template, parameter names, fixed choices) of every URL pattern outside /admin/."""
    for entry in (resolver or get_resolver()).url_patterns:
        piece = str(entry.pattern)
        template = prefix + route_template(piece)
        if template.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from public_patterns(entry, template)
            continue
        choices = {name: alts.split("|") for name, alts in REGEX_ALTERNATIVES.findall(piece)}
        yield "/" + template, re.findall(r"\{(\w+)\}", template), choices


def fill(template: str, values: dict) -> str:
    for name, value in values.items():
        template = template.replace(f"{{{name}}}", value)
    return template


def close_without_closing_the_database(response):
    """Downloads hold their file open until the response is closed, but closing it sends
    request_finished, which would close the test's database connection (Django's test
    client mutes that signal the same way while it handles a request)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


class Recorder:
    """Sends requests through Django's test client, counting them and keeping every 5xx
    (with the exception behind it)."""

    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.count = 0
        self.failures = []

    def send(self, method, path, data=None, **headers):
        self.count += 1
        # Each request in a savepoint rolled back afterwards, as a server runs each
        # request in its own transaction: a request that breaks the transaction (a database
        # error) fails alone instead of every request after it.
        savepoint = transaction.savepoint()
        try:
            response = getattr(self.client, method)(path, data, **headers)
            close_without_closing_the_database(response)
        finally:
            transaction.savepoint_rollback(savepoint)
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            cause = repr(error[1])[:160] if error else ""
            query = f"?{urlencode(data, doseq=True)}"[:120] if data else ""
            shown = {name: value[:40] for name, value in headers.items()}
            self.failures.append(f"{method.upper()} {path[:160]}{query} {shown} -> {cause}")


def month(value):
    return f"{value:%Y-%m}" if isinstance(value, datetime.date) else value


def facet_values(filterset) -> dict[str, list[str]]:
    """A few values each facet really has in the demo content."""
    values = {}
    for name, facet in filterset.base_filters.items():
        if not isinstance(facet, FacetFilter):
            values[name] = ["on", "1", "true"]
            continue
        found = (
            filterset._meta.model._base_manager.exclude(**{f"{facet.field_name}__isnull": True})
            .values_list(facet.field_name, flat=True)
            .distinct()[:3]
        )
        values[name] = [str(month(value)) for value in found]
    return values


def valid_path_values() -> dict[str, list[str]]:
    """Real slugs and secrets, so the pages behind the parameters are reached too."""
    slugs = [
        slug
        for model in (GoodIdea, Resource, Event, Post, City, Theme, Tag)
        for slug in model._base_manager.order_by("pk").values_list("slug", flat=True)[:2]
    ]
    pending = SubscriberFactory(pending=True)
    confirmation = pending.issue_confirmation_token()
    pending.save()
    event = Event.objects.published().order_by("start").first()
    tokens = [
        SubscriberFactory().unsubscribe_token,
        confirmation,
        links.manage_token(RegistrationFactory(event=event)),
    ]
    return {"slug": slugs, "token": tokens}


@pytest.fixture
def demo(themes):
    call_command("load_demo", verbosity=0)


def test_no_public_address_answers_5xx(demo):
    recorder = Recorder()
    patterns = list(public_patterns())
    valid = valid_path_values()
    hostile_segments = [quote(value, safe="") for value in HOSTILE] + RAW_SEGMENTS
    sharpest_segments = [quote(value, safe="") for value in SHARPEST] + RAW_SEGMENTS[:2]

    # 1. Every pattern, every parameter: real values (GET, HEAD, an empty POST: forms must
    # answer with their errors), then the hostile corpus (GET) and its sharpest (POST).
    for template, names, choices in patterns:
        real_values = {name: choices.get(name) or valid[name] for name in names}
        first_real = {name: values[0] for name, values in real_values.items()}
        for name in names:
            for value in real_values[name]:
                path = fill(template, {**first_real, name: value})
                for method in ("get", "head", "post"):
                    recorder.send(method, path)
            for value in hostile_segments:
                recorder.send("get", fill(template, {**first_real, name: value}))
            for value in sharpest_segments:
                recorder.send("post", fill(template, {**first_real, name: value}))
        if not names:
            for method in ("get", "head", "post"):
                recorder.send(method, template)

    # 2. Every list page, every parameter it knows: real values and the sharpest hostile
    # ones one parameter at a time, then each hostile value in every parameter at once.
    list_parameters = {}
    for url_name, filterset in LIST_PAGES.items():
        page = reverse(url_name)
        known = facet_values(filterset) if filterset else {}
        parameters = sorted(set(known) | set(COMMON_PARAMETERS))
        list_parameters[page] = parameters
        for name in parameters:
            for value in known.get(name, []) + SHARPEST:
                recorder.send("get", page, {name: value})
        for value in HOSTILE:
            recorder.send("get", page, dict.fromkeys(parameters, value))

    # 3. Odd headers on the pages that read them (languages, cookies, caching, downloads).
    download = Resource.objects.published().exclude(file="").first()
    header_targets = [
        "/en/",
        reverse("goodideas:list"),
        reverse("blog:feed"),
        reverse("events:calendar"),
        reverse("elibrary:download", kwargs={"slug": download.slug}),
        Post.objects.published().first().get_absolute_url(),
    ]
    for target in header_targets:
        for header, values in HEADERS.items():
            for value in values + ANY_HEADER:
                recorder.send("get", target, **{header: value})

    # 4. Generated values on top of the corpus.
    text = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
    anything = st.one_of(text, st.sampled_from(HOSTILE))

    @FUZZ
    @given(pattern=st.sampled_from([p for p in patterns if p[1]]), value=anything)
    def generated_paths(pattern, value):
        template, names, _choices = pattern
        recorder.send("get", fill(template, dict.fromkeys(names, quote(value, safe=""))))

    @FUZZ
    @given(page=st.sampled_from(sorted(list_parameters)), data=st.data())
    def generated_queries(page, data):
        query = data.draw(
            st.dictionaries(
                st.sampled_from(list_parameters[page]),
                st.lists(anything, min_size=1, max_size=3),
                max_size=5,
            )
        )
        recorder.send("get", f"{page}?{urlencode(query, doseq=True)}")

    header_text = st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
        max_size=200,
    )

    @FUZZ
    @given(
        target=st.sampled_from(header_targets),
        headers=st.dictionaries(
            st.sampled_from(sorted(HEADERS)),
            st.one_of(header_text, st.sampled_from(HEADER_VALUES)),
            min_size=1,
            max_size=4,
        ),
    )
    def generated_headers(target, headers):
        recorder.send("get", target, **headers)

    generated_paths()
    generated_queries()
    generated_headers()

    print(
        f"\nfuzz: {recorder.count} requests to {len(patterns)} public URL patterns, "
        f"{len(recorder.failures)} answered 5xx"
    )
    assert recorder.failures == [], "\n".join(recorder.failures[:30])
