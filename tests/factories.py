"""Factories for test data (factory_boy). Names are generated and obviously synthetic."""

import factory
from django.contrib.auth import get_user_model

from citiesofmigration.models import City, Country, Region


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

from datetime import timedelta  # noqa: E402

from django.utils import timezone  # noqa: E402

from citiesofmigration.models import Organisation, Theme  # noqa: E402
from citiesofmigration.publication import Status  # noqa: E402
from goodideas.models import Adaptation, Collection, GoodIdea  # noqa: E402


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

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.add(*[_theme(value) for value in extracted])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def collections(self, create, extracted, **kwargs):
        if create and extracted:
            self.collections.set(extracted)

    @factory.post_generation
    def related_ideas(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_ideas.set(extracted)

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
