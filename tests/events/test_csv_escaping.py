"""The registrants' CSV export (and the newsletter's) with the payload set and formula
starters in what the public typed: every cell reads back as typed, a formula is defused
with a leading apostrophe, and no value adds a row or a column."""

import csv
import io

import pytest

from blog.exports import confirmed_subscribers_csv
from blog.models import Subscriber
from citiesofmigration.escaping import csv_cell
from events.admin import registrations_csv
from events.models import Registration
from tests.blog.test_feed_escaping import PAYLOADS
from tests.factories import RegistrationFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

FORMULAS = {
    "equals": '=HYPERLINK("http://evil.example","x")',
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1)",
    "tab": "\t=1",
    "carriage return": "\r=1",
    "line feed": "\n=1",
    "full-width equals": "\uff1d1+1",
}
CELLS = {**PAYLOADS, **FORMULAS}


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_every_registrant_cell_reads_back_as_typed_or_defused(webinar):
    webinar.capacity = None
    webinar.save()
    for n, value in enumerate(CELLS.values()):
        RegistrationFactory(
            event=webinar, name=value, organisation=value, city=value, email=f"p{n}@example.org"
        )
    header, *rows = rows_of(registrations_csv(Registration.objects.all()))
    assert len(rows) == len(CELLS)  # no value added a row
    assert all(len(row) == len(header) for row in rows)  # nor a column
    records = [dict(zip(header, row, strict=True)) for row in rows]
    expected = {
        value if value[:1] not in "=+-@\t\r\n\uff1d" else f"'{value}" for value in CELLS.values()
    }
    for column in ("name", "organisation", "city"):
        assert {record[column] for record in records} == expected


def test_the_newsletter_export_defuses_a_formula_address(db):
    SubscriberFactory(email="=cmd@example.org")
    _header, row = rows_of(confirmed_subscribers_csv(Subscriber.objects.all()))
    assert row[0] == "'=cmd@example.org"


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_a_cell_never_starts_a_formula(value):
    assert csv_cell(value) == f"'{value}"
