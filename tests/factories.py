"""Factories for test data (factory_boy). Names are generated and obviously synthetic."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from blog.models import (
    Comment,
    CommentStatus,
    Kind,
    Post,
    PostAuthor,
    Subscriber,
    SubscriberStatus,
)
from citiesofmigration.models import City, Country, Organisation, Person, Region, Theme
from citiesofmigration.publication import Status
from elibrary.models import Authorship, Resource, ResourceType, Series
from elibrary.samplefiles import make_pdf
from elibrary.services import attach_file
from events.models import (
    AttendanceMode,
    Event,
    EventKind,
    EventPerson,
    Registration,
    RegistrationStatus,
)
from goodideas.models import Adaptation, Collection, GoodIdea


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "CA"
    name = "Canada"
    region = Region.NORTH_AMERICA


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"Testville {n}")
    province = "Ontario"
    country = factory.SubFactory(CountryFactory)
    slug = factory.Sequence(lambda n: f"testville-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


# -- Good Ideas ------------------------------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Test Organisation {n}")


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test Collection {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


def _theme(value):
    return value if isinstance(value, Theme) else Theme.objects.get(slug=value)


def related_list(name, convert=None):
    """A post-generation hook filling the many-to-many ``name`` from a list passed to
    the factory (objects, or values that ``convert`` turns into objects)."""

    def fill(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).add(
                *[convert(value) for value in extracted] if convert else extracted
            )

    return factory.PostGeneration(fill)


class GoodIdeaFactory(factory.django.DjangoModelFactory):
    """A published Good Idea in one synthetic Canadian city, its search vector filled.

    ``cities``, ``themes`` (Theme objects or slugs), ``tags`` (names), ``collections``
    and ``related_ideas`` take lists. Traits: ``draft``, ``in_review``, ``archived``,
    ``scheduled`` (published, with a publication date next week)."""

    class Meta:
        model = GoodIdea
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        in_review = factory.Trait(
            status=Status.REVIEW,
            published_at=None,
            submitter_name="Sam Submitter",
            submitter_email="sam.submitter@example.org",
        )
        archived = factory.Trait(status=Status.ARCHIVED)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
        )

    title = factory.Sequence(lambda n: f"Sample practice {n}")
    slug = factory.Sequence(lambda n: f"sample-practice-{n}")
    summary = "A synthetic practice written for the tests."
    story = "<p>How it started, who runs it and what it achieved.</p>"
    primary_theme = factory.LazyFunction(lambda: Theme.objects.get(slug="work"))
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create:
            self.cities.set(extracted if extracted is not None else [CityFactory()])

    themes = related_list("themes", _theme)

    tags = related_list("tags")

    collections = related_list("collections")

    related_ideas = related_list("related_ideas")

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        # Last: the primary theme joins the themes and the search vector is filled,
        # as the admin and the loaders do once the relations are saved.
        if create:
            self.after_relations_saved()


class AdaptationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adaptation

    idea = factory.SubFactory(GoodIdeaFactory)
    city = factory.SubFactory(CityFactory)


# -- E-Library -------------------------------------------------------------------------


def pdf_upload(text="A synthetic document written for the tests.", *, name="document.pdf"):
    """An uploaded one-page PDF whose extractable text contains ``text``."""
    return ContentFile(make_pdf("Test document", [text]), name=name)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Test Author{n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test Series {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published English report with an external link, its search vector filled.

    ``document`` takes an uploaded file (e.g. ``pdf_upload("words inside")``), attached
    through ``elibrary.services.attach_file`` (extraction is then pending; nothing is
    queued). ``authors`` takes names or Person objects, in order; ``themes`` (objects or
    slugs), ``countries``, ``cities``, ``tags`` (names), ``related_ideas`` and
    ``related_resources`` take lists. Traits: ``draft``, ``in_review``, ``scheduled``."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Status.REVIEW, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
        )

    title = factory.Sequence(lambda n: f"Sample report {n}")
    slug = factory.Sequence(lambda n: f"sample-report-{n}")
    resource_type = ResourceType.REPORT
    year = 2019
    language = "en"
    abstract = "A synthetic resource written for the tests."
    external_url = factory.LazyAttribute(
        lambda o: "" if o.document is not None else f"https://example.org/{o.slug}"
    )
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    document = None

    @classmethod
    def _create(cls, model_class, *args, document=None, **kwargs):
        resource = model_class(*args, **kwargs)
        if document is not None:
            attach_file(resource, document)
        resource.save()
        return resource

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for position, author in enumerate(extracted):
                person = author if isinstance(author, Person) else PersonFactory(name=author)
                Authorship.objects.create(resource=self, person=person, position=position)

    themes = related_list("themes", _theme)

    countries = related_list("countries")

    cities = related_list("cities")

    tags = related_list("tags")

    related_ideas = related_list("related_ideas")

    related_resources = related_list("related_resources")

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        # Last, as the admin and the demo loader do once the relations are saved.
        if create:
            Resource.objects.filter(pk=self.pk).refresh_search_vectors()


# -- Conversations on Integration ------------------------------------------------------


class PostFactory(factory.django.DjangoModelFactory):
    """A published post by one synthetic author, its search vector filled.

    ``authors`` (Person objects or names; one new person when not given), ``themes``
    (Theme objects or slugs), ``tags`` (names), ``cities`` and ``related_ideas`` take
    lists. Traits: ``draft``, ``in_review``, ``archived``, ``scheduled`` (published, with a
    publication date next week)."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Status.REVIEW, published_at=None)
        archived = factory.Trait(status=Status.ARCHIVED)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
        )

    title = factory.Sequence(lambda n: f"Sample conversation {n}")
    slug = factory.Sequence(lambda n: f"sample-conversation-{n}")
    kind = Kind.POST
    summary = "A synthetic post written for the tests."
    body = "<p>What happened, who took part and why it matters.</p>"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for position, author in enumerate(extracted if extracted is not None else [None]):
            if not isinstance(author, Person):
                author = PersonFactory(**({"name": author} if author else {}))
            PostAuthor.objects.create(post=self, person=author, position=position)

    themes = related_list("themes", _theme)

    tags = related_list("tags")

    cities = related_list("cities")

    related_ideas = related_list("related_ideas")

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        # Last, as the admin and the demo loader do once the relations are saved.
        if create:
            self.after_relations_saved()


