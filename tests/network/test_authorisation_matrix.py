"""Every member page and action × every actor: allowed, or denied without leaking anything.

Targets belong to the zoo (organisation A). Denials are 404 when the actor has no business
with the organisation at all (so another organisation's drafts cannot even be confirmed to
exist) and 403 when they are a member lacking the role (an editor managing people).
"""

import pytest
from django.urls import reverse

from directory.models import Offer
from network.models import Membership
from network.newsletter.models import Issue
from network.services import membership_invite
from tests import factories
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "editor_of_zoo",
    "admin_of_zoo",
    "editor_of_museum",
    "municipality_admin",
    "coordinator",
]
# Who may use each kind of page.
ALLOWED = {
    "edit": {"editor_of_zoo", "admin_of_zoo", "coordinator"},
    "manage": {"admin_of_zoo", "coordinator"},
    "moderate": {"coordinator"},
    "oversee": {"municipality_admin", "coordinator"},
}
# What a logged-in actor without access gets, per kind.
DENIED = {
    "edit": {"*": 404},
    "manage": {"editor_of_zoo": 403, "*": 404},
    "moderate": {"*": 403},
    "oversee": {"*": 404},
}


@pytest.fixture
def world(zoo, zoo_place, zoo_draft, aarhus_service, admin_of_zoo, editor_of_zoo):
    colleague = Membership.objects.create(
        user=factories.UserFactory(email="kollega@zoo.dk"),
        organisation=zoo,
        role=Membership.Role.EDITOR,
    )
    history_id = zoo_draft.history.first().history_id
    event = EventFactory(title="Zooens temadag", organiser=zoo, venue=zoo_place)
    issue = Issue.objects.create(title="Nyt fra netværket", slug="nyt-fra-netvaerket", intro="Hej")
    invitation, _token = membership_invite(
        organisation=zoo, email="ny@zoo.dk", role=Membership.Role.EDITOR, invited_by=admin_of_zoo
    )
    return {
        "invitation": invitation,
        "zoo": zoo,
        "place": zoo_place,
        "offer": zoo_draft,
        "colleague": colleague,
        "history_id": history_id,
        "issue": issue,
        "event": event,
    }


def endpoints(world):
    zoo, offer, place = world["zoo"], world["offer"], world["place"]
    colleague, event = world["colleague"], world["event"]
    return [
        ("GET", reverse("members:organisation", args=[zoo.slug]), "edit"),
        ("GET", reverse("members:organisation_profile", args=[zoo.slug]), "edit"),
        ("GET", reverse("members:offer_add", args=[zoo.slug]), "edit"),
        ("GET", reverse("members:offer_edit", args=[offer.pk]), "edit"),
        ("GET", reverse("members:offer_history", args=[offer.pk]), "edit"),
        ("POST", reverse("members:offer_duplicate", args=[offer.pk]), "edit"),
        ("POST", reverse("members:offer_submit", args=[offer.pk]), "edit"),
        ("POST", reverse("members:offer_archive", args=[offer.pk]), "edit"),
        ("GET", reverse("members:environment_add", args=[zoo.slug]), "edit"),
        ("GET", reverse("members:environment_edit", args=[place.pk]), "edit"),
        ("POST", reverse("members:environment_archive", args=[place.pk]), "edit"),
        ("GET", reverse("members:import", args=[zoo.slug]), "edit"),
        ("GET", reverse("members:import_template", args=[zoo.slug, "csv"]), "edit"),
        ("GET", reverse("members:export", args=[zoo.slug, "csv"]), "edit"),
        ("GET", reverse("members:people", args=[zoo.slug]), "manage"),
        ("POST", reverse("members:membership_role", args=[zoo.slug, colleague.pk]), "manage"),
        ("POST", reverse("members:membership_remove", args=[zoo.slug, colleague.pk]), "manage"),
        ("POST", reverse("members:invitation_revoke", args=[zoo.slug, world["invitation"].pk]), "manage"),
        ("GET", reverse("members:moderation"), "moderate"),
        ("POST", reverse("members:moderation_approve", args=[offer.pk]), "moderate"),
        ("POST", reverse("members:moderation_reject", args=[offer.pk]), "moderate"),
        ("POST", reverse("members:offer_revert", args=[offer.pk, world["history_id"]]), "moderate"),
        ("GET", reverse("members:municipality", args=[751]), "oversee"),
        ("GET", reverse("members:municipality_export", args=[751, "xlsx"]), "oversee"),
        # The editorial newsletter: coordinators only.
        ("GET", reverse("newsletter_editor:issues"), "moderate"),
        ("GET", reverse("newsletter_editor:issue_edit", args=[world["issue"].pk]), "moderate"),
        ("GET", reverse("newsletter_editor:issue_preview", args=[world["issue"].pk]), "moderate"),
        ("GET", reverse("newsletter_editor:issue_preview_email", args=[world["issue"].pk]), "moderate"),
        ("POST", reverse("newsletter_editor:issue_test", args=[world["issue"].pk]), "moderate"),
        ("POST", reverse("newsletter_editor:issue_send", args=[world["issue"].pk]), "moderate"),
        # Events: members of the organising organisation and coordinators; only they see participants.
        ("GET", reverse("event_members:list", args=[zoo.slug]), "edit"),
        ("GET", reverse("event_members:add", args=[zoo.slug]), "edit"),
        ("GET", reverse("event_members:edit", args=[event.pk]), "edit"),
        ("POST", reverse("event_members:publish", args=[event.pk]), "edit"),
        ("POST", reverse("event_members:cancel", args=[event.pk]), "edit"),
        ("GET", reverse("event_members:participants", args=[event.pk]), "edit"),
        ("GET", reverse("event_members:participants_export", args=[event.pk, "csv"]), "edit"),
        ("GET", reverse("event_members:attendance", args=[event.pk]), "edit"),
    ]


