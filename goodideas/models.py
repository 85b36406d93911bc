from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from citiesofmigration.i18n import language_field
from citiesofmigration.models import City, Organisation, Theme, slug_errors
from citiesofmigration.publication import PublicationQuerySet, Publishable, Status
from citiesofmigration.richtext import SanitisedHTMLField
from citiesofmigration.search import (
    SearchableQuerySet,
    aggregated_text,
    place_text,
    refresh_search_vector,
    search_indexes,
    tag_text,
)


class Collection(models.Model):
    """An editorial grouping, e.g. Immigrant Futures, Urban Sanctuary, Municipal."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Collections are listed in this order.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.name


class PracticeStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")
    UNKNOWN = "unknown", _("Unknown")


class GoodIdeaQuerySet(SearchableQuerySet, PublicationQuerySet):
    def publish(self):
        # Submitters' personal data is kept only while editors review their proposal.
        self.update(submitter_name="", submitter_email="")
        return super().publish()

    def for_cards(self):
        """What a list of idea cards shows, in a fixed number of queries."""
        return self.select_related("primary_theme").prefetch_related(
            models.Prefetch("cities", queryset=City.objects.with_country())
        )

    def about(self, *, theme=None, city=None):
        ideas = self
        if theme is not None:
            ideas = ideas.filter(pk__in=GoodIdea.objects.filter(themes=theme).values("pk"))
        if city is not None:
            ideas = ideas.filter(pk__in=GoodIdea.objects.filter(cities=city).values("pk"))
        return ideas


class GoodIdea(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(
        _("one-line summary"), max_length=300, help_text=_("Shown on cards and in search results.")
    )
    story = SanitisedHTMLField(_("story"), blank=True)
    primary_theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="primary_ideas", verbose_name=_("theme")
    )
    themes = models.ManyToManyField(
        Theme,
        related_name="good_ideas",
        blank=True,
        verbose_name=_("all themes"),
        help_text=_("The primary theme is always included; add any further themes."),
    )
    cities = models.ManyToManyField(City, related_name="good_ideas", verbose_name=_("cities"))
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_ideas",
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partnered_ideas", blank=True, verbose_name=_("partners")
    )
    year_started = models.PositiveSmallIntegerField(
        _("year started"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    practice_status = models.CharField(
        _("practice status"),
        max_length=10,
        choices=PracticeStatus.choices,
        default=PracticeStatus.UNKNOWN,
    )
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, help_text=_("When an editor last checked.")
    )
    results = models.TextField(_("results and outcomes"), blank=True)
    reflection_question = models.CharField(
        _("question for readers"),
        max_length=300,
        blank=True,
        help_text=_("For example: Does your city have a welcoming policy?"),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_is_private = models.BooleanField(
        _("keep contact private"),
        default=False,
        help_text=_(
            "Hide the contact on the public page, e.g. for work with residents without status."
        ),
    )
    tags = TaggableManager(_("tags"), blank=True)
    collections = models.ManyToManyField(
        Collection,
        through="CollectionMembership",
        related_name="ideas",
        blank=True,
        verbose_name=_("collections"),
    )
    related_ideas = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related ideas")
    )
    # Who proposed it through the public form: for the editors' questions only, never shown.
    submitter_name = models.CharField(_("submitted by"), max_length=120, blank=True)
    submitter_email = models.EmailField(_("submitter e-mail"), blank=True)
    submitter_language = language_field(_("submitter's language"))

    search_vector = SearchVectorField(null=True, editable=False)
    # French text, stemmed as French (issue 11); search_vector holds the English.
    search_vector_fr = SearchVectorField(null=True, editable=False)

    # Editors see each change field by field and can revert it (django-simple-history).
    # History: registered in goodideas/translation.py, after the translated columns exist.

    objects = GoodIdeaQuerySet.as_manager()
    # Short fields the misspelling-tolerant search looks at (see citiesofmigration.search).
    search_fallback_lookups = ["title", "cities__name", "tags__name", "lead_organisation__name"]

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "title"]
        verbose_name = _("Good Idea")
        verbose_name_plural = _("Good Ideas")
        indexes = search_indexes("goodidea", title_columns=("title_en", "title_fr"))

    def __str__(self):
        return self.title

    # /good-ideas/submit/ and /good-ideas/collections/ come before an idea's own address,
    # so an idea with one of these slugs could never be reached.
    reserved_slugs = frozenset({"submit", "collections", "contact-reply"})

    def clean(self):
        super().clean()
        errors = slug_errors(
            self, _("“%(slug)s” is used by the site's own pages; choose another slug.")
        )
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("goodideas:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if self.status in (Status.PUBLISHED, Status.ARCHIVED):
            # Submitters' personal data is kept only while editors review their proposal.
            self.submitter_name = self.submitter_email = ""
        super().save(*args, **kwargs)

    @property
    def has_public_contact(self):
        return not self.contact_is_private and any(
            [self.contact_name, self.contact_email, self.contact_phone]
        )

    def json_ld(self, url):
        """schema.org description of the practice, for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title,
            "description": self.summary,
            "url": url,
            "about": [theme.name for theme in self.themes.all()],
            "keywords": ", ".join(tag.name for tag in self.tags.all()),
            "spatialCoverage": [
                {
                    "@type": "City",
                    "name": city.name,
                    "containedInPlace": {"@type": "Country", "name": city.country.name},
                }
                for city in self.cities.all()
            ],
            "publisher": {"@type": "Organization", "name": "Cities of Migration"},
        }
        if self.published_at:
            data["datePublished"] = self.published_at.isoformat()
            data["dateModified"] = self.updated_at.isoformat()
        if self.lead_organisation_id:
            data["sourceOrganization"] = {
                "@type": "Organization",
                "name": self.lead_organisation.name,
            }
        return data

    @classmethod
    def search_document(cls, language):
        """What search finds an idea by, in ``language`` (see citiesofmigration.search):
        its own fields in that language; places, organisations and tags in both."""
        idea = OuterRef("pk")
        return {
            "A": ["title"],
            "B": ["summary"],
            "C": [
                aggregated_text(
                    City.objects.filter(good_ideas=idea), "good_ideas", place_text(language)
                ),
                Subquery(
                    Organisation.objects.filter(pk=OuterRef("lead_organisation_id")).values("name")
                ),
                aggregated_text(
                    Organisation.objects.filter(partnered_ideas=idea), "partnered_ideas", F("name")
                ),
                tag_text(cls),
            ],
            "D": ["story", "results"],
        }

    def after_relations_saved(self):
        """Call once the many-to-many fields are saved (admin, forms, loaders): keeps the
        primary theme among the themes and the stored search vector current."""
        self.themes.add(self.primary_theme_id)
        refresh_search_vector(self)


