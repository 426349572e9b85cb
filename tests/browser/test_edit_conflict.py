"""Two people edit the same offer in two browsers: the second save is refused, nothing is lost."""

import pytest

from network.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture
def two_editors():
    zoo = factories.OrganisationFactory(name="Aarhus Zoo", slug="aarhus-zoo")
    editors = []
    for email in ("anna@zoo.dk", "bo@zoo.dk"):
        editor = factories.UserFactory(email=email)
        Membership.objects.create(user=editor, organisation=zoo, role=Membership.Role.EDITOR)
        editors.append(editor)
    place = factories.EnvironmentFactory(organisation=zoo, name="Zoo-skolen", slug="zoo-skolen")
    offer = factories.OfferFactory(
        organisation=zoo, title="Pingviner", summary="Om pingviner.", environments=[place]
    )
    return editors, offer


def open_offer(browser, live_server, editor, offer):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.goto("/medlem/log-ind/")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.goto(f"/medlem/tilbud/{offer.pk}/")
    return context, page


def test_the_second_of_two_browsers_sees_the_other_change_and_keeps_its_own(
    browser, live_server, two_editors
):
    (anna, bo), offer = two_editors
    anna_context, anna_page = open_offer(browser, live_server, anna, offer)
    bo_context, bo_page = open_offer(browser, live_server, bo, offer)
    try:
        anna_page.get_by_label("Titel").fill("Pingviner på is")
        anna_page.get_by_role("button", name="Gem", exact=True).click()
        anna_page.get_by_text("Tilbuddet er gemt.").wait_for()

        bo_page.get_by_label("Kort beskrivelse").fill("Bos nye tekst")
        bo_page.get_by_role("button", name="Gem", exact=True).click()
        bo_page.get_by_role("heading", name="En anden har ændret det samme imens").wait_for()
        assert "Pingviner på is" in bo_page.locator("#conflict-heading + p + table").text_content()
        assert bo_page.get_by_label("Kort beskrivelse").input_value() == "Bos nye tekst"
        offer.refresh_from_db()
        assert (offer.title, offer.summary) == ("Pingviner på is", "Om pingviner.")

        bo_page.get_by_label("Titel").fill("Pingviner på is")  # Bo merges Anna's change by hand
        bo_page.get_by_role("button", name="Gem", exact=True).click()
        bo_page.get_by_text("Tilbuddet er gemt.").wait_for()
        offer.refresh_from_db()
        assert (offer.title, offer.summary) == ("Pingviner på is", "Bos nye tekst")
    finally:
        anna_context.close()
        bo_context.close()
