"""The public REST API over HTTP (Django's test client): JSON, GeoJSON, errors, caching, schema."""

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from directory.search.forms import ClusterForm, OfferSearchForm
from tests.directory import test_search
from tests.directory.test_search import NEAR_SCHOOL, PLACES, km_from_school

network = test_search.network  # the small network with known distances, shared as a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client(HTTP_ACCEPT="application/json")


def test_offers_near_a_school_come_with_distance_and_nearest_place(api, network):
    response = api.get(f"/api/v1/offers/?{NEAR_SCHOOL}&radius=10&delivery=paa-stedet")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["slug"] == "kunst-for-mellemtrinnet"
    assert first["distance_km"] == pytest.approx(km_from_school("aros"), abs=0.001)
    assert first["nearest_environment"] == "aros"
    assert first["organisation"]["slug"] == "organisation-aros"
    assert first["subjects"] == ["billedkunst"]
    assert first["grade_from"]["slug"] == "5-klasse"
    assert first["api_url"].endswith("/api/v1/offers/kunst-for-mellemtrinnet/")


def test_offer_list_is_paginated_with_count_and_a_stable_order(api, network):
    first = api.get("/api/v1/offers/?page_size=3").json()
    second = api.get("/api/v1/offers/?page_size=3&page=2").json()
    assert first["count"] == second["count"] == 9
    assert first["next"].endswith("page=2&page_size=3") or "page=2" in first["next"]
    seen = [offer["slug"] for offer in first["results"] + second["results"]]
    assert len(set(seen)) == 6


def test_offer_detail_by_slug_and_drafts_are_not_found(api, network):
    assert api.get("/api/v1/offers/vikingetiden/").json()["title"] == "Vikingetiden"
    assert api.get("/api/v1/offers/kladde-paa-aros/").status_code == 404


def test_offers_as_geojson_are_a_valid_feature_collection_longitude_first(api, network):
    response = api.get(f"/api/v1/offers/?{NEAR_SCHOOL}&radius=10&format=geojson&delivery=paa-stedet")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert collection["count"] == len(collection["features"]) == 2
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "id", "geometry", "properties"}
        longitude, latitude = feature["geometry"]["coordinates"]
        assert 8 < longitude < 13 and 54 < latitude < 58
    aros = collection["features"][0]
    assert aros["geometry"] == {"type": "Point", "coordinates": [PLACES["aros"][1], PLACES["aros"][0]]}
    assert aros["properties"]["title"] == "Kunst for mellemtrinnet"


def test_geojson_combines_with_the_offer_format_filter_and_digital_offers_have_no_geometry(api, network):
    collection = api.get("/api/v1/offers/?format=geojson&delivery=digitalt").json()
    assert [feature["id"] for feature in collection["features"]] == ["digitale-vikinger"]
    assert collection["features"][0]["geometry"] is None


def test_environments_list_detail_and_geojson(api, network):
    body = api.get("/api/v1/environments/?subject=biologi&region=1084").json()
    assert [place["slug"] for place in body["results"]] == ["koebenhavn-zoo"]
    assert body["results"][0]["offer_count"] == 1
    detail = api.get("/api/v1/environments/moesgaard/").json()
    assert detail["municipality"] == {"code": 751, "name": "Aarhus Kommune"}
    assert api.get("/api/v1/environments/lukket-museum/").status_code == 404
    collection = api.get("/api/v1/environments/?format=geojson&municipality=751").json()
    assert {feature["id"] for feature in collection["features"]} == {"aros", "moesgaard"}


def test_clusters_endpoint_documents_and_returns_features_for_the_map(api, network):
    response = api.get("/api/v1/environments/clusters/?zoom=14&bbox=9.5,55.0,11.0,57.5")
    assert response.status_code == 200
    features = response.json()["features"]
    names = {feature["properties"]["name"] for feature in features}
    assert names == {"Aros", "Moesgaard", "Odense Zoo", "Aalborg Zoo"}
    one = features[0]["properties"]
    assert set(one) == {"cluster", "id", "name", "organisation", "url", "offer_count"}
    low = api.get("/api/v1/environments/clusters/?zoom=3").json()["features"]
    assert sum(feature["properties"].get("count", 1) for feature in low) == 6


