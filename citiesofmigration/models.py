"""Shared vocabulary: the five themes and the places (countries, cities) that every kind
of content points at, so that "everything about Halifax" is one query."""

import functools
import operator

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from citiesofmigration.i18n import LANGUAGE_CODES, slug_q, translated_fields

# How many slugs one save tries while concurrent saves keep committing the one it chose
# first. Each refusal means another row with the same base was committed, so N saves of
# one title at the same moment need at most N - 1 retries.
SLUG_ATTEMPTS = 50


def slug_in_use(model, slug, *, exclude_pk=None) -> bool:
    """Whether another row of ``model`` has ``slug``, in any language's slug column: an
    address opened under either language's prefix finds its item by either slug."""
    return model._base_manager.filter(slug_q(model, slug)).exclude(pk=exclude_pk).exists()


def slugify_title(text, language=None):
    """``slugify``, and for a French title a readable one: « d’immigration » gives
    "d-immigration" (not "dimmigration"), « main-d’œuvre » "main-d-oeuvre" (not
    "main-d-uvre"). The admin's prepopulated slugs follow the same rules
    (static/js/admin-slugs.js)."""
    if language == "fr":
        for before, after in (("’", " "), ("'", " "), ("œ", "oe"), ("Œ", "Oe"), ("æ", "ae")):
            text = text.replace(before, after)
    return slugify(text)


def unique_slug(model, text, *, exclude_pk=None, max_length=150, fallback=None, language=None):
    """A slug from ``text`` (written in ``language``) that no other row of ``model`` uses
    *now*, in any language (suffixes -2, -3, ...). Free when asked is not free when saved:
    save with :func:`save_with_unique_slug`."""
    base = slugify_title(text, language)[:max_length] or fallback or model._meta.model_name
    slug, suffix = base, 2
    # Words the model's own addresses use (e.g. /good-ideas/submit/) are never free.
    reserved = getattr(model, "reserved_slugs", frozenset())
    while slug in reserved or slug_in_use(model, slug, exclude_pk=exclude_pk):
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def save_with_free_slugs(instance, texts, *, save=None, max_length=150, fallback=None):
    """Give each slug field of ``instance`` named in ``texts`` (field name -> text) a free
    slug made from its text, and save it (``save``, default ``instance.save``), also while
    other requests save the same title at the same moment.

    Two requests can both find "welcome-centre" free; the database's unique constraint
    then refuses the second when the first commits. Each attempt runs in a savepoint, so
    that refusal leaves the caller's transaction usable, and the next free slug is tried.
    A refusal for any other reason (another unique field) is raised as it is."""
    model = type(instance)
    save = save or instance.save
    for attempt in range(1, SLUG_ATTEMPTS + 1):
        for field, text in texts.items():
            # A translated slug column knows its language (slug_fr: French).
            language = getattr(model._meta.get_field(field), "language", None)
            slug = unique_slug(
                model,
                text,
                exclude_pk=instance.pk,
                max_length=max_length,
                fallback=fallback,
                language=language,
            )
            setattr(instance, field, slug)
        try:
            with transaction.atomic():
                save()
        except IntegrityError:
            taken = any(
                slug_in_use(model, getattr(instance, field), exclude_pk=instance.pk)
                for field in texts
            )
            if attempt == SLUG_ATTEMPTS or not taken:
                raise
        else:
            return instance
    raise AssertionError("unreachable: the last attempt returns or raises")


def save_with_unique_slug(instance, text, *, save=None, max_length=150, fallback=None):
    """Give ``instance`` a free slug made from ``text`` and save it (see
    :func:`save_with_free_slugs`). On a translated model, the slug of the active language."""
    return save_with_free_slugs(
        instance, {"slug": text}, save=save, max_length=max_length, fallback=fallback
    )


def save_filling_slugs(instance, save, *, source="title", update_fields=None):
    """Save a model whose slug is translated (issue 11), first giving each language that
    has a ``source`` text (the title) but no slug a free slug made from that text: an
    editor who writes a French title and leaves the French slug empty gets a French
    address, which is no other item's address in either language, nor a reserved word.
    A save of some ``update_fields`` only fills the slugs among them."""
    model = type(instance)
    texts = {}
    if "slug" in translated_fields(model):
        for code in LANGUAGE_CODES:
            slug_field = build_localized_fieldname("slug", code)
            if update_fields is not None and slug_field not in update_fields:
                continue
            text = getattr(instance, build_localized_fieldname(source, code), None)
            if text and not getattr(instance, slug_field, None):
                texts[slug_field] = text
    if not texts:
        return save()
    max_length = model._meta.get_field("slug").max_length
    return save_with_free_slugs(instance, texts, save=save, max_length=max_length)


