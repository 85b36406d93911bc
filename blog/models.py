"""Conversations on Integration: posts by portal authors, readers' comments (moderated),
and the newsletter's subscribers and issues."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from blog.images import post_image_path, validate_post_image
from citiesofmigration.i18n import language_field
from citiesofmigration.models import City, OrderedAuthor, Person, Theme, slug_errors
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
from goodideas.models import GoodIdea

# Path segments of /conversations/ that are not posts.
RESERVED_SLUGS = {"feed", "newsletter"}


class Kind(models.TextChoices):
    POST = "post", _("Blog post")
    NEWS = "news", _("News")
    INTERVIEW = "interview", _("Interview")
    OPINION = "opinion", _("Opinion")


class PostQuerySet(SearchableQuerySet, PublicationQuerySet):
    def with_authors(self):
        """Authors in their given order, with their organisations, in one extra query."""
        return self.prefetch_related(
            Prefetch(
                "authorships",
                queryset=PostAuthor.objects.select_related("person__organisation"),
            )
        )

    def for_cards(self):
        """What a list of post cards shows, in a fixed number of queries."""
        return self.with_authors().prefetch_related("themes")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def oldest_first(self):
        return self.order_by("published_at", "pk")

    def about(self, *, theme=None, city=None):
        posts = self
        if theme is not None:
            posts = posts.filter(pk__in=Post.objects.filter(themes=theme).values("pk"))
        if city is not None:
            posts = posts.filter(pk__in=Post.objects.filter(cities=city).values("pk"))
        return posts

    def tagged(self, tag):
        return self.filter(pk__in=Post.objects.filter(tags=tag).values("pk"))

    def before(self, post):
        """Published earlier than ``post`` (ties broken by id, so none is skipped)."""
        return self.filter(
            Q(published_at__lt=post.published_at)
            | Q(published_at=post.published_at, pk__lt=post.pk)
        )

    def after(self, post):
        return self.filter(
            Q(published_at__gt=post.published_at)
            | Q(published_at=post.published_at, pk__gt=post.pk)
        )


class Post(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.POST)
    authors = models.ManyToManyField(
        Person,
        through="PostAuthor",
        related_name="blog_posts",
        blank=True,
        verbose_name=_("authors"),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown on cards, in feeds and in search results."),
    )
    body = SanitisedHTMLField(_("body"))
    image = models.ImageField(
        _("image"),
        upload_to=post_image_path,
        validators=[validate_post_image],
        blank=True,
        help_text=_("JPEG, PNG, WebP or GIF, up to 5 MB."),
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "Required with an image: what the picture shows, for people who cannot see it."
        ),
    )
    themes = models.ManyToManyField(
        Theme, related_name="blog_posts", blank=True, verbose_name=_("themes")
    )
    tags = TaggableManager(_("tags"), blank=True)
    cities = models.ManyToManyField(
        City, related_name="blog_posts", blank=True, verbose_name=_("cities")
    )
    related_ideas = models.ManyToManyField(
        GoodIdea, related_name="blog_posts", blank=True, verbose_name=_("related Good Ideas")
    )
    related_resources = models.ManyToManyField(
        "elibrary.Resource",
        related_name="blog_posts",
        blank=True,
        verbose_name=_("related E-Library resources"),
    )
    related_events = models.ManyToManyField(
        "events.Event", related_name="blog_posts", blank=True, verbose_name=_("related events")
    )
    comments_open = models.BooleanField(
        _("open for comments"), default=True, help_text=_("Readers may send comments.")
    )

    search_vector = SearchVectorField(null=True, editable=False)
    # French text, stemmed as French (issue 11); search_vector holds the English.
    search_vector_fr = SearchVectorField(null=True, editable=False)

    # Editors see each change field by field and can revert it (django-simple-history).
    # History: registered in blog/translation.py, after the translated columns exist.

    objects = PostQuerySet.as_manager()
    # Short fields the misspelling-tolerant search looks at (see citiesofmigration.search).
    search_fallback_lookups = ["title", "tags__name", "authors__name", "cities__name"]
    # Never given to a post's slug, in either language (see unique_slug).
    reserved_slugs = frozenset(RESERVED_SLUGS)

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = search_indexes("blog_post", title_columns=("title_en", "title_fr"))
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="blog_post_image_has_alt_text"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("blog:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and self.published_at is None:
            # As Publishable.save() would, but before the admin form checks the
            # "published has a date" constraint, which would otherwise refuse the form.
            self.published_at = timezone.now()
        errors = {}
        # The English description is the one every page can fall back to (issue 11).
        if self.image and not (self.image_alt_en or "").strip():
            errors["image_alt_en"] = _("Describe the image for people who cannot see it.")
        errors.update(
            slug_errors(self, _("“%(slug)s” is used by another page; choose another slug."))
        )
        if errors:
            raise ValidationError(errors)

    @property
    def ordered_authors(self):
        """The authors in their given order (uses the ``with_authors`` prefetch)."""
        return [authorship.person for authorship in self.authorships.all()]

    @property
    def author_names(self) -> str:
        return ", ".join(person.name for person in self.ordered_authors)

    def json_ld(self, url, image_url=""):
        """schema.org description of the post, for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": self.title,
            "description": self.summary,
            "url": url,
            "author": [{"@type": "Person", "name": person.name} for person in self.ordered_authors],
            "about": [theme.name for theme in self.themes.all()],
            "keywords": ", ".join(tag.name for tag in self.tags.all()),
            "publisher": {"@type": "Organization", "name": "Cities of Migration"},
        }
        if self.published_at:
            data["datePublished"] = self.published_at.isoformat()
            data["dateModified"] = self.updated_at.isoformat()
        if image_url:
            data["image"] = image_url
        return data

    @classmethod
    def search_document(cls, language):
        """What search finds a post by, in ``language`` (see citiesofmigration.search):
        its own fields in that language; authors, places and tags in both."""
        post = OuterRef("pk")
        return {
            "A": ["title"],
            "B": ["summary"],
            "C": [
                aggregated_text(Person.objects.filter(blog_posts=post), "blog_posts", F("name")),
                aggregated_text(
                    City.objects.filter(blog_posts=post), "blog_posts", place_text(language)
                ),
                tag_text(cls),
            ],
            "D": ["body"],
        }

    def after_relations_saved(self):
        """Call once the many-to-many fields and authors are saved (admin, loaders): keeps
        the stored search vector current."""
        refresh_search_vector(self)