def test_organisations_list_only_those_with_published_offers_and_detail_lists_them(api, network):
    body = api.get("/api/v1/organisations/").json()
    assert body["count"] == 7  # six with places' offers + the archived place's organisation
    detail = api.get("/api/v1/organisations/organisation-aros/").json()
    assert [offer["slug"] for offer in detail["offers"]] == ["kunst-for-mellemtrinnet"]
    assert [place["slug"] for place in detail["environments"]] == ["aros"]


@pytest.mark.parametrize(
    "path, first",
    [
        ("/api/v1/subjects/", "dansk"),
        ("/api/v1/grades/", "vuggestue"),
        ("/api/v1/categories/", "museum"),
        ("/api/v1/regions/", 1081),
        ("/api/v1/municipalities/", 101),
    ],
)
def test_reference_lists_are_complete_and_ordered(api, path, first):
    items = api.get(path).json()
    assert (items[0].get("slug") if isinstance(first, str) else items[0]["code"]) == first


def test_municipalities_can_be_filtered_by_region(api):
    items = api.get("/api/v1/municipalities/?region=1081").json()
    assert len(items) == 11 and {item["region"] for item in items} == {1081}


def test_geocode_returns_point_precision_and_municipality(api):
    body = api.get("/api/v1/geocode/?q=Odense").json()
    assert body["municipality"]["code"] == 461
    assert body["precision"] in {"town", "postcode", "municipality", "address", "street"}
    assert 55.2 < body["latitude"] < 55.6 and 10.2 < body["longitude"] < 10.6


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("near=56.1,", "near"),
        ("near=91,10", "near"),
        ("near=56,181", "near"),
        ("near=Qwxzyville Ingenstedsvej 99", "near"),
        ("radius=abc", "radius"),
        ("radius=-5", "radius"),
        ("radius=0", "radius"),
        ("radius=501", "radius"),
        ("radius=nan", "radius"),
        ("subject=biologi&subject=alkymi", "subject"),
        ("grade=11-klasse", "grade"),
        ("grade=99", "grade"),
        ("category=rumstation", "category"),
        ("delivery=teleportation", "delivery"),
        ("municipality=9999", "municipality"),
        ("municipality=abc", "municipality"),
        ("region=1", "region"),
        ("free=kanske", "free"),
        ("language=xx", "language"),
        ("month=13", "month"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=12,56,10,57", "bbox"),
        ("bbox=10,-91,11,57", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("ordering=distance", "ordering"),
        ("ordering=popularity", "ordering"),
        ("page=999999", "page"),
        ("page=0", "page"),
        ("page=x", "page"),
        ("page_size=1000", "page_size"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(api, network, query, parameter):
    for endpoint in ("/api/v1/offers/", "/api/v1/environments/"):
        response = api.get(f"{endpoint}?{query}")
        assert response.status_code == 400, (endpoint, query, response.content)
        errors = response.json()["errors"]
        assert list(errors) == [parameter]
        assert errors[parameter][0]


@pytest.mark.parametrize(
    "path, parameter",
    [
        ("/api/v1/environments/clusters/", "zoom"),
        ("/api/v1/environments/clusters/?zoom=40", "zoom"),
        ("/api/v1/environments/clusters/?zoom=5&bbox=1,1,1,1", "bbox"),
        ("/api/v1/geocode/", "q"),
        ("/api/v1/geocode/?q=Qwxzyville Ingenstedsvej 99", "q"),
        ("/api/v1/organisations/?page=50", "page"),
        ("/api/v1/regions/?format=geojson", "format"),
    ],
)
def test_bad_input_on_other_endpoints_is_a_400_naming_the_parameter(api, network, path, parameter):
    response = api.get(path)
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [parameter]


def test_provider_text_is_escaped_in_the_browsable_api(network):
    offer = network.offers["vikingetiden"]
    offer.title = '<script>alert("x")</script>'
    offer.save()
    html = Client().get("/api/v1/offers/vikingetiden/", HTTP_ACCEPT="text/html").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_public_reads_carry_cache_headers_an_etag_and_answer_304(api, network):
    response = api.get("/api/v1/offers/?subject=biologi")
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    etag = response["ETag"]
    assert api.get("/api/v1/offers/?subject=biologi", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_cors_is_open_for_public_gets(api, network):
    response = api.get("/api/v1/regions/", HTTP_ORIGIN="https://skole.example.dk")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_anonymous_writes_are_refused(api, network):
    assert api.post("/api/v1/offers/", {"title": "x"}).status_code in (401, 403, 405)


def test_openapi_schema_generates_without_warnings_and_documents_every_parameter(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    schema = yaml.safe_load(path.read_text())
    for endpoint, form in [
        ("/api/v1/offers/", OfferSearchForm),
        ("/api/v1/environments/", OfferSearchForm),
        ("/api/v1/environments/clusters/", ClusterForm),
    ]:
        documented = {parameter["name"] for parameter in schema["paths"][endpoint]["get"]["parameters"]}
        expected = set(form.base_fields) - ({"ordering", "page"} if form is ClusterForm else set())
        assert expected <= documented, expected - documented
        assert all(
            parameter.get("description") for parameter in schema["paths"][endpoint]["get"]["parameters"]
        )
    for path in ("/api/v1/geocode/", "/api/v1/regions/", "/api/v1/organisations/{slug}/"):
        assert path in schema["paths"]


def _drf_and_ours(rf, query: str, *, zone=None):
    """The API's JSON of each offer a search finds (offer_dict over its rows) beside DRF's own walk
    over the schema's serializer with the Offer objects of the same search: one shape."""
    from django.utils import timezone

    from directory.api.representations import Links, offer_dict
    from directory.api.serializers import OfferSerializer
    from directory.search.offers import offer_search

    form = OfferSearchForm(test_search.QueryDict(query))
    assert form.is_valid(), form.errors
    request = rf.get("/api/v1/offers/")
    with timezone.override(zone or timezone.get_current_timezone()):
        rows = list(offer_search(params=form.cleaned_data, rows=True).offers)
        offers = list(offer_search(params=form.cleaned_data).offers)
        links = Links(request)
        ours = [offer_dict(row, links) for row in rows]
        drfs = [OfferSerializer(offer, context={"request": request}).data for offer in offers]
    return rows, ours, drfs


@pytest.mark.parametrize(
    "query", ["", f"{NEAR_SCHOOL}&radius=500", f"{NEAR_SCHOOL}&radius=500&subject=biologi"]
)
def test_the_apis_json_of_an_offer_is_the_schemas_shape_key_for_key(network, rf, query):
    rows, ours, drfs = _drf_and_ours(rf, query)
    assert len(ours) == len(drfs) >= 3
    assert type(rows[0]).__name__ == "OfferRow"
    for mine, theirs in zip(ours, drfs, strict=True):
        assert list(mine.items()) == list(theirs.items())


@pytest.mark.parametrize("cards", ["kept", "missing"])
def test_an_offers_links_come_from_its_card_or_the_link_tables_alike(network, rf, cards):
    """The rows read an offer's links from its card, or the link tables for an offer without
    one; a place closed after the card named it is left out all the same."""
    from directory.models import LearningEnvironment, OfferCard
    from directory.search.refresh import search_index_refresh

    zoo = network.offers["rovdyr-og-byttedyr"]
    zoo.environments.add(network.places["nationalmuseet"])
    search_index_refresh(offer_ids=[zoo.pk])
    LearningEnvironment.objects.filter(slug="nationalmuseet").update(
        status=LearningEnvironment.Status.ARCHIVED
    )
    search_index_refresh(environment_ids=[network.places["nationalmuseet"].pk])
    if cards == "missing":
        OfferCard.objects.all().delete()
    _rows, ours, drfs = _drf_and_ours(rf, f"{NEAR_SCHOOL}&radius=500")
    for mine, theirs in zip(ours, drfs, strict=True):
        assert list(mine.items()) == list(theirs.items())
    shown = next(offer for offer in ours if offer["slug"] == "rovdyr-og-byttedyr")
    assert [place["slug"] for place in shown["environments"]] == ["koebenhavn-zoo"]


def test_the_written_out_datetimes_match_drfs_in_utc_too(network, rf):
    import datetime as dt

    _rows, ours, drfs = _drf_and_ours(rf, f"{NEAR_SCHOOL}&radius=500", zone=dt.UTC)
    assert ours[0]["updated_at"].endswith("Z")
    assert (ours[0]["published_at"], ours[0]["updated_at"]) == (
        drfs[0]["published_at"],
        drfs[0]["updated_at"],
    )


def test_the_orjson_renderer_writes_drfs_json():
    import json
    from decimal import Decimal

    from django.utils.translation import gettext_lazy
    from rest_framework.renderers import JSONRenderer as DRFRenderer

    from directory.api.renderers import JSONRenderer

    data = {
        "title": "Æbler\u2028og\u2029pærer <b>",
        "price": Decimal("12.50"),
        "label": gettext_lazy("Søg"),
        "point": [10.2107, 56.1572],
        "nested": [{"n": 1, "none": None, "yes": True}],
    }
    ours, drfs = JSONRenderer().render(data), DRFRenderer().render(data)
    assert json.loads(ours) == json.loads(drfs)
    assert b"\\u2028" in ours and b"\\u2029" in ours and b"\xe2\x80\xa8" not in ours
    assert ours == drfs  # byte for byte: compact separators, UTF-8, the same number formats
    indented = JSONRenderer().render(data, "application/json; indent=2")
    assert indented == DRFRenderer().render(data, "application/json; indent=2")
    assert JSONRenderer().render(None) == b""


def test_api_answers_are_encoded_by_orjson(client):
    from directory.api.renderers import JSONRenderer

    response = client.get("/api/v1/regions/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, JSONRenderer)


def test_offers_at_one_distance_page_by_title_across_page_boundaries(db):
    """Ties (offers at the same place) go by title, then id; a page boundary inside a group of
    ties must neither repeat nor skip an offer."""
    from directory.search.refresh import search_index_refresh
    from tests.factories import EnvironmentFactory, OfferFactory

    place = EnvironmentFactory(latitude=56.0, longitude=10.0)
    titles = ["Eg", "Due", "Can", "Bøg", "Ask", "Bøg"]
    offers = [
        OfferFactory(environments=[place], title=title, slug=f"trae-{index}")
        for index, title in enumerate(titles)
    ]
    search_index_refresh(offer_ids=[offer.pk for offer in offers])
    client = Client(HTTP_ACCEPT="application/json")
    seen = []
    for page in (1, 2, 3):
        response = client.get(f"/api/v1/offers/?near=56.01,10.0&radius=5&page_size=2&page={page}")
        assert response.status_code == 200, response.content
        seen += [(item["title"], item["slug"]) for item in response.json()["results"]]
    by_title_then_id = sorted(offers, key=lambda offer: (offer.title, offer.pk))
    assert [slug for _, slug in seen] == [offer.slug for offer in by_title_then_id]


@pytest.mark.parametrize(
    "text",
    ['"', 'abc"def', "NEAR(a b)", "dyr*", "^start", "a:b", "'; DROP TABLE x; --", "æøå", "x" * 199, "% _ \\"],
)
def test_text_search_takes_any_words_the_index_syntax_would_read_as_operators(db, text):
    """Quotes, FTS5 operators and LIKE wildcards in ``q`` are words, with or without a point:
    none of them matches this offer (an unescaped "%" or "_" would match everything)."""
    from directory.search.refresh import search_index_refresh
    from tests.factories import EnvironmentFactory, OfferFactory, OrganisationFactory

    place = EnvironmentFactory(latitude=56.15, longitude=10.2)
    offer = OfferFactory(
        organisation=OrganisationFactory(name="Naturskolen"),
        environments=[place],
        title="Skoven",
        summary="",
        description="",
    )
    search_index_refresh(offer_ids=[offer.pk])
    client = Client(HTTP_ACCEPT="application/json")
    assert client.get("/api/v1/offers/", {"q": "skoven"}).json()["count"] == 1
    for extra in ({}, {"near": "56.15,10.2"}):
        response = client.get("/api/v1/offers/", {"q": text, **extra})
        assert response.status_code == 200, response.content
        assert response.json()["count"] == 0
