"""Shared vocabulary: the five themes and the places (countries, cities) that every kind
of content points at, so that "everything about Halifax" is one query."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


def unique_slug(model, text, *, exclude_pk=None, max_length=150):
    """A slug from ``text`` that no other row of ``model`` uses (suffixes -2, -3, ...)."""
    base = slugify(text)[:max_length] or model._meta.model_name
    slug, suffix = base, 2
    while model._default_manager.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


class Theme(models.Model):
    """One of the five fixed themes: Live, Work, Learn, Connect, Plan."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    tagline = models.CharField(_("tagline"), max_length=120, blank=True)
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme", kwargs={"slug": self.slug})


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin-america", _("Latin America and the Caribbean")
    MIDDLE_EAST = "middle-east", _("Middle East")
    NORTH_AMERICA = "north-america", _("North America")
    OCEANIA = "oceania", _("Oceania")


class Country(models.Model):
    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. CA.")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.CharField(_("world region"), max_length=20, choices=Region.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_iso_alpha2"
            )
        ]

    def __str__(self):
        return self.name


class CityQuerySet(models.QuerySet):
    def with_country(self):
        return self.select_related("country")

    def get_or_create_named(self, *, name, country, province=""):
        """The city with this name (any case) in this country and province, created on
        first use, with a slug that is free."""
        city = self.filter(name__iexact=name, province__iexact=province, country=country).first()
        if city:
            return city
        slug = base = slugify(name)[:100] or "city"
        if self.filter(slug=slug).exists():
            slug = base = slugify(f"{name} {province or country.code}")[:100]
        suffix = 2
        while self.filter(slug=slug).exists():
            slug = f"{base}-{suffix}"
            suffix += 1
        return self.create(name=name, province=province, country=country, slug=slug)


class City(models.Model):
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province or state"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="cities", verbose_name=_("country")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in addresses, e.g. /cities/halifax/. Add the province if names clash."),
    )

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.UniqueConstraint(
                Lower("name"), Lower("province"), "country", name="city_unique_per_country"
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.country.name}" if self.country_id else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("city", kwargs={"slug": self.slug})


class Organisation(models.Model):
    """A city department, agency, NGO, university or business behind content: a Good
    Idea's lead and partners, a report's publisher, an event's host."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class FormSubmissionLog(models.Model):
    """One row per public form submission, keyed by a salted hash of the client address
    (never the address itself), so rate limits hold across every server process."""

    scope = models.CharField(max_length=40)
    client_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "client_hash", "created_at"])]

    def __str__(self):
        return f"{self.scope} at {self.created_at:%Y-%m-%d %H:%M}"


class Person(models.Model):
    """Someone named on the portal: a report's author, a webinar's speaker, a blog
    author. Shared so that one person's work across the portal is one query. Deleting a
    person never deletes their content (content points here with PROTECT or SET_NULL)."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    role = models.CharField(_("role or title"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("city"),
    )
    bio = models.TextField(_("short biography"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class OrderedAuthor(models.Model):
    """One author of a piece of content, in the order its byline names them. An app
    subclasses it with the foreign key to its content and a "once per item" constraint."""

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="%(app_label)s_authorships",
        verbose_name=_("author"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return str(self.person)
