"""axe-core finds no WCAG 2.1 AA violations on the members' pages, as a coordinator sees them
(the widest view: every menu, the moderation queue, a municipality's coverage table)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from directory.models import Offer
from network.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture
def coordinator_world():
    from maps.models import Municipality

    aarhus = Municipality.objects.get(code=751)
    school_service = factories.OrganisationFactory(
        name="Åben Skole Aarhus", slug="aaben-skole-aarhus", kind="kommune", municipality=aarhus
    )
    zoo = factories.OrganisationFactory(name="Aarhus <b>Zoo</b>", slug="aarhus-zoo", is_network_member=False)
    coordinator = factories.UserFactory(email="koordinator@netvaerk.dk", is_staff=True, is_superuser=True)
    Membership.objects.create(user=coordinator, organisation=school_service, role=Membership.Role.ADMIN)
    place = factories.EnvironmentFactory(organisation=zoo, name="Zoo-skolen", slug="zoo-skolen")
    offer = factories.OfferFactory(
        organisation=zoo, title="Pingviner", environments=[place], status=Offer.Status.PENDING
    )
    return coordinator, zoo, place, offer


def log_in(page, email: str) -> None:
    page.goto("/medlem/log-ind/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def test_the_login_page_has_no_accessibility_violations(page, coordinator_world):
    page.goto("/medlem/log-ind/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    "name",
    [
        "dashboard",
        "organisation",
        "organisation_profile",
        "people",
        "offer_add",
        "offer_edit",
        "offer_history",
        "environment_add",
        "environment_edit",
        "moderation",
        "import",
        "municipality",
    ],
)
def test_member_pages_have_no_accessibility_violations(page, coordinator_world, name):
    coordinator, zoo, place, offer = coordinator_world
    arguments = {
        "organisation": {"slug": zoo.slug},
        "organisation_profile": {"slug": zoo.slug},
        "people": {"slug": zoo.slug},
        "offer_add": {"slug": zoo.slug},
        "offer_edit": {"pk": offer.pk},
        "offer_history": {"pk": offer.pk},
        "environment_add": {"slug": zoo.slug},
        "environment_edit": {"pk": place.pk},
        "import": {"slug": zoo.slug},
        "municipality": {"code": 751},
    }.get(name, {})
    log_in(page, coordinator.email)
    response = page.goto(reverse(f"members:{name}", kwargs=arguments))
    assert response.status == 200
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
