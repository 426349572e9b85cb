"""Named actors and things for the event tests: the knowledge centre organises, the zoo hosts."""

import pytest

from network.models import Membership
from tests import factories
from tests.events.factories import EventFactory


@pytest.fixture
def knowledge_centre(db):
    return factories.OrganisationFactory(name="Videnscenter for eksterne læringsmiljøer", slug="videnscenter")


@pytest.fixture
def zoo_place(db):
    zoo = factories.OrganisationFactory(name="Aarhus Zoo", slug="aarhus-zoo")
    return factories.EnvironmentFactory(organisation=zoo, name="Zoo-skolen", slug="zoo-skolen")


@pytest.fixture
def theme_day(knowledge_centre, zoo_place):
    return EventFactory(
        title="Temadag om natur og udeskole", organiser=knowledge_centre, venue=zoo_place, capacity=2
    )


@pytest.fixture
def editor_of_centre(knowledge_centre):
    user = factories.UserFactory(email="redaktor@videnscenter.dk")
    Membership.objects.create(user=user, organisation=knowledge_centre, role=Membership.Role.EDITOR)
    return user


def register_form(email: str, **extra) -> dict:
    return {
        "name": "Lærer Lise",
        "email": email,
        "organisation_name": "Skovvangskolen",
        "role": "Lærer",
        "needs": "Vegetar",
        "consent": "on",
        **extra,
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request queued for commit (the e-mails) as soon as it returns, as after a real commit."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