class PostAuthor(OrderedAuthor):
    """A person who wrote a post, in the order the byline names them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="authorships")

    class Meta(OrderedAuthor.Meta):
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="blog_author_once_per_post")
        ]


# -- Comments -------------------------------------------------------------------------

COMMENT_NAME_MAX = 80
COMMENT_BODY_MAX = 3000


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    SPAM = "spam", _("Spam")


# The moderation queue's order: comments waiting for an editor, then the newest.
PENDING_FIRST = [
    Case(
        When(status=CommentStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    ).asc(),
    "-created_at",
]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def pending_first(self):
        return self.order_by(*PENDING_FIRST)

    def approve(self):
        return self.update(status=CommentStatus.APPROVED, moderated_at=timezone.now())

    def mark_as_spam(self):
        return self.update(status=CommentStatus.SPAM, moderated_at=timezone.now())


class Comment(models.Model):
    """A reader's comment. Plain text, shown (escaped) only once an editor approves it; the
    e-mail address is for the editors' questions and is never shown."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    name = models.CharField(_("name"), max_length=COMMENT_NAME_MAX)
    email = models.EmailField(_("e-mail (never shown)"))
    body = models.TextField(_("comment"))
    language = language_field(_("language for e-mails"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["post", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name__contains="\n") & ~Q(name__contains="\r"),
                name="blog_comment_name_one_line",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_BODY_MAX),
                name="blog_comment_body_length",
            ),
        ]

    def __str__(self):
        return f"{self.name} on {self.post}"


# -- Newsletter -----------------------------------------------------------------------

CONFIRMATION_VALID_FOR = timedelta(hours=48)
# A pending address gets another confirmation e-mail at most this often.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)
# Addresses that were never confirmed are deleted this long after their link expired.
FORGET_UNCONFIRMED_AFTER = timedelta(days=30)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def with_email(self, email):
        return self.filter(email__iexact=email.strip())

    def never_confirmed(self):
        """Sign-ups whose confirmation link expired long ago: nobody wanted them, so the
        addresses are not kept (personal data, collected only for the newsletter)."""
        return self.filter(
            status=SubscriberStatus.PENDING,
            confirmation_expires_at__lt=timezone.now() - FORGET_UNCONFIRMED_AFTER,
        )

    def with_confirmation_token(self, token):
        """The pending subscriber this confirmation link belongs to (used or unknown
        tokens match nobody; expiry is checked by the caller, to say so)."""
        return self.filter(
            status=SubscriberStatus.PENDING, confirmation_token_hash=token_hash(token)
        )


class Subscriber(models.Model):
    """Someone who asked for the newsletter. Only confirmed subscribers receive it (double
    opt-in); the confirmation token is stored as a hash, single-use and expiring."""

    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    consent_at = models.DateTimeField(_("consent given"))
    language = language_field(_("language of the newsletter"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    confirmation_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="blog_subscriber_email_unique_ci"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="blog_subscriber_confirmed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["confirmation_token_hash"])]

    def __str__(self):
        return self.email

    def issue_confirmation_token(self) -> str:
        """A new single-use token (the old link stops working); returns it in clear for
        the e-mail, stores only its hash."""
        token = new_token()
        now = timezone.now()
        self.confirmation_token_hash = token_hash(token)
        self.confirmation_expires_at = now + CONFIRMATION_VALID_FOR
        self.confirmation_sent_at = now
        return token

    @property
    def confirmation_has_expired(self) -> bool:
        return (
            self.confirmation_expires_at is None or self.confirmation_expires_at <= timezone.now()
        )

    @property
    def may_resend_confirmation(self) -> bool:
        return (
            self.confirmation_sent_at is None
            or self.confirmation_sent_at <= timezone.now() - CONFIRMATION_RESEND_AFTER
        )


class NewsletterIssue(models.Model):
    """One newsletter sent to the confirmed subscribers (see services.send_newsletter)."""

    subject = models.CharField(_("subject"), max_length=150)
    # Each issue goes to the subscribers who chose its language (issue 11).
    language = language_field(_("language"))
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Plain text, shown above the posts.")
    )
    posts = models.ManyToManyField(
        Post,
        blank=True,
        related_name="newsletter_issues",
        verbose_name=_("posts"),
        help_text=_("Only published posts are included."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self):
        return self.subject
