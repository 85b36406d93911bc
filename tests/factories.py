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
