import pytest
from django.core.exceptions import ValidationError

from directory.models import Grade, Subject
from directory.services import offers as offer_services
from network import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_offer(zoo, editor_of_zoo, admin_of_zoo):
    offer = offer_services.offer_create(
        organisation=zoo,
        user=editor_of_zoo,
        title="Pingviner",
        grade_from=Grade.objects.get(slug="0-klasse"),
        grade_to=Grade.objects.get(slug="2-klasse"),
        subjects=[Subject.objects.get(slug="biologi")],
    )
    offer_services.offer_update(offer=offer, user=admin_of_zoo, title="Pingviner på is", price_dkk=30)
    return offer


def test_history_records_who_changed_what(edited_offer, editor_of_zoo, admin_of_zoo):
    newest, oldest = selectors.offer_history(edited_offer)
    assert newest.user == admin_of_zoo and oldest.user == editor_of_zoo
    changed = {change.name: (change.before, change.after) for change in newest.changes}
    assert changed["title"] == ("Pingviner", "Pingviner på is")
    assert "price_dkk" in changed


def test_a_coordinator_reverts_an_offer_to_an_earlier_version(edited_offer, coordinator):
    first_version = selectors.offer_history(edited_offer)[-1]
    offer_services.offer_revert(offer=edited_offer, history_id=first_version.history_id, user=coordinator)
    edited_offer.refresh_from_db()
    assert edited_offer.title == "Pingviner" and edited_offer.price_dkk == 0
    newest = selectors.offer_history(edited_offer)[0]
    assert newest.user == coordinator and newest.reason.startswith("revert")


def test_reverting_to_another_offers_version_is_refused(edited_offer, coordinator, zoo_draft):
    other_version = zoo_draft.history.first()
    with pytest.raises(ValidationError):
        offer_services.offer_revert(offer=edited_offer, history_id=other_version.history_id, user=coordinator)
