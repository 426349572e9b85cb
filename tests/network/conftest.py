"""Named actors for the members' tests: the zoo (A), the museum (B), Aarhus's school service."""

import pytest
from django.contrib.auth.models import AnonymousUser

from directory.models import Organisation
from network.models import Membership
from tests import factories


def _member(email: str, organisation: Organisation, role: str):
    user = factories.UserFactory(email=email)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def zoo(db):
    """Organisation A: a network member in Aarhus."""
    return factories.OrganisationFactory(name="Aarhus Zoo", slug="aarhus-zoo")


@pytest.fixture
def museum(db, copenhagen):
    """Organisation B: another provider, in Copenhagen."""
    return factories.OrganisationFactory(name="Byens Museum", slug="byens-museum", municipality=copenhagen)


@pytest.fixture
def outsider_org(db):
    """A provider outside the network: its changes wait for a coordinator."""
    return factories.OrganisationFactory(
        name="Gården ved åen", slug="gaarden-ved-aaen", is_network_member=False
    )


@pytest.fixture
def aarhus_service(db, aarhus):
    return factories.OrganisationFactory(
        name="Åben Skole Aarhus",
        slug="aaben-skole-aarhus",
        kind=Organisation.Kind.MUNICIPALITY,
        municipality=aarhus,
    )


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def editor_of_zoo(zoo):
    return _member("redaktor@zoo.dk", zoo, Membership.Role.EDITOR)


@pytest.fixture
def admin_of_zoo(zoo):
    return _member("admin@zoo.dk", zoo, Membership.Role.ADMIN)


@pytest.fixture
def editor_of_museum(museum):
    return _member("redaktor@museum.dk", museum, Membership.Role.EDITOR)


@pytest.fixture
def editor_of_outsider(outsider_org):
    return _member("redaktor@gaarden.dk", outsider_org, Membership.Role.EDITOR)


@pytest.fixture
def municipality_admin(aarhus_service):
    return _member("admin@aabenskole-aarhus.dk", aarhus_service, Membership.Role.ADMIN)


@pytest.fixture
def zoo_place(zoo):
    return factories.EnvironmentFactory(organisation=zoo, name="Zoo-skolen", slug="zoo-skolen")


@pytest.fixture
def museum_place(museum, copenhagen):
    return factories.EnvironmentFactory(
        organisation=museum,
        name="Museets skoletjeneste",
        slug="museets-skoletjeneste",
        street_address="Frederiksholms Kanal 12",
        postcode="1220",
        city="København K",
        latitude=55.6748,
        longitude=12.5747,
        municipality=copenhagen,
    )


@pytest.fixture
def zoo_draft(zoo, zoo_place):
    from directory.models import Offer

    return factories.OfferFactory(
        organisation=zoo, title="Zooens hemmelige kladde", status=Offer.Status.DRAFT, environments=[zoo_place]
    )


@pytest.fixture
def museum_draft(museum, museum_place):
    from directory.models import Offer

    return factories.OfferFactory(
        organisation=museum,
        title="Museets hemmelige kladde",
        status=Offer.Status.DRAFT,
        environments=[museum_place],
    )
