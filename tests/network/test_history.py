import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.models import Grade, Language, Subject
from directory.services import offers as offer_services
from network import selectors
from tests import factories

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


def _subject(slug: str) -> Subject:
    return Subject.objects.get(slug=slug)


def _changes(entry) -> dict[str, tuple[str, str]]:
    return {change.name: (change.before, change.after) for change in entry.changes}


def test_one_edit_of_fields_and_subjects_is_one_version_showing_both(edited_offer, editor_of_zoo):
    versions_before = edited_offer.history.count()
    offer_services.offer_update(
        offer=edited_offer,
        user=editor_of_zoo,
        price_dkk=40,
        subjects=[_subject("geografi"), _subject("historie")],
    )
    assert edited_offer.history.count() == versions_before + 1
    newest = selectors.offer_history(edited_offer)[0]
    assert newest.user == editor_of_zoo and newest.reason == "update"
    changed = _changes(newest)
    assert changed["subjects"] == ("Biologi", "Geografi, Historie")
    assert set(changed) == {"price_dkk", "subjects"}


def test_history_shows_place_language_and_municipality_changes(
    edited_offer, admin_of_zoo, zoo_place, copenhagen
):
    offer_services.offer_update(
        offer=edited_offer,
        user=admin_of_zoo,
        environments=[zoo_place],
        languages=[Language.objects.get(code="en")],
        service_municipalities=[copenhagen],
    )
    changed = _changes(selectors.offer_history(edited_offer)[0])
    assert changed["environments"] == ("—", zoo_place.name)
    assert changed["languages"] == ("—", str(Language.objects.get(code="en")))
    assert changed["service_municipalities"] == ("—", str(copenhagen))


def test_revert_restores_subjects_places_languages_and_municipalities(
    edited_offer, admin_of_zoo, coordinator, zoo_place, copenhagen
):
    chosen = selectors.offer_history(edited_offer)[0]  # title "Pingviner på is", biologi, no links
    offer_services.offer_update(
        offer=edited_offer,
        user=admin_of_zoo,
        title="Pingviner i byen",
        subjects=[_subject("geografi")],
        environments=[zoo_place],
        languages=[Language.objects.get(code="en")],
        service_municipalities=[copenhagen],
    )
    offer_services.offer_revert(offer=edited_offer, history_id=chosen.history_id, user=coordinator)
    edited_offer.refresh_from_db()
    assert edited_offer.title == "Pingviner på is"
    assert [subject.slug for subject in edited_offer.subjects.all()] == ["biologi"]
    assert not edited_offer.environments.exists()
    assert not edited_offer.languages.exists() and not edited_offer.service_municipalities.exists()
    newest = selectors.offer_history(edited_offer)[0]
    assert newest.user == coordinator
    assert _changes(newest)["subjects"] == ("Geografi", "Biologi")


def test_a_version_without_recorded_links_restores_fields_and_keeps_the_current_links(
    coordinator, zoo, zoo_place
):
    # A factory saves the offer before its links, so its first version records no subjects,
    # like every version written before links were tracked.
    offer = factories.OfferFactory(organisation=zoo, title="Før", environments=[zoo_place])
    created = offer.history.earliest()
    assert created.history_type == "+" and not created.subjects.exists()
    offer_services.offer_update(offer=offer, user=coordinator, title="Efter", subjects=[_subject("geografi")])
    offer_services.offer_revert(offer=offer, history_id=created.history_id, user=coordinator)
    offer.refresh_from_db()
    assert offer.title == "Før"
    assert [subject.slug for subject in offer.subjects.all()] == ["geografi"]
    assert list(offer.environments.all()) == [zoo_place]


def test_revert_leaves_out_a_place_that_has_left_the_organisation(
    edited_offer, admin_of_zoo, coordinator, zoo_place, museum
):
    offer_services.offer_update(offer=edited_offer, user=admin_of_zoo, environments=[zoo_place])
    with_place = selectors.offer_history(edited_offer)[0]
    offer_services.offer_update(offer=edited_offer, user=admin_of_zoo, environments=[])
    zoo_place.organisation = museum
    zoo_place.save()
    offer_services.offer_revert(offer=edited_offer, history_id=with_place.history_id, user=coordinator)
    assert not edited_offer.environments.exists()
    assert edited_offer.subjects.exists()


def test_an_approved_subject_proposal_is_one_version_by_the_coordinator(
    editor_of_outsider, outsider_org, coordinator
):
    offer = offer_services.offer_create(
        organisation=outsider_org,
        user=editor_of_outsider,
        title="Køer",
        grade_from=Grade.objects.get(slug="0-klasse"),
        grade_to=Grade.objects.get(slug="2-klasse"),
        subjects=[_subject("biologi")],
    )
    offer_services.offer_approve(offer=offer, user=coordinator)
    versions = offer.history.count()
    offer_services.offer_update(offer=offer, user=editor_of_outsider, subjects=[_subject("geografi")])
    assert offer.history.count() == versions  # a proposal changes nothing yet
    offer_services.offer_approve(offer=offer, user=coordinator)
    assert offer.history.count() == versions + 1
    newest = selectors.offer_history(offer)[0]
    assert newest.user == coordinator and _changes(newest)["subjects"] == ("Biologi", "Geografi")


def test_the_history_page_names_changed_places_escaped(client, edited_offer, admin_of_zoo, coordinator, zoo):
    place = factories.EnvironmentFactory(organisation=zoo, name="<script>alert(1)</script> Hal", slug="hal")
    offer_services.offer_update(offer=edited_offer, user=admin_of_zoo, environments=[place])
    client.force_login(coordinator)
    page = client.get(reverse("members:offer_history", args=[edited_offer.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hal" in page
    assert "<script>alert(1)" not in page
