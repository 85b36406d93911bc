"""CSV export of the newsletter's confirmed subscribers, for the editors' mailing tool."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from citiesofmigration.escaping import csv_cell


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
                csv_cell(subscriber.email),
                subscriber.confirmed_at.isoformat(),
                subscriber.consent_at.isoformat(),
            ]
        )
    return response
