"""The members' write API: token auth, object permissions, same validation and moderation as the forms."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from directory.models import Offer
from network.models import PendingChange

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "editor_of_zoo",
    "admin_of_zoo",
    "editor_of_museum",
    "municipality_admin",
    "coordinator",
]
ZOO_WRITERS = {"editor_of_zoo", "admin_of_zoo", "coordinator"}


def api_for(user) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def offer_payload(**overrides):
    payload = {
        "organisation": "aarhus-zoo",
        "title": "Krybdyr og kulde",
        "subjects": ["biologi"],
        "grade_from": "4-klasse",
        "grade_to": "6-klasse",
        "months": [9, 10],
        "price_dkk": "25.00",
    }
    payload.update(overrides)
    return payload


@pytest.mark.parametrize("actor", ACTORS)
def test_write_api_authorisation_matrix(request, actor, zoo, zoo_draft, zoo_place):
    user = request.getfixturevalue(actor)
    client = api_for(user)
    offer_url = f"/api/v1/member/offers/{zoo_draft.pk}/"
    place_url = f"/api/v1/member/environments/{zoo_place.pk}/"
    answers = {
        "list offers": client.get("/api/v1/member/offers/"),
        "read offer": client.get(offer_url),
        "create offer": client.post("/api/v1/member/offers/", offer_payload(), format="json"),
        "change offer": client.patch(offer_url, {"title": "Ny titel"}, format="json", HTTP_IF_MATCH='"1"'),
        "archive offer": client.post(offer_url + "archive/"),
        "read place": client.get(place_url),
        "change place": client.patch(
            place_url, {"description": "Ny tekst"}, format="json", HTTP_IF_MATCH="*"
        ),
        "archive place": client.post(place_url + "archive/"),
    }
    if actor == "anonymous":
        assert {answer.status_code for answer in answers.values()} == {401}
        return
    if actor in ZOO_WRITERS:
        assert answers["create offer"].status_code == 201, answers["create offer"].json()
        assert answers["change offer"].status_code == 200
        for name in ("read offer", "archive offer", "read place", "change place", "archive place"):
            assert answers[name].status_code == 200, name
        assert zoo_draft.title in answers["list offers"].content.decode()
        return
    # Everyone else: the zoo's things do not exist for them, and nothing changes.
    assert answers["create offer"].status_code == 400
    assert "organisation" in answers["create offer"].json()
    for name in (
        "read offer",
        "change offer",
        "archive offer",
        "read place",
        "change place",
        "archive place",
    ):
        assert answers[name].status_code == 404, name
    assert zoo_draft.title not in answers["list offers"].content.decode()
    zoo_draft.refresh_from_db()
    assert zoo_draft.title == "Zooens hemmelige kladde" and zoo_draft.status == Offer.Status.DRAFT


def test_an_editor_cannot_attach_another_organisations_place(editor_of_zoo, zoo, museum_place):
    response = api_for(editor_of_zoo).post(
        "/api/v1/member/offers/", offer_payload(environments=[museum_place.pk]), format="json"
    )
    assert response.status_code == 400 and "environments" in response.json()


def test_the_api_refuses_bad_input_naming_the_field(editor_of_zoo, zoo):
    client = api_for(editor_of_zoo)
    backwards = client.post("/api/v1/member/offers/", offer_payload(grade_from="9-klasse"), format="json")
    assert backwards.status_code == 400 and "grade_to" in backwards.json()
    unknown = client.post("/api/v1/member/offers/", offer_payload(subjects=["alkymi"]), format="json")
    assert unknown.status_code == 400 and "subjects" in unknown.json()
    months = client.post("/api/v1/member/offers/", offer_payload(months=[13]), format="json")
    assert months.status_code == 400 and "months" in months.json()
    assert not zoo.offers.exists()


def test_an_outsiders_api_edit_of_a_published_offer_waits_for_approval(editor_of_outsider, outsider_org):
    published = Offer.objects.create(
        organisation=outsider_org, title="Kornets vej", slug="kornets-vej", grade_from_id=3, grade_to_id=6,
        status=Offer.Status.PUBLISHED,
    )  # fmt: skip
    response = api_for(editor_of_outsider).patch(
        f"/api/v1/member/offers/{published.pk}/",
        {"title": "Kornets lange vej"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 202 and response.json()["has_pending_change"] is True
    published.refresh_from_db()
    assert published.title == "Kornets vej"
    assert PendingChange.objects.get(offer=published).data == {"title": "Kornets lange vej"}


def test_an_outsiders_new_offer_is_pending(editor_of_outsider, outsider_org):
    response = api_for(editor_of_outsider).post(
        "/api/v1/member/offers/", offer_payload(organisation=outsider_org.slug), format="json"
    )
    assert response.status_code == 201 and response.json()["status"] == "pending"


def test_a_place_is_geocoded_and_a_bad_address_is_a_field_error(editor_of_zoo, zoo):
    client = api_for(editor_of_zoo)
    good = client.post(
        "/api/v1/member/environments/",
        {"organisation": zoo.slug, "name": "Savannen", "category": "zoo-akvarium", "street_address": "Zoovej 1",
         "postcode": "8270", "city": "Højbjerg"},
        format="json",
    )  # fmt: skip
    assert good.status_code == 201, good.json()
    assert good.json()["latitude"] is not None
    bad = client.post(
        "/api/v1/member/environments/",
        {"organisation": zoo.slug, "name": "Ingensteds", "category": "zoo-akvarium", "street_address": "Ingenvej 1",
         "postcode": "9999", "city": "Ingenby"},
        format="json",
    )  # fmt: skip
    assert bad.status_code == 400 and "street_address" in bad.json()


def test_a_token_is_issued_for_email_and_password(editor_of_zoo):
    response = APIClient().post(
        "/api/v1/member/token/", {"username": editor_of_zoo.email, "password": "korrekt-hest-batteri-42"}
    )
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=editor_of_zoo).key
    wrong = APIClient().post(
        "/api/v1/member/token/", {"username": editor_of_zoo.email, "password": "forkert"}
    )
    assert wrong.status_code == 400


def test_the_write_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/member/offers/", "/api/v1/member/offers/{id}/", "/api/v1/member/environments/{id}/archive/",
                 "/api/v1/member/token/"):  # fmt: skip
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/member/offers/"]
    assert "patch" in schema["paths"]["/api/v1/member/offers/{id}/"]


def test_the_token_endpoint_is_locked_after_repeated_wrong_passwords(settings, editor_of_zoo):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    client = APIClient()
    for _attempt in range(3):
        client.post("/api/v1/member/token/", {"username": editor_of_zoo.email, "password": "gæt"})
    locked = client.post(
        "/api/v1/member/token/", {"username": editor_of_zoo.email, "password": "korrekt-hest-batteri-42"}
    )
    assert locked.status_code in (400, 403, 429)
    assert "token" not in locked.json()
    assert not Token.objects.filter(user=editor_of_zoo).exists()
