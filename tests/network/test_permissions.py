import pytest

from directory.models import Offer
from network import permissions
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_editor_edits_their_own_organisation_and_no_other(editor_of_zoo, zoo, museum):
    assert permissions.can_edit_organisation(editor_of_zoo, zoo)
    assert not permissions.can_edit_organisation(editor_of_zoo, museum)
    assert list(permissions.editable_organisations(editor_of_zoo)) == [zoo]


def test_only_admins_and_coordinators_manage_people(editor_of_zoo, admin_of_zoo, coordinator, zoo, anonymous):
    assert permissions.can_manage_members(admin_of_zoo, zoo)
    assert permissions.can_manage_members(coordinator, zoo)
    assert not permissions.can_manage_members(editor_of_zoo, zoo)
    assert not permissions.can_manage_members(anonymous, zoo)


def test_anonymous_sees_published_offers_only(anonymous, zoo, zoo_draft):
    published = factories.OfferFactory(organisation=zoo, status=Offer.Status.PUBLISHED)
    assert list(permissions.visible_offers(anonymous)) == [published]


def test_another_organisations_draft_is_invisible_to_an_editor(editor_of_museum, zoo_draft, museum_draft):
    visible = set(permissions.visible_offers(editor_of_museum))
    assert museum_draft in visible
    assert zoo_draft not in visible


def test_municipality_admin_sees_drafts_located_in_their_municipality_but_cannot_edit_them(
    municipality_admin, zoo_draft, museum_draft, zoo
):
    visible = set(permissions.visible_offers(municipality_admin))
    assert zoo_draft in visible  # the zoo's place is in Aarhus
    assert museum_draft not in visible  # the museum is in Copenhagen
    assert not permissions.can_edit_offer(municipality_admin, zoo_draft)


def test_municipality_admin_sees_outreach_offers_serving_their_municipality(
    municipality_admin, museum, aarhus
):
    outreach = factories.OfferFactory(
        organisation=museum, status=Offer.Status.DRAFT, format=Offer.Format.OUTREACH
    )
    outreach.service_municipalities.set([aarhus])
    assert permissions.can_view_offer(municipality_admin, outreach)


def test_an_editor_of_a_municipal_service_does_not_oversee_the_municipality(aarhus_service, zoo_draft):
    from network.models import Membership

    editor = factories.UserFactory(email="redaktor@aabenskole.dk")
    Membership.objects.create(user=editor, organisation=aarhus_service, role=Membership.Role.EDITOR)
    assert not permissions.can_view_offer(editor, zoo_draft)


def test_coordinator_sees_and_edits_everything(coordinator, zoo_draft, museum_draft):
    assert set(permissions.visible_offers(coordinator)) >= {zoo_draft, museum_draft}
    assert permissions.can_edit_offer(coordinator, museum_draft)


def test_an_inactive_member_loses_every_right(editor_of_zoo, zoo):
    editor_of_zoo.is_active = False
    editor_of_zoo.save()
    assert not permissions.can_edit_organisation(editor_of_zoo, zoo)


def test_municipality_admin_sees_drafts_whose_service_radius_reaches_their_municipality(
    municipality_admin, museum, aarhus
):
    from maps.models import Municipality
    from maps.spatial import haversine_km

    silkeborg = Municipality.objects.get(code=740)
    distance = haversine_km(silkeborg.latitude, silkeborg.longitude, aarhus.latitude, aarhus.longitude)
    place = factories.EnvironmentFactory(
        organisation=museum,
        municipality=silkeborg,
        latitude=silkeborg.latitude,
        longitude=silkeborg.longitude,
    )

    def draft(radius):
        return factories.OfferFactory(
            organisation=museum,
            status=Offer.Status.DRAFT,
            format=Offer.Format.OUTREACH,
            service_radius_km=radius,
            environments=[place],
        )

    reaching, short = draft(int(distance) + 1), draft(int(distance) - 1)
    visible = set(permissions.visible_offers(municipality_admin))
    assert reaching in visible and short not in visible
    assert not permissions.can_edit_offer(municipality_admin, reaching)
