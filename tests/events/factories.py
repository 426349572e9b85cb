"""Factories for events and registrations (kept beside their tests, out of the shared tests/factories.py)."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from network.events.models import Event, Registration
from network.events.services import hash_token
from tests import factories


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.THEME_DAY
    title = factory.Sequence(lambda n: f"Temadag om udeskole {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "En dag om undervisning uden for klasseværelset."
    description = "Oplæg, workshops og netværk."
    audience = "Lærere og pædagoger"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    organiser = factory.SubFactory(factories.OrganisationFactory)
    venue = factory.SubFactory(
        factories.EnvironmentFactory, organisation=factory.SelfAttribute("..organiser")
    )
    capacity = 30
    status = Event.Status.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Deltager {n}")
    email = factory.Sequence(lambda n: f"deltager{n}@skole.dk")
    consent = True
    status = Registration.Status.CONFIRMED
    token_hash = factory.Sequence(lambda n: hash_token(f"token-{n}"))
