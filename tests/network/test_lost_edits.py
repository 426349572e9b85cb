"""No lost edits: two people editing the same thing never silently overwrite each other.

The forms carry the version they were filled from, the write API speaks ETag/If-Match, and
open proposals of several editors are kept side by side in the moderation queue.
"""

import pytest
from django import forms
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from directory.models import LearningEnvironment, Offer, Organisation
from directory.services import offers as offer_services
from directory.services.versions import VersionConflict
from network import selectors
from network.models import Membership, PendingChange
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What a browser would post back unchanged: every field of the rendered form, as shown."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or isinstance(field, forms.FileField):
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = getattr(value, "pk", value)
    return data


def logged_in(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


def test_a_stale_offer_form_is_refused_showing_the_other_change_and_keeping_mine(
    client, django_user_model, editor_of_zoo, admin_of_zoo, zoo_draft
):
    url = reverse("members:offer_edit", args=[zoo_draft.pk])
    anna, bo = logged_in(type(client), editor_of_zoo), logged_in(type(client), admin_of_zoo)
    annas_form, bos_form = form_data(anna.get(url)), form_data(bo.get(url))
    assert annas_form["version"] == bos_form["version"] == zoo_draft.version

    saved = anna.post(url, {**annas_form, "title": "Annas titel"})
    assert saved.status_code == 302

    stale = bo.post(url, {**bos_form, "summary": "Bos nye beskrivelse"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "En anden har gemt en ændring" in page
    assert "Annas titel" in page  # the other change, shown
    assert "Bos nye beskrivelse" in page  # my change, still in the form
    zoo_draft.refresh_from_db()
    assert zoo_draft.title == "Annas titel" and zoo_draft.summary != "Bos nye beskrivelse"
    conflict = stale.context["conflict"]
    assert [(row.name, row.after) for row in conflict.changes] == [("title", "Annas titel")]
    assert conflict.user == editor_of_zoo

    # Bo merges by hand (keeps Anna's title) and saves again: now an edit of the current version.
    merged = {**form_data(stale), "title": "Annas titel"}
    assert int(merged["version"]) == zoo_draft.version
    assert bo.post(url, merged).status_code == 302
    zoo_draft.refresh_from_db()
    assert (zoo_draft.title, zoo_draft.summary) == ("Annas titel", "Bos nye beskrivelse")


def test_every_save_counts_one_version(editor_of_zoo, zoo_draft):
    start = zoo_draft.version
    offer_services.offer_update(offer=zoo_draft, user=editor_of_zoo, title="Et")
    offer_services.offer_archive(offer=Offer.objects.get(pk=zoo_draft.pk), user=editor_of_zoo)
    assert Offer.objects.get(pk=zoo_draft.pk).version == start + 2


def test_an_edit_from_an_old_reading_changes_nothing(editor_of_zoo, admin_of_zoo, zoo_draft):
    first_reading, second_reading = Offer.objects.get(pk=zoo_draft.pk), Offer.objects.get(pk=zoo_draft.pk)
    offer_services.offer_update(
        offer=first_reading, user=editor_of_zoo, expected_version=first_reading.version, title="Først"
    )
    with pytest.raises(VersionConflict) as refused:
        offer_services.offer_update(
            offer=second_reading, user=admin_of_zoo, expected_version=second_reading.version, title="Sidst"
        )
    assert (refused.value.expected, refused.value.stored) == (
        second_reading.version,
        second_reading.version + 1,
    )
    assert Offer.objects.get(pk=zoo_draft.pk).title == "Først"


def test_a_stale_place_form_and_profile_form_are_refused_too(
    client, editor_of_zoo, admin_of_zoo, zoo, zoo_place
):
    place_url = reverse("members:environment_edit", args=[zoo_place.pk])
    profile_url = reverse("members:organisation_profile", args=[zoo.slug])
    anna, bo = logged_in(type(client), editor_of_zoo), logged_in(type(client), admin_of_zoo)
    for url, field, model, pk in (
        (place_url, "description", LearningEnvironment, zoo_place.pk),
        (profile_url, "description", Organisation, zoo.pk),
    ):
        annas, bos = form_data(anna.get(url)), form_data(bo.get(url))
        assert anna.post(url, {**annas, field: "Annas tekst"}).status_code == 302
        stale = bo.post(url, {**bos, field: "Bos tekst"})
        assert stale.status_code == 409, url
        assert "Annas tekst" in stale.content.decode() and "Bos tekst" in stale.content.decode()
        assert getattr(model.objects.get(pk=pk), field) == "Annas tekst"


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.mark.parametrize("kind", ["offers", "environments"])
def test_the_write_api_answers_412_to_a_stale_if_match_and_428_without_one(
    kind, editor_of_zoo, admin_of_zoo, zoo_draft, zoo_place
):
    pk = zoo_draft.pk if kind == "offers" else zoo_place.pk
    url = f"/api/v1/member/{kind}/{pk}/"
    anna, bo = api_for(editor_of_zoo), api_for(admin_of_zoo)
    read_by_anna, read_by_bo = anna.get(url), bo.get(url)
    etag = read_by_anna["ETag"]
    assert etag == read_by_bo["ETag"] == f'"{read_by_anna.json()["version"]}"'

    saved = anna.patch(url, {"description": "Annas"}, format="json", HTTP_IF_MATCH=etag)
    assert saved.status_code == 200 and saved["ETag"] != etag

    stale = bo.patch(url, {"description": "Bos"}, format="json", HTTP_IF_MATCH=read_by_bo["ETag"])
    assert stale.status_code == 412
    missing = bo.patch(url, {"description": "Bos"}, format="json")
    assert missing.status_code == 428
    garbled = bo.patch(url, {"description": "Bos"}, format="json", HTTP_IF_MATCH='"nonsense"')
    assert garbled.status_code == 412
    assert anna.get(url).json()["description"] == "Annas"

    fresh = bo.patch(url, {"description": "Bos"}, format="json", HTTP_IF_MATCH=saved["ETag"])
    assert fresh.status_code == 200
    overwrite = bo.put(url, {**fresh.json(), "description": "Alt"}, format="json", HTTP_IF_MATCH="*")
    assert overwrite.status_code == 200, overwrite.json()


def test_the_openapi_schema_names_if_match_and_the_precondition_answers(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    patch = schema["paths"]["/api/v1/member/offers/{id}/"]["patch"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert {"412", "428"} <= set(patch["responses"])


def test_proposals_of_two_editors_are_both_kept_and_decided_one_by_one(
    client, editor_of_outsider, outsider_org, coordinator
):
    second_editor = factories.UserFactory(email="anden@gaarden.dk")
    Membership.objects.create(user=second_editor, organisation=outsider_org, role=Membership.Role.EDITOR)
    offer = factories.OfferFactory(organisation=outsider_org, title="Kornets vej")
    offer_services.offer_update(offer=offer, user=editor_of_outsider, title="Forslag et")
    offer_services.offer_update(offer=offer, user=second_editor, summary="Forslag to")
    open_changes = list(offer.pending_changes.filter(status=PendingChange.Status.PENDING))
    assert [change.data for change in open_changes] == [{"title": "Forslag et"}, {"summary": "Forslag to"}]
    assert len([item for item in selectors.moderation_queue() if item.offer == offer]) == 2

    client.force_login(coordinator)
    page = client.get(reverse("members:moderation")).content.decode()
    assert "Forslag et" in page and "Forslag to" in page
    second = open_changes[1]
    client.post(reverse("members:moderation_approve", args=[offer.pk]), {"change": second.pk})
    offer.refresh_from_db()
    assert (offer.title, offer.summary) == ("Kornets vej", "Forslag to")
    first = open_changes[0]
    first.refresh_from_db()
    assert first.status == PendingChange.Status.PENDING  # still waiting, not replaced
    client.post(reverse("members:moderation_reject", args=[offer.pk]), {"change": first.pk, "reason": "Nej"})
    first.refresh_from_db()
    assert first.status == PendingChange.Status.REJECTED
    assert Offer.objects.get(pk=offer.pk).title == "Kornets vej"
