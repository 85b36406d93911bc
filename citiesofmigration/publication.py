"""One publication workflow for every kind of content: draft -> in review -> published,
and archived when it should leave the public pages. Content models inherit
:class:`Publishable` and get ``Model.objects.published()``.
"""

import functools

from django.contrib.postgres.lookups import Unaccent
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citiesofmigration.i18n import slug_q
from citiesofmigration.models import save_filling_slugs


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


def by_title(field="title"):
    """Alphabetical as readers expect whatever the database collation ("alpha" before
    "Bravo", "École" among the E's; the embedded database sorts bytewise)."""
    return [Lower(Unaccent(field)), field]


class PublicationQuerySet(models.QuerySet):
    def with_slug(self, slug):
        """The item with this slug in any language (see ``i18n.slug_q``)."""
        return self.filter(slug_q(self.model, slug))

    def published(self):
        """What the public may see: published, with a publication date that has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def in_review(self):
        return self.filter(status=Status.REVIEW)

    def publish(self):
        """Publish many at once (admin bulk action); keeps existing publication dates."""
        now = timezone.now()
        self.filter(published_at__isnull=True).update(published_at=now)
        return self.update(status=Status.PUBLISHED)

    def unpublish(self):
        return self.update(status=Status.DRAFT)


class Publishable(models.Model):
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Filled in when first published. A future date schedules publication."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            )
        ]

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        # A translated title without a slug in its language gets one (issue 11).
        save_filling_slugs(
            self,
            functools.partial(super().save, *args, **kwargs),
            update_fields=kwargs.get("update_fields"),
        )

    def clean(self):
        super().clean()
        # Model validation checks the "published has a date" constraint before save()
        # would fill the date in: an editor who publishes and leaves the date empty (as
        # its help text invites) must not get a constraint error.
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
