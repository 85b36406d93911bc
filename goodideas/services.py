"""Writes that touch several models: proposing a Good Idea."""

from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape, linebreaks

from citiesofmigration.emails import EDITORS_LANGUAGE, in_language, queue_templated_email
from citiesofmigration.i18n import current_language
from citiesofmigration.models import City, Organisation, save_with_unique_slug
from citiesofmigration.publication import Status
from goodideas.models import GoodIdea


@transaction.atomic
def submit_idea(*, data: dict, site_url: str = "", language: str | None = None) -> GoodIdea:
    """Create a proposed idea in review (never published directly) and tell the editors
    through the background worker. ``site_url`` (e.g. ``https://example.org/``)
    makes the e-mail's link to the admin one an editor can click. ``language``: the
    proposer's (default: the active one, the page's), for anything written to them."""
    city = City.objects.get_or_create_named(
        name=data["city"], province=data.get("province", ""), country=data["country"]
    )
    organisation = None
    if data.get("organisation"):
        organisation, _ = Organisation.objects.get_or_create(name=data["organisation"])
    idea = GoodIdea(
        title=data["title"],
        summary=data["summary"],
        # Plain text from the public: escaped, then paragraphs; sanitised again on save.
        story=linebreaks(escape(data["story"])),
        primary_theme=data["theme"],
        lead_organisation=organisation,
        website=data.get("website", ""),
        status=Status.REVIEW,
        submitter_name=data["submitter_name"],
        submitter_email=data["submitter_email"],
        submitter_language=language or current_language(),
    )
    # Two people may propose the same title at the same moment: each gets its own slug.
    save_with_unique_slug(idea, data["title"], max_length=180, fallback="good-idea")
    idea.cities.add(city)
    idea.after_relations_saved()
    notify_editors(idea, site_url=site_url)
    return idea


def notify_editors(idea: GoodIdea, *, site_url: str = "") -> None:
    """Queued with the proposal itself: the background worker sends it once the
    transaction commits and retries while SMTP is down, so the request never waits on
    SMTP; the idea also waits at the top of the admin's review queue."""
    admin_url = urljoin(site_url, reverse("admin:goodideas_goodidea_change", args=[idea.pk]))
    # In the editors' language, whichever language the proposal came in.
    with in_language(EDITORS_LANGUAGE):
        queue_templated_email(
            template="goodideas/email/submitted",
            context={"idea": idea, "admin_url": admin_url},
            subject=f"[Cities of Migration] Good Idea proposed: {idea.title}",
            to=settings.EDITORS_EMAIL,
            language=EDITORS_LANGUAGE,
        )
