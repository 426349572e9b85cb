"""factory_boy factories for every model. Reference rows (subjects, grades, …) come from migrations."""

import factory
from django.utils.text import slugify

from directory.models import Category, Grade, LearningEnvironment, Offer, Organisation, Subject
from directory.search.refresh import search_index_refresh
from maps.models import Municipality
from network.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.dk")
    first_name = "Test"
    password = factory.django.Password("korrekt-hest-batteri-42")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Museum nr. {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.INSTITUTION
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code=751))
    is_network_member = True


class EnvironmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningEnvironment

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Læringsmiljø {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    category = factory.LazyFunction(lambda: Category.objects.get(slug="museum"))
    street_address = "Moesgård Allé 15"
    postcode = "8270"
    city = "Højbjerg"
    latitude = 56.0884
    longitude = 10.2247
    coordinate_source = "test"
    coordinate_precision = LearningEnvironment.Precision.ADDRESS
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code=751))
    region = factory.LazyAttribute(lambda o: o.municipality.region if o.municipality else None)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            search_index_refresh(environment_ids=[instance.pk])


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Undervisningsforløb {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Et forløb om livet i havet."
    grade_from = factory.LazyFunction(lambda: Grade.objects.get(slug="3-klasse"))
    grade_to = factory.LazyFunction(lambda: Grade.objects.get(slug="6-klasse"))
    status = Offer.Status.PUBLISHED

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create:
            self.subjects.set(extracted or [Subject.objects.get(slug="biologi")])

    @factory.post_generation
    def environments(self, create, extracted, **kwargs):
        if create and extracted:
            self.environments.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Factories write rows directly, like the admin: keep the search table in step.
        if create:
            search_index_refresh(offer_ids=[instance.pk])