ENDPOINT_COUNT = 38
# URL modules outside network.urls_members, named with their namespace in the coverage check.
NAMESPACED = {"event_members", "newsletter_editor"}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("index", range(ENDPOINT_COUNT))
def test_authorisation_matrix(request, client, world, actor, index):
    user = request.getfixturevalue(actor)
    method, url, kind = endpoints(world)[index]
    if actor != "anonymous":
        client.force_login(user)
    data = {"role": "admin", "reason": "Mangler beskrivelse"}
    response = client.post(url, data) if method == "POST" else client.get(url)

    if actor == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("members:login"))
    elif actor in ALLOWED[kind]:
        assert response.status_code in (200, 302), (method, url, response.status_code)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("members:login"))
    else:
        expected = DENIED[kind].get(actor, DENIED[kind]["*"])
        assert response.status_code == expected, (method, url, response.status_code)
        assert world["offer"].title.encode() not in response.content


@pytest.mark.parametrize("actor", ["anonymous", "editor_of_museum", "municipality_admin"])
def test_denied_writes_change_nothing(request, client, world, actor):
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))
    offer, place = world["offer"], world["place"]
    client.post(reverse("members:offer_archive", args=[offer.pk]))
    client.post(reverse("members:environment_archive", args=[place.pk]))
    client.post(reverse("members:offer_edit", args=[offer.pk]), {"title": "Overtaget"})
    client.post(reverse("members:membership_remove", args=[world["zoo"].slug, world["colleague"].pk]))
    client.post(reverse("members:invitation_revoke", args=[world["zoo"].slug, world["invitation"].pk]))
    offer.refresh_from_db()
    place.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT and offer.title == "Zooens hemmelige kladde"
    assert place.status == "active"
    assert Membership.objects.filter(pk=world["colleague"].pk).exists()
    assert world["zoo"].invitations.filter(pk=world["invitation"].pk).exists()


def test_the_matrix_covers_every_member_url(world):
    from django.urls import resolve

    from network import urls_members
    from network.events import urls_members as event_urls_members
    from network.newsletter import urls_editor as newsletter_urls_editor

    public = {"login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
              "password_reset_complete", "invitation_accept", "dashboard"}  # fmt: skip
    names = {pattern.name for pattern in urls_members.urlpatterns} - public
    names |= {f"event_members:{pattern.name}" for pattern in event_urls_members.urlpatterns}
    names |= {f"newsletter_editor:{pattern.name}" for pattern in newsletter_urls_editor.urlpatterns}
    covered = {
        resolve(url).view_name if resolve(url).namespace in NAMESPACED else resolve(url).url_name
        for _method, url, _kind in endpoints(world)
    }
    assert len(endpoints(world)) == ENDPOINT_COUNT
    assert covered == names


# Public pages of the municipality catalogues (issue 15): the same answer for every actor,
# and the embeddable catalogue is the one page another site may frame.
PUBLIC_PAGES = [
    ("directory:municipality_list", {}),
    ("directory:municipality_embed", {"slug": "aarhus"}),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name, kwargs", PUBLIC_PAGES)
def test_public_municipality_pages_answer_every_actor_alike(request, client, world, actor, name, kwargs):
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert world["offer"].title.encode() not in response.content  # a draft stays hidden
    framed = name == "directory:municipality_embed"
    assert ("X-Frame-Options" in response.headers) is not framed