def slug_errors(instance, reserved_message) -> dict:
    """The model's ``clean()`` errors for its slugs, keyed by the form field (``slug_en``,
    ``slug_fr``): a reserved word (``reserved_message``, which may name ``%(slug)s``), or
    the slug of another item in the other language's column (the same column is the
    unique constraint's to check). Two items with one slug would share one address."""
    model = type(instance)
    reserved = getattr(model, "reserved_slugs", frozenset())
    translated = "slug" in translated_fields(model)
    fields = [build_localized_fieldname("slug", code) for code in LANGUAGE_CODES]
    errors = {}
    for field in fields if translated else ["slug"]:
        slug = getattr(instance, field, None)
        if not slug:
            continue
        if slug in reserved:
            errors[field] = reserved_message % {"slug": slug}
            continue
        others = [Q(**{other: slug}) for other in fields if translated and other != field]
        if others and (
            model._base_manager.filter(functools.reduce(operator.or_, others))
            .exclude(pk=instance.pk)
            .exists()
        ):
            errors[field] = _(
                "“%(slug)s” is already the address of another item in the other language; "
                "choose another slug."
            ) % {"slug": slug}
    return errors


class Theme(models.Model):
    """One of the five fixed themes: Live, Work, Learn, Connect, Plan."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    tagline = models.CharField(_("tagline"), max_length=120, blank=True)
    # Cards on the home and /themes/ pages show this whole, instead of a cut description.
    intro = models.CharField(
        _("short introduction"),
        max_length=200,
        blank=True,
        help_text=_("One or two sentences shown on theme cards, in full."),
    )
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

    def with_section_counts(self):
        """``ideas_count``, ``resources_count``, ... : what each section has published
        about each city, in the same query (one subquery per section)."""
        from citiesofmigration import related

        return self.annotate(**related.count_annotations("cities"))

    def named_by_published_content(self):
        """Cities that something public names (an idea, a resource, a post or an event,
        the archive's past events included), with their counts as in
        :meth:`with_section_counts`. Drafts name no city."""
        from citiesofmigration import related

        named = models.Q()
        for tally in related.tallies():
            named |= models.Q(**{f"{tally.key}_count__gt": 0})
        return self.with_section_counts().filter(named) if named else self.none()

    def name_contains(self, text):
        """Cities whose name contains ``text``, ignoring case and accents ("montreal"
        finds Montréal)."""
        return self.filter(name__unaccent__icontains=text) if text else self

    def named(self, name, *, country, province=""):
        """Cities of this name in this country, whatever the case and accents ("montreal"
        finds "Montréal"), the likeliest first. With a province: that province's, then
        one recorded without a province. Without: one recorded without, then the others."""
        cities = self.filter(name__unaccent__iexact=name.strip(), country=country)
        no_province = models.Q(province="")
        if province:
            same_province = models.Q(province__unaccent__iexact=province.strip())
            cities = cities.filter(same_province | no_province)
            return cities.order_by(models.Case(models.When(no_province, then=1), default=0), "pk")
        return cities.order_by(models.Case(models.When(no_province, then=0), default=1), "pk")

    def get_or_create_named(self, *, name, country, province=""):
        """The known city of this name (see :meth:`named`), or a new one with a free slug.
        Named without a province it is the one city of that name; when several share it
        (two Springfields) and none lacks a province, a new one that editors can merge."""
        known = list(self.named(name, country=country, province=province)[:2])
        if known and (province or len(known) == 1 or not known[0].province):
            return known[0]
        # A name another city already uses gets its province (or country) in the slug.
        text = name
        if self.filter(slug=slugify(name)[:100] or "city").exists():
            text = f"{name} {province or country.code}"
        city = self.model(name=name, province=province, country=country)
        try:
            return save_with_unique_slug(city, text, max_length=100, fallback="city")
        except IntegrityError:
            # The same city, created a moment ago by a concurrent request: use it.
            existing = self.filter(name__iexact=name, province__iexact=province, country=country)
            if not existing.exists():
                raise
            return existing.first()


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
    # Held by the portal itself (no map service): the /cities/ map is drawn from these.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

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


class CityRedirect(models.Model):
    """An address a city used to have (renamed, or merged into another city): the old
    /cities/<old_slug>/ keeps working by redirecting to the city's page."""

    old_slug = models.SlugField(_("old slug"), max_length=120, unique=True)
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("city")
    )

    class Meta:
        verbose_name = _("old city address")
        verbose_name_plural = _("old city addresses")

    def __str__(self):
        return f"/cities/{self.old_slug}/ → {self.city}"


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
        if self.slug:
            super().save(*args, **kwargs)
        else:
            save_with_unique_slug(
                self, self.name, save=functools.partial(super().save, *args, **kwargs)
            )


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
        if self.slug:
            super().save(*args, **kwargs)
        else:
            save_with_unique_slug(
                self, self.name, save=functools.partial(super().save, *args, **kwargs)
            )


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


# The background worker's tables (heartbeats, sent e-mail keys, the e-mail admin's proxy)
# live in their own module; imported here so that Django registers them with this app.
from citiesofmigration.background import Email, SentEmail, WorkerHeartbeat  # noqa: E402, F401
