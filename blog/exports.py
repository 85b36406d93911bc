"""CSV export of the newsletter's confirmed subscribers, for the editors' mailing tool."""

import csv

from django.http import HttpResponse
from django.utils import timezone

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value) -> str:
    """Text that a spreadsheet shows as text: a leading ' defuses a formula (an address
    such as =HYPERLINK(...)@example.org is valid e-mail syntax)."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def confirmed_subscribers_csv(subscribers) -> HttpResponse:
    """Only confirmed subscribers are exported, whatever ``subscribers`` holds."""
    today = timezone.localdate().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="newsletter-subscribers-{today}.csv"'
    writer = csv.writer(response)
    writer.writerow(["email", "confirmed_at", "consent_at"])
    for subscriber in subscribers.confirmed().order_by("email"):
        writer.writerow(
            [
                spreadsheet_safe(subscriber.email),
                subscriber.confirmed_at.isoformat(),
                subscriber.consent_at.isoformat(),
            ]
        )
    return response
