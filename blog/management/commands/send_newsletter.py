from django.core.management.base import BaseCommand, CommandError

from blog import services
from blog.models import NewsletterIssue


class Command(BaseCommand):
    help = (
        "Queue a newsletter issue (made in the admin) to every confirmed subscriber; the "
        "background worker sends it. An issue goes out once."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue", type=int, help="The issue's id, from the admin.")
        parser.add_argument(
            "--base-url",
            required=True,
            help="The site's address for the links in the e-mail, e.g. https://citiesofmigration.ca",
        )

    def handle(self, *args, issue, base_url, **options):
        try:
            newsletter = NewsletterIssue.objects.get(pk=issue)
        except NewsletterIssue.DoesNotExist:
            raise CommandError(f"There is no newsletter issue {issue}.") from None
        base_url = base_url.rstrip("/")
        try:
            count = services.send_newsletter(
                issue=newsletter, absolute_url=lambda path: f"{base_url}{path}"
            )
        except services.AlreadySent:
            raise CommandError(f"“{newsletter}” was already sent.") from None
        self.stdout.write(self.style.SUCCESS(f"“{newsletter}” queued for {count} subscribers."))