class PostCommentFactory(factory.django.DjangoModelFactory):
    """A reader's comment, waiting for moderation. Traits: ``approved``, ``spam``."""

    class Meta:
        model = Comment

    class Params:
        approved = factory.Trait(status=CommentStatus.APPROVED)
        spam = factory.Trait(status=CommentStatus.SPAM)

    post = factory.SubFactory(PostFactory)
    name = factory.Sequence(lambda n: f"Test Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = "A synthetic comment written for the tests."
    status = CommentStatus.PENDING


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed newsletter subscriber. Traits: ``pending``, ``unsubscribed``."""

    class Meta:
        model = Subscriber

    class Params:
        pending = factory.Trait(status=SubscriberStatus.PENDING, confirmed_at=None)
        unsubscribed = factory.Trait(
            status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=factory.LazyFunction(timezone.now)
        )

    email = factory.Sequence(lambda n: f"subscriber{n}@example.org")
    status = SubscriberStatus.CONFIRMED
    consent_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))


# -- Integration Learning Exchange -----------------------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    """A published online webinar a week from now, 90 minutes, in Toronto time, taking
    registrations with no seat limit; its search vector is filled.

    ``themes`` (Theme objects or slugs), ``cities``, ``tags`` and ``hosts`` take lists.
    Traits: ``draft``, ``past`` (ended last month), ``cancelled``, ``in_person``."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        past = factory.Trait(
            start=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
            takes_registrations=False,
        )
        cancelled = factory.Trait(
            cancelled_at=factory.LazyFunction(timezone.now),
            cancellation_note="The hosts could not hold it on this date.",
        )
        in_person = factory.Trait(
            attendance_mode=AttendanceMode.IN_PERSON,
            join_url="",
            venue="Test Hall",
            address="1 Sample Street",
        )

    title = factory.Sequence(lambda n: f"Sample webinar {n}")
    slug = factory.Sequence(lambda n: f"sample-webinar-{n}")
    kind = EventKind.WEBINAR
    summary = "A synthetic event written for the tests."
    description = "<p>What the session is about.</p>"
    start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=90))
    time_zone = "America/Toronto"
    attendance_mode = AttendanceMode.ONLINE
    join_url = factory.Sequence(lambda n: f"https://meet.example.org/secret-room-{n}")
    takes_registrations = True
    capacity = None
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    themes = related_list("themes", _theme)

    cities = related_list("cities")

    tags = related_list("tags")

    hosts = related_list("hosts")

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        if create:
            self.after_relations_saved()


class EventPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventPerson

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = "speaker"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration made directly in the database (tests of the rules use
    ``events.services.register_for_event`` instead)."""

    class Meta:
        model = Registration

    class Params:
        waitlisted = factory.Trait(status=RegistrationStatus.WAITLISTED, confirmed_at=None)
        cancelled = factory.Trait(
            status=RegistrationStatus.CANCELLED,
            cancelled_at=factory.LazyFunction(timezone.now),
        )

    event = factory.SubFactory(EventFactory)
    status = RegistrationStatus.CONFIRMED
    name = factory.Sequence(lambda n: f"Test Registrant {n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    organisation = "City of Testville"
    role = "Settlement officer"
    city = "Testville"
    country = "Canada"
    consented_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
