"""The API's parameters mean what they say (API 1.1.0): grades as teachers write them, loose
reference values, unknown names refused with a suggestion, delivery apart from the output
format, errors in the client's language."""

import pytest
import yaml
from django.test import Client

from directory.api.parameters import API_VERSION
from tests.directory.test_search import network  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client(HTTP_ACCEPT="application/json")


def slugs(api, query: str) -> set[str]:
    response = api.get(f"/api/v1/offers/?{query}")
    assert response.status_code == 200, response.content
    return {offer["slug"] for offer in response.json()["results"]}


@pytest.mark.parametrize("written", ["5", "5.", "5. klasse", "5.klasse", "5-klasse", "5 kl.", "5.%20Klasse"])
def test_grade_is_the_grade_a_teacher_names_never_an_internal_level(api, network, written):  # noqa: F811
    found = slugs(api, f"grade={written}")
    assert found == slugs(api, "grade=5-klasse")
    assert "kunst-for-mellemtrinnet" in found  # 5.–9. klasse
    assert "dyr-paa-hjul" not in found  # 0.–3. klasse: level 5 would be 3. klasse


@pytest.mark.parametrize("written", ["0", "0.", "bh", "børnehaveklasse", "0-klasse"])
def test_grade_zero_and_bh_are_the_reception_class(api, network, written):  # noqa: F811
    assert slugs(api, f"grade={written}") == slugs(api, "grade=0-klasse")
    assert "dyr-paa-hjul" in slugs(api, f"grade={written}")


def test_a_stage_is_a_range_of_grades(api, network):  # noqa: F811
    # indskoling 0.–3.: every offer whose range meets it (3.–6. too), none starting at 4. or later
    assert slugs(api, "grade=indskoling") == {
        "vikingetiden", "rovdyr-og-byttedyr", "zoo-paa-besoeg", "dyr-paa-hjul", "dyrenes-tilpasning",
        "paa-lukket-sted",
    }  # fmt: skip
    # mellemtrin 4.–6.: every offer whose range meets it
    assert "dyr-paa-hjul" not in slugs(api, "grade=mellemtrin")
    assert "kunst-for-mellemtrinnet" in slugs(api, "grade=Mellemtrinnet")
    assert "vikingetiden" not in slugs(api, "grade=udskoling")  # 0.–6.


@pytest.mark.parametrize(
    ("loose", "exact"),
    [
        ("subject=Biologi", "subject=biologi"),
        ("subject=BIOLOGI,Historie", "subject=biologi,historie"),
        ("municipality=København", "municipality=101"),
        ("municipality=kobenhavn", "municipality=101"),
        ("municipality=Københavns%20Kommune", "municipality=101"),
        ("municipality=aarhus", "municipality=751"),
        ("region=Midtjylland", "region=1082"),
        ("category=Zoo-Akvarium", "category=zoo-akvarium"),
        ("language=Engelsk", "language=en"),
        ("delivery=Udgaaende", "delivery=udgaaende"),
    ],
)
def test_reference_values_ignore_case_and_accents_and_take_codes_or_names(api, network, loose, exact):  # noqa: F811
    assert slugs(api, loose) == slugs(api, exact)
    assert slugs(api, exact)


def test_an_unknown_parameter_is_a_400_naming_it_with_the_nearest_known_one(api, network):  # noqa: F811
    response = api.get("/api/v1/offers/?subjet=biologi")
    assert response.status_code == 400
    assert "'subject'" in response.json()["errors"]["subjet"][0]
    response = api.get("/api/v1/environments/?xyzzy=1")
    assert response.status_code == 400
    assert "xyzzy" in response.json()["errors"]


def test_delivery_and_output_format_are_separate_parameters(api, network):  # noqa: F811
    outreach = slugs(api, "delivery=udgaaende")
    assert outreach == {"zoo-paa-besoeg", "museet-kommer-til-jer", "dyr-paa-hjul"}
    collection = api.get("/api/v1/offers/?delivery=udgaaende&format=geojson").json()
    assert collection["type"] == "FeatureCollection"
    assert {feature["id"] for feature in collection["features"]} == outreach
    geojson = Client(HTTP_ACCEPT="application/geo+json").get("/api/v1/offers/?delivery=udgaaende")
    assert geojson.json()["type"] == "FeatureCollection"
    wrong = api.get("/api/v1/offers/?format=xml")
    assert wrong.status_code == 400
    assert "geojson" in wrong.json()["errors"]["format"][0]
    assert api.get("/api/v1/offers/?format=udgaaende").status_code == 400


def test_error_messages_follow_accept_language(network):  # noqa: F811
    danish = Client(HTTP_ACCEPT="application/json").get("/api/v1/offers/?radius=abc&subjet=x&grade=11-klasse")
    english = Client(HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en").get(
        "/api/v1/offers/?radius=abc&subjet=x&grade=11-klasse"
    )
    assert danish.status_code == english.status_code == 400
    assert danish.json()["errors"]["radius"] != english.json()["errors"]["radius"]
    assert "kilometres" in english.json()["errors"]["radius"][0]
    assert "Did you mean 'subject'?" in english.json()["errors"]["subjet"][0]
    assert "Unknown grade" in english.json()["errors"]["grade"][0]
    assert english["Content-Language"] == "en" and "Accept-Language" in english["Vary"]
    assert "Afstanden" in danish.json()["errors"]["radius"][0]


def test_the_schema_carries_the_api_version_and_the_new_parameters(api):
    schema = yaml.safe_load(api.get("/api/schema/").content)
    assert schema["info"]["version"] == API_VERSION == "1.1.0"
    names = {parameter["name"] for parameter in schema["paths"]["/api/v1/offers/"]["get"]["parameters"]}
    assert {"delivery", "format", "grade"} <= names
    format_parameter = next(
        parameter
        for parameter in schema["paths"]["/api/v1/offers/"]["get"]["parameters"]
        if parameter["name"] == "format"
    )
    assert set(format_parameter["schema"]["enum"]) == {"json", "geojson"}
