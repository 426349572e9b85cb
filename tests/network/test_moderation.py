import pytest
from django.core.exceptions import ValidationError

from directory.models import Grade, Offer, Subject
from directory.services import offers as offer_services
from network import selectors
from network.models import PendingChange

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "title": "Dyr om vinteren",
        "summary": "Hvordan klarer dyrene kulden?",
        "grade_from": Grade.objects.get(slug="1-klasse"),
        "grade_to": Grade.objects.get(slug="4-klasse"),
        "subjects": [Subject.objects.get(slug="natur-teknologi")],
        "price_dkk": 0,
    }
    fields.update(overrides)
    return fields


def test_a_network_members_new_offer_is_published_at_once(editor_of_zoo, zoo):
    offer = offer_services.offer_create(organisation=zoo, user=editor_of_zoo, **_fields())
    assert offer.status == Offer.Status.PUBLISHED
    assert offer.published_at is not None


def test_an_outsiders_new_offer_waits_until_a_coordinator_approves(
    editor_of_outsider, outsider_org, coordinator
):
    offer = offer_services.offer_create(organisation=outsider_org, user=editor_of_outsider, **_fields())
    assert offer.status == Offer.Status.PENDING
    assert [item.offer for item in selectors.moderation_queue()] == [offer]
    offer_services.offer_approve(offer=offer, user=coordinator)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED
    assert selectors.moderation_queue() == []


def test_members_publish_through_review_when_the_setting_is_off(settings, editor_of_zoo, zoo):
    settings.NETWORK_MEMBERS_PUBLISH_DIRECTLY = False
    offer = offer_services.offer_create(organisation=zoo, user=editor_of_zoo, **_fields())
    assert offer.status == Offer.Status.PENDING


def test_an_outsiders_edit_of_a_published_offer_leaves_the_public_version_until_approved(
    editor_of_outsider, outsider_org, coordinator
):
    offer = offer_services.offer_create(organisation=outsider_org, user=editor_of_outsider, **_fields())
    offer_services.offer_approve(offer=offer, user=coordinator)
    change = offer_services.offer_update(
        offer=offer, user=editor_of_outsider, title="Dyr om sommeren", price_dkk="45.00",
        subjects=[Subject.objects.get(slug="biologi")],
    )  # fmt: skip
    offer.refresh_from_db()
    assert offer.title == "Dyr om vinteren" and offer.status == Offer.Status.PUBLISHED
    assert set(change.data) == {"title", "price_dkk", "subjects"}

    item = selectors.moderation_queue()[0]
    rows = {row.name: (row.before, row.after) for row in item.fields}
    assert rows["title"] == ("Dyr om vinteren", "Dyr om sommeren")
    assert rows["price_dkk"] == ("0.00", "45.00")
    assert rows["subjects"][1] == str(Subject.objects.get(slug="biologi"))

    offer_services.offer_approve(offer=offer, user=coordinator)
    offer.refresh_from_db()
    assert offer.title == "Dyr om sommeren"
    assert [subject.slug for subject in offer.subjects.all()] == ["biologi"]
    change.refresh_from_db()
    assert change.status == PendingChange.Status.APPROVED and change.decided_by == coordinator


def test_a_second_edit_replaces_the_open_proposal(editor_of_outsider, outsider_org, coordinator):
    offer = offer_services.offer_create(organisation=outsider_org, user=editor_of_outsider, **_fields())
    offer_services.offer_approve(offer=offer, user=coordinator)
    offer_services.offer_update(offer=offer, user=editor_of_outsider, title="Første forslag")
    offer_services.offer_update(offer=offer, user=editor_of_outsider, title="Andet forslag")
    open_changes = offer.pending_changes.filter(status=PendingChange.Status.PENDING)
    assert [change.data["title"] for change in open_changes] == ["Andet forslag"]


def test_rejecting_a_proposal_keeps_the_public_version(editor_of_outsider, outsider_org, coordinator):
    offer = offer_services.offer_create(organisation=outsider_org, user=editor_of_outsider, **_fields())
    offer_services.offer_approve(offer=offer, user=coordinator)
    change = offer_services.offer_update(offer=offer, user=editor_of_outsider, title="Forkert titel")
    offer_services.offer_reject(offer=offer, user=coordinator, reason="Titlen er misvisende")
    offer.refresh_from_db()
    change.refresh_from_db()
    assert offer.title == "Dyr om vinteren"
    assert change.status == PendingChange.Status.REJECTED and change.reason == "Titlen er misvisende"


def test_rejecting_a_new_offer_sends_it_back_to_draft(editor_of_outsider, outsider_org, coordinator):
    offer = offer_services.offer_create(organisation=outsider_org, user=editor_of_outsider, **_fields())
    offer_services.offer_reject(offer=offer, user=coordinator, reason="Mangler beskrivelse")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT


def test_an_invalid_proposal_is_refused_like_a_direct_edit(editor_of_outsider, outsider_org, coordinator):
    offer = offer_services.offer_create(organisation=outsider_org, user=editor_of_outsider, **_fields())
    offer_services.offer_approve(offer=offer, user=coordinator)
    with pytest.raises(ValidationError) as error:
        offer_services.offer_update(
            offer=offer, user=editor_of_outsider, grade_from=Grade.objects.get(slug="9-klasse")
        )
    assert "grade_to" in error.value.message_dict
    assert not offer.pending_changes.exists()


def test_a_backwards_grade_range_is_refused_with_a_field_message(editor_of_zoo, zoo):
    with pytest.raises(ValidationError) as error:
        offer_services.offer_create(
            organisation=zoo, user=editor_of_zoo, **_fields(grade_from=Grade.objects.get(slug="9-klasse"))
        )
    assert "grade_to" in error.value.message_dict
    assert not Offer.objects.exists()


def test_an_offer_cannot_be_tied_to_another_organisations_place(editor_of_zoo, zoo, museum_place):
    with pytest.raises(ValidationError) as error:
        offer_services.offer_create(
            organisation=zoo, user=editor_of_zoo, **_fields(environments=[museum_place])
        )
    assert "environments" in error.value.message_dict


def test_an_offer_needs_a_subject(editor_of_zoo, zoo):
    with pytest.raises(ValidationError) as error:
        offer_services.offer_create(organisation=zoo, user=editor_of_zoo, **_fields(subjects=[]))
    assert "subjects" in error.value.message_dict


def test_duplicating_makes_an_unpublished_copy_with_the_same_subjects(editor_of_zoo, zoo):
    offer = offer_services.offer_create(organisation=zoo, user=editor_of_zoo, **_fields(external_id="Z-1"))
    copy = offer_services.offer_duplicate(offer=offer, user=editor_of_zoo)
    assert copy.pk != offer.pk and copy.slug != offer.slug
    assert copy.status == Offer.Status.DRAFT and copy.external_id == ""
    assert list(copy.subjects.all()) == list(offer.subjects.all())
    assert copy.title == "Kopi af Dyr om vinteren"


def test_archiving_takes_an_offer_off_the_site_and_drops_open_proposals(
    editor_of_outsider, outsider_org, coordinator
):
    offer = offer_services.offer_create(organisation=outsider_org, user=editor_of_outsider, **_fields())
    offer_services.offer_approve(offer=offer, user=coordinator)
    offer_services.offer_update(offer=offer, user=editor_of_outsider, title="Nyt")
    offer_services.offer_archive(offer=offer, user=editor_of_outsider)
    assert offer.status == Offer.Status.ARCHIVED
    assert not offer.pending_changes.filter(status=PendingChange.Status.PENDING).exists()
    assert not Offer.objects.published().filter(pk=offer.pk).exists()
