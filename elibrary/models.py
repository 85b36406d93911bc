import calendar
import os

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from citiesofmigration.models import City, Country, OrderedAuthor, Organisation, Person, Theme
from citiesofmigration.publication import PublicationQuerySet, Publishable
from citiesofmigration.search import (
    SearchableQuerySet,
    aggregated_text,
    search_indexes,
    tag_text,
    translated_name,
)
from elibrary.uploads import KINDS, generated_name


class ResourceType(models.TextChoices):
    REPORT = "report", _("Report")
    TOOLKIT = "toolkit", _("Toolkit")
    GUIDE = "guide", _("Guide")
    POLICY_BRIEF = "policy-brief", _("Policy brief")
    PRESENTATION = "presentation", _("Presentation")
    VIDEO = "video", _("Video")
    ARTICLE = "article", _("Article")
    WEBSITE = "website", _("Website")
    SURVEY = "survey", _("Survey or poll")
    DATASET = "dataset", _("Dataset")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    GERMAN = "de", "Deutsch"
    SPANISH = "es", "Español"
    ITALIAN = "it", "Italiano"
    DUTCH = "nl", "Nederlands"
    PORTUGUESE = "pt", "Português"


class ExtractionStatus(models.TextChoices):
    NOT_NEEDED = "none", _("No file")
    PENDING = "pending", _("Waiting")
    DONE = "done", _("Text indexed")
    FAILED = "failed", _("Failed")


class Series(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    publisher = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("publisher")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name


class ResourceQuerySet(SearchableQuerySet, PublicationQuerySet):
    def for_cards(self):
        return self.select_related("publisher", "series").prefetch_related(
            models.Prefetch("authorships", queryset=Authorship.objects.select_related("person"))
        )

    def newest_first(self):
        return self.order_by(F("year").desc(), F("month").desc(nulls_last=True), "title")

    def about(self, *, theme=None, city=None):
        resources = self
        if theme is not None:
            resources = resources.filter(pk__in=Resource.objects.filter(themes=theme).values("pk"))
        if city is not None:
            resources = resources.filter(pk__in=Resource.objects.filter(cities=city).values("pk"))
        return resources

    def one_per_work(self, preferred_language=None):
        """One row per work: of the language versions in this queryset, the one in the
        preferred language (else English, else any)."""
        preferred = [When(language=preferred_language, then=Value(0))] if preferred_language else []
        preference = Case(
            *preferred, When(language=Language.ENGLISH, then=Value(1)), default=Value(2)
        )
        chosen = (
            self.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[Coalesce("translation_of_id", "id")],
                    order_by=[preference.asc(), F("pk").asc()],
                )
            )
            .filter(rank=1)
            .values("pk")
        )
        return self.filter(pk__in=chosen)


