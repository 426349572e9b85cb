"""Who may see and change what. The one place the site and the API ask.

Actors:
- anonymous visitors and plain users see published listings only;
- an *editor* of an organisation edits its profile, environments and offers;
- an *admin* of an organisation does that and also invites and removes people;
- an admin of a municipal school service ("kommune" organisation) also *sees* (not edits)
  every listing located in or serving that municipality (listed in its service area or
  reaching the centre within its service radius), drafts included;
- coordinators (``is_staff``) see and edit everything and moderate.

Functions take any user object (AnonymousUser included) and never raise for "no".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from directory.models import LearningEnvironment, Offer, Organisation
from directory.search.serving import offer_ids_serving_by_radius
from maps.models import Municipality
from network.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from network.models import User

    AnyUser = User | AnonymousUser


def is_coordinator(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def _memberships(user: AnyUser | None) -> QuerySet[Membership]:
    if user is None or not (user.is_authenticated and user.is_active):
        return Membership.objects.none()
    return Membership.objects.filter(user=user)


def editable_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations whose profile, places and offers the user may change."""
    if is_coordinator(user):
        return Organisation.objects.all()
    member_of = _memberships(user).filter(organisation=OuterRef("pk"))
    return Organisation.objects.filter(Exists(member_of))


def can_edit_organisation(user: AnyUser, organisation: Organisation) -> bool:
    if is_coordinator(user):
        return True
    return _memberships(user).filter(organisation=organisation).exists()


def can_manage_members(user: AnyUser, organisation: Organisation) -> bool:
    if is_coordinator(user):
        return True
    return _memberships(user).filter(organisation=organisation, role=Membership.Role.ADMIN).exists()


def can_moderate(user: AnyUser) -> bool:
    return is_coordinator(user)


def overseen_municipalities(user: AnyUser) -> QuerySet[Municipality]:
    """Municipalities whose listings the user oversees as an admin of its school service."""
    admin_of_service = _memberships(user).filter(
        role=Membership.Role.ADMIN,
        organisation__kind=Organisation.Kind.MUNICIPALITY,
        organisation__municipality=OuterRef("pk"),
    )
    return Municipality.objects.filter(Exists(admin_of_service))


def _offers_in_municipalities(municipalities: QuerySet[Municipality]) -> Q:
    """Offers at a place in, listed as serving, or reaching by service radius one of the municipalities."""
    located = LearningEnvironment.objects.filter(offers=OuterRef("pk"), municipality__in=municipalities)
    serving = Offer.service_municipalities.through.objects.filter(
        offer_id=OuterRef("pk"), municipality__in=municipalities
    )
    by_radius = offer_ids_serving_by_radius(municipalities)
    return Q(Exists(located)) | Q(Exists(serving)) | Q(pk__in=by_radius)


def visible_offers(user: AnyUser) -> QuerySet[Offer]:
    """Every offer the user may look at: published ones, their own, and those they oversee."""
    if is_coordinator(user):
        return Offer.objects.all()
    condition = Q(status=Offer.Status.PUBLISHED)
    if user.is_authenticated:
        condition |= Q(organisation__in=editable_organisations(user))
        overseen = overseen_municipalities(user)
        if overseen.exists():
            condition |= _offers_in_municipalities(overseen)
    return Offer.objects.filter(condition)


def can_view_offer(user: AnyUser, offer: Offer) -> bool:
    return visible_offers(user).filter(pk=offer.pk).exists()


def can_edit_offer(user: AnyUser, offer: Offer) -> bool:
    return can_edit_organisation(user, offer.organisation)


def editable_offers(user: AnyUser) -> QuerySet[Offer]:
    return Offer.objects.filter(organisation__in=editable_organisations(user))


def editable_environments(user: AnyUser) -> QuerySet[LearningEnvironment]:
    return LearningEnvironment.objects.filter(organisation__in=editable_organisations(user))


def publishes_directly(user: AnyUser | None, organisation: Organisation) -> bool:
    """Whether a change by this user to this organisation's offers goes public without review.

    No user (a shell command) follows the organisation's own rule, like its members."""
    from django.conf import settings

    if is_coordinator(user):
        return True
    return bool(organisation.is_network_member and settings.NETWORK_MEMBERS_PUBLISH_DIRECTLY)
