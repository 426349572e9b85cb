"""A member logs in, edits an offer, and drags a place's pin on the map."""

import pytest

from directory.models import Offer
from network.models import Membership
from tests import factories

# Transactional: the live server reads from another thread (conftest re-syncs reference data).
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture
def member_world():
    zoo = factories.OrganisationFactory(name="Aarhus Zoo", slug="aarhus-zoo")
    editor = factories.UserFactory(email="redaktor@zoo.dk")
    Membership.objects.create(user=editor, organisation=zoo, role=Membership.Role.EDITOR)
    place = factories.EnvironmentFactory(organisation=zoo, name="Zoo-skolen", slug="zoo-skolen")
    offer = factories.OfferFactory(organisation=zoo, title="Pingviner", environments=[place])
    return editor, offer, place


def test_a_member_edits_an_offer_and_moves_the_pin(page, member_world):
    editor, offer, place = member_world
    page.goto("/medlem/log-ind/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Aarhus Zoo", exact=True).click()

    page.get_by_role("link", name="Pingviner").click()
    page.get_by_label("Titel").fill("Pingviner & søløver <live>")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("Tilbuddet er gemt.").wait_for()
    assert page.get_by_role("link", name="Pingviner & søløver <live>").is_visible()
    offer.refresh_from_db()
    assert offer.title == "Pingviner & søløver <live>" and offer.status == Offer.Status.PUBLISHED

    page.get_by_role("link", name="Zoo-skolen").click()
    marker = page.locator("#pin-map .leaflet-marker-icon")
    marker.wait_for()
    page.locator("#pin-map").scroll_into_view_if_needed()
    box = marker.bounding_box()
    start_x, start_y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 4
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x + 60, start_y - 40, steps=8)
    page.mouse.up()
    latitude = page.locator("input[name=latitude]").input_value()
    assert float(latitude) > place.latitude  # dragged north-east
    assert "Nålen står på" in page.locator("#pin-status").text_content()
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("Stedet er gemt.").wait_for()

    place.refresh_from_db()
    assert place.latitude == pytest.approx(float(latitude), abs=1e-6)
    assert place.longitude > 10.2247
    assert place.coordinates_locked and place.coordinate_precision == "manual"
