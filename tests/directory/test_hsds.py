"""The Open Referral HSDS 3.0 view: same search engine and answers as /api/v1/offers/,
in HSDS's shape (services, organizations, locations, taxonomy terms, stable UUIDs)."""

import uuid

import pytest
from django.test import Client

from tests.directory import test_search
from tests.directory.test_search import NEAR_SCHOOL

network = test_search.network  # the small network with known distances

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client(HTTP_ACCEPT="application/json")


def test_root_names_the_hsds_version_and_the_openapi_schema(api):
    body = api.get("/api/v1/hsds/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/schema/")


def test_services_are_the_same_offers_as_the_search_api_in_the_same_order(api, network):
    query = f"{NEAR_SCHOOL}&radius=200&subject=biologi"
    ours = api.get(f"/api/v1/offers/?{query}").json()
    hsds = api.get(f"/api/v1/hsds/services/?{query}").json()
    assert hsds["total_items"] == ours["count"] > 0
    assert [service["name"] for service in hsds["contents"]] == [offer["title"] for offer in ours["results"]]
    assert [service["distance_km"] for service in hsds["contents"]] == [
        offer["distance_km"] for offer in ours["results"]
    ]


def test_a_service_carries_organization_locations_ages_costs_and_taxonomy_terms(api, network):
    service = api.get("/api/v1/hsds/services/kunst-for-mellemtrinnet/").json()
    assert uuid.UUID(service["id"]).version == 5
    assert service["name"] == "Kunst for mellemtrinnet"
    assert service["status"] == "active"
    assert service["organization"]["name"] == "Organisation aros"
    assert service["organization_id"] == service["organization"]["id"]
    # 5. klasse to 9. klasse: pupils of about 10 to 15.
    assert (service["minimum_age"], service["maximum_age"]) == (10, 15)
    assert service["cost_options"][0]["amount"] == 0 and service["cost_options"][0]["currency"] == "DKK"
    (at,) = service["service_at_locations"]
    place = at["location"]
    assert place["location_type"] == "physical"
    assert (place["latitude"], place["longitude"]) == pytest.approx(test_search.PLACES["aros"][:2])
    assert place["addresses"][0]["country"] == "DK"
    assert place["addresses"][0]["state_province"] == "Region Midtjylland"
    terms = {
        (item["taxonomy_term"]["taxonomy"], item["taxonomy_term"]["code"]) for item in service["attributes"]
    }
    assert {("fag", "billedkunst"), ("klassetrin", "5-klasse"), ("form", "paa-stedet")} <= terms


def test_ids_are_stable_between_requests_and_list_and_detail_agree(api, network):
    listed = {s["name"]: s["id"] for s in api.get("/api/v1/hsds/services/?per_page=100").json()["contents"]}
    detail = api.get("/api/v1/hsds/services/vikingetiden/").json()
    assert listed["Vikingetiden"] == detail["id"]
    assert api.get("/api/v1/hsds/services/vikingetiden/").json()["id"] == detail["id"]


def test_pages_follow_hsds_paging(api, network):
    first = api.get("/api/v1/hsds/services/?per_page=2").json()
    assert first["size"] == 2 and first["page_number"] == 1 and first["first_page"] is True
    assert first["total_pages"] == -(-first["total_items"] // 2)
    last = api.get(f"/api/v1/hsds/services/?per_page=2&page={first['total_pages']}").json()
    assert last["last_page"] is True and not last["empty"]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("radius=-1", "radius"),
        ("subject=findes-ikke", "subject"),
        ("per_page=0", "per_page"),
        ("page=999", "page"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(api, network, query, parameter):
    response = api.get(f"/api/v1/hsds/services/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_drafts_are_not_services_and_taxonomy_terms_cover_the_vocabulary(api, network):
    assert api.get("/api/v1/hsds/services/findes-ikke/").status_code == 404
    terms = api.get("/api/v1/hsds/taxonomy_terms/").json()
    taxonomies = {item["taxonomy"] for item in terms}
    assert taxonomies == {"fag", "klassetrin", "kategori", "form"}
    assert len([item for item in terms if item["taxonomy"] == "klassetrin"]) == 14