class Resource(Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    authors = models.ManyToManyField(
        Person,
        through="Authorship",
        related_name="resources",
        blank=True,
        verbose_name=_("authors"),
    )
    publisher = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_resources",
        verbose_name=_("publisher or organisation"),
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("series"),
    )
    series_volume = models.CharField(_("volume or number in the series"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    abstract = models.TextField(_("abstract"), blank=True)
    file = models.FileField(_("file"), upload_to=generated_name, blank=True, max_length=200)
    file_kind = models.CharField(_("file type"), max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, editable=False)
    original_filename = models.CharField(max_length=200, blank=True, editable=False)
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    themes = models.ManyToManyField(Theme, related_name="resources", blank=True)
    tags = TaggableManager(_("tags"), blank=True)
    countries = models.ManyToManyField(
        Country, related_name="resources", blank=True, verbose_name=_("countries covered")
    )
    cities = models.ManyToManyField(
        City, related_name="resources", blank=True, verbose_name=_("cities covered")
    )
    related_ideas = models.ManyToManyField(
        "goodideas.GoodIdea",
        related_name="resources",
        blank=True,
        verbose_name=_("related Good Ideas"),
    )
    related_resources = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related resources")
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("For a version in another language: the original it translates."),
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    doi = models.CharField(_("DOI"), max_length=100, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    extracted_text = models.TextField(blank=True, editable=False)
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=10,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.NOT_NEEDED,
        editable=False,
    )
    extraction_error = models.CharField(max_length=300, blank=True, editable=False)

    search_vector = SearchVectorField(null=True, editable=False)
    # French text, stemmed as French (issue 11); search_vector holds the English.
    search_vector_fr = SearchVectorField(null=True, editable=False)

    # Editors see each change field by field and can revert it (django-simple-history).
    history = HistoricalRecords(excluded_fields=["search_vector", "search_vector_fr"])

    objects = ResourceQuerySet.as_manager()
    # Each resource is written in one language: its search vector is that language's.
    search_language_field = "language"
    search_fallback_lookups = [
        "title",
        "cities__name",
        "authors__name",
        "publisher__name",
        "tags__name",
    ]

    class Meta(Publishable.Meta):
        ordering = ["-year", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = search_indexes("resource")
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(external_url=""),
                name="resource_has_file_or_link",
                violation_error_message=_("Upload a file or give an external link (or both)."),
            ),
            models.CheckConstraint(
                condition=Q(day__isnull=True) | Q(month__isnull=False),
                name="resource_day_needs_month",
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=F("pk")), name="resource_not_its_own_translation"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_language_display()})"

    def get_absolute_url(self):
        return reverse("elibrary:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.day and not self.month:
            raise ValidationError({"day": _("Give the month too, or leave the day empty.")})
        if self.year and self.month and self.day:
            last_day = calendar.monthrange(self.year, self.month)[1]
            if self.day > last_day:
                raise ValidationError({"day": _("This month has only %d days.") % last_day})
        if self.translation_of_id and self.translation_of_id == self.pk:
            raise ValidationError({"translation_of": _("A resource cannot translate itself.")})
        if self.translation_of and self.translation_of.translation_of_id:
            raise ValidationError(
                {"translation_of": _("Choose the original, not another translation.")}
            )

    @property
    def file_info(self):
        return KINDS.get(self.file_kind)

    @property
    def download_filename(self):
        kind = self.file_info
        stem = os.path.splitext(self.original_filename)[0] if self.original_filename else self.slug
        return get_valid_filename(f"{stem}.{kind.extension if kind else 'bin'}")

    @property
    def work_id(self):
        return self.translation_of_id or self.pk

    def language_versions(self):
        """The other published language versions of the same work."""
        return (
            Resource.objects.published()
            .filter(Q(pk=self.work_id) | Q(translation_of_id=self.work_id))
            .exclude(pk=self.pk)
            .order_by("language")
        )

    def ordered_authors(self):
        return [authorship.person for authorship in self.authorships.all()]

    @classmethod
    def search_document(cls, language):
        """What search finds a resource by (see citiesofmigration.search). A resource is
        written in one language (``search_language_field``): its own text goes in that
        language's vector only; people, places (countries named in ``language``) and tags
        in both."""
        resource = OuterRef("pk")
        return {
            "A": ["title"],
            "B": ["abstract"],
            "C": [
                aggregated_text(
                    Authorship.objects.filter(resource=resource), "resource", F("person__name")
                ),
                Subquery(Organisation.objects.filter(pk=OuterRef("publisher_id")).values("name")),
                Subquery(Series.objects.filter(pk=OuterRef("series_id")).values("name")),
                aggregated_text(City.objects.filter(resources=resource), "resources", F("name")),
                aggregated_text(
                    Country.objects.filter(resources=resource),
                    "resources",
                    translated_name(Country, "name", language),
                ),
                tag_text(cls),
            ],
            "D": ["extracted_text"],
        }


class Authorship(OrderedAuthor):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="authorships")

    class Meta(OrderedAuthor.Meta):
        constraints = [
            models.UniqueConstraint(fields=["resource", "person"], name="author_once_per_resource")
        ]