class Adaptation(models.Model):
    """A city that took the idea up, linking to its own Good Idea where one exists."""

    idea = models.ForeignKey(
        GoodIdea, on_delete=models.CASCADE, related_name="adaptations", verbose_name=_("idea")
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="adaptations", verbose_name=_("city")
    )
    adapted_idea = models.ForeignKey(
        GoodIdea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adapted_from",
        verbose_name=_("that city's own Good Idea"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["city__name"]
        verbose_name = _("adapted in")
        verbose_name_plural = _("adapted in")
        constraints = [
            models.UniqueConstraint(fields=["idea", "city"], name="adaptation_once_per_city")
        ]

    def __str__(self):
        return str(self.city)


class CollectionMembership(models.Model):
    """An idea in a collection, at the place the editors chose for it. The table is the one
    the plain many-to-many used before, with a position added."""

    idea = models.ForeignKey(
        GoodIdea, on_delete=models.CASCADE, db_column="goodidea_id", verbose_name=_("Good Idea")
    )
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, verbose_name=_("collection")
    )
    position = models.PositiveIntegerField(
        _("position"),
        default=0,
        help_text=_("Ideas are shown in this order on the collection page."),
    )

    class Meta:
        db_table = "goodideas_goodidea_collections"
        ordering = ["position", "pk"]
        verbose_name = _("idea in a collection")
        verbose_name_plural = _("ideas in the collection")
        constraints = [
            models.UniqueConstraint(fields=["idea", "collection"], name="one_membership_per_idea")
        ]

    def __str__(self):
        return f"{self.collection}: {self.idea}"


class ContactRequest(models.Model):
    """A visitor's message to an idea's private contact, relayed by the portal: neither
    address is shown to the other until the contact chooses to reply. Removed after
    ``CONTACT_REQUESTS_KEEP_DAYS``."""

    idea = models.ForeignKey(
        GoodIdea,
        on_delete=models.CASCADE,
        related_name="contact_requests",
        verbose_name=_("Good Idea"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=3000)
    language = language_field(_("language for e-mails"))
    # The secret in the contact's "reply" link; the reply goes to ``email`` from the portal.
    reply_token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self):
        return f"{self.idea} ({self.created_at:%Y-%m-%d})"
