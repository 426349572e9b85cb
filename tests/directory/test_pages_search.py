"""The search page (front page) without JavaScript: the GET form, the list, pagination, errors."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from directory.models import Category, Grade, Language, Offer, Subject
from directory.models.offers import months_to_mask
from maps.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def danish():
    """Start each test in Danish: a request to /en/ leaves English active in the test
    thread, and reverse() in the next test would then build /en/ URLs."""
    with translation.override("da"):
        yield


HOSTILE = "<img src=x onerror=alert(1)>"


def titles(response) -> list[str]:
    html = response.content.decode()
    items = re.findall(r'<li class="result".*?<h3><a href="[^"]+">(.*?)</a></h3>', html, re.S)
    return items


def search(client, **params):
    return client.get(reverse("directory:search"), params)


@pytest.fixture
def places(aarhus, copenhagen):
    """Places around Aarhus C at growing distances, and one in Copenhagen."""
    make = factories.EnvironmentFactory
    return {
        "museum": make(
            name="Naturhistorisk Museum", latitude=56.1629, longitude=10.2039, municipality=aarhus
        ),
        "forest": make(name="Skovskolen", latitude=56.2300, longitude=10.1200, municipality=aarhus),
        "copenhagen": make(
            name="Zoologisk Have",
            latitude=55.6725,
            longitude=12.5213,
            municipality=copenhagen,
            category=Category.objects.get(slug="zoo-akvarium"),
        ),
    }


def test_front_page_shows_the_form_with_a_label_for_every_field_and_all_published_offers(client, places):
    factories.OfferFactory(title="Offentligt", environments=[places["museum"]])
    factories.OfferFactory(title="Kladde", environments=[places["museum"]], status=Offer.Status.DRAFT)
    response = search(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Offentligt"]
    for field in ["near", "radius", "subject", "grade", "category", "month", "q", "ordering", "free"]:
        assert f'<label for="id_{field}">' in html, field
    assert 'name="delivery"' in html and "<legend>Form</legend>" in html


def test_search_by_postcode_lists_offers_within_the_radius_nearest_first_with_distances(client, places):
    factories.OfferFactory(title="I skoven", environments=[places["forest"]])
    factories.OfferFactory(title="På museet", environments=[places["museum"]])
    factories.OfferFactory(title="I København", environments=[places["copenhagen"]])
    response = search(client, near="8000 Aarhus C", radius="25")
    html = response.content.decode()
    assert titles(response) == ["På museet", "I skoven"]
    summary = " ".join(re.search(r'id="results-summary"[^>]*>(.*?)</p>', html, re.S).group(1).split())
    assert re.search(r"2 tilbud</span> <span[^>]*>inden for 25 km fra 8000 Aarhus C", summary), summary
    assert re.search(r'class="result__distance">\d', html)


def test_every_filter_narrows_the_list(client, places):
    biology = Subject.objects.get(slug="biologi")
    history = Subject.objects.get(slug="historie")
    museum = places["museum"]
    factories.OfferFactory(
        title="Alt passer",
        subjects=[biology],
        environments=[museum],
        format=Offer.Format.ON_SITE,
        price_dkk=0,
        months=months_to_mask([5]),
        summary="Frøer og tudser",
        languages=[Language.objects.get(code="en")],
    )
    factories.OfferFactory(title="Forkert fag", subjects=[history], environments=[museum])
    factories.OfferFactory(
        title="Forkert klassetrin",
        environments=[museum],
        grade_from=Grade.objects.get(slug="8-klasse"),
        grade_to=Grade.objects.get(slug="9-klasse"),
    )
    factories.OfferFactory(title="Forkert form", environments=[museum], format=Offer.Format.DIGITAL)
    factories.OfferFactory(title="Koster penge", environments=[museum], price_dkk=500)
    factories.OfferFactory(title="Kun i december", environments=[museum], months=months_to_mask([12]))
    factories.OfferFactory(title="Forkert kategori", environments=[places["copenhagen"]])
    cases = {
        "subject": ("biologi", {"Forkert fag"}),
        "grade": ("5-klasse", {"Forkert klassetrin"}),
        "delivery": ("paa-stedet", {"Forkert form"}),
        "free": ("true", {"Koster penge"}),
        "month": ("5", {"Kun i december"}),
        "category": ("museum", {"Forkert kategori"}),
        "municipality": ("751", {"Forkert kategori"}),
        "q": ("tudser", {"Forkert fag", "Forkert klassetrin", "Forkert form", "Koster penge"}),
        "language": ("en", {"Forkert fag", "Forkert klassetrin", "Forkert form", "Koster penge"}),
        "bbox": ("10.0,56.0,10.5,56.3", {"Forkert kategori"}),
    }
    everything = set(titles(search(client)))
    for name, (value, excluded) in cases.items():
        shown = set(titles(search(client, **{name: value})))
        assert "Alt passer" in shown, name
        assert not shown & excluded, name
        assert shown < everything, name


def test_the_form_keeps_the_chosen_values(client, places):
    html = search(
        client, near="8000", subject="biologi", grade="5-klasse", month="5", free="true"
    ).content.decode()
    assert 'name="near" id="id_near" value="8000"' in html
    assert '<option value="biologi" selected>' in html
    assert '<option value="5-klasse" selected>' in html
    assert '<option value="5" selected>' in html
    assert 'id="id_free" checked' in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"radius": "abc"}, "radius", "Afstanden skal være et tal i kilometer"),
        ({"radius": "9999"}, "radius", "Afstanden kan højst være 500"),
        ({"month": "13"}, "month", "Måneden skal være et tal fra 1 til 12."),
        ({"subject": "alkymi"}, "subject", "Ukendt fag eller tema"),
        ({"grade": "11-klasse"}, "grade", "Ukendt klassetrin"),
        ({"category": "rumstation"}, "category", "Ukendt kategori: &#x27;rumstation&#x27;."),
        ({"delivery": "teleport"}, "delivery", "Ukendt form"),
        ({"municipality": "9999"}, "municipality", "Ukendt kommune: &#x27;9999&#x27;."),
        ({"language": "xx"}, "language", "Ukendt sprog: &#x27;xx&#x27;."),
        ({"free": "måske"}, "free", "Skriv true eller false."),
        ({"bbox": "1,2,3"}, "bbox", "Kortudsnittet skal være fire tal"),
        ({"ordering": "tilfældig"}, "ordering", "Ukendt sortering"),
        ({"page": "nul"}, "page", "Siden skal være et helt tal."),
        ({"near": "Atlantis 99999"}, "near", "Vi kunne ikke finde"),
        ({"near": "91,200"}, "near", "Breddegraden skal ligge mellem -90 og 90."),
    ],
)
def test_bad_input_gives_the_page_with_a_message_next_to_the_field(client, params, field, message):
    response = search(client, **params)
    html = response.content.decode()
    assert response.status_code == 200
    error = re.search(rf'<div class="field-error" id="id_{field}-error">(.*?)</div>', html, re.S)
    assert error, f"no error next to {field}"
    assert message in error.group(1)
    assert 'role="alert"' in html  # the summary at the top links to the message


def test_hostile_query_strings_are_escaped_in_the_refilled_form(client):
    html = search(client, near='"><script>alert(1)</script>', q=HOSTILE).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_provider_name_with_html_is_escaped_in_the_list_and_in_the_map_data(client, places):
    organisation = factories.OrganisationFactory(name=HOSTILE, slug="hostile")
    factories.OfferFactory(organisation=organisation, title=HOSTILE, environments=[places["museum"]])
    html = search(client).content.decode()
    assert HOSTILE not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 2
    config = re.search(r'<script id="search-config" type="application/json">(.*?)</script>', html, re.S)
    assert "<img" not in config.group(1)
    assert json.loads(config.group(1))["places"][0]["organisation"] == HOSTILE


def test_results_are_paginated_with_links_that_keep_the_filters(client, places):
    for number in range(23):
        factories.OfferFactory(title=f"Forløb {number:02d}", environments=[places["museum"]])
    first = search(client, subject="biologi")
    html = first.content.decode()
    assert len(titles(first)) == 20
    assert "Side 1 af 2" in html
    assert 'href="?subject=biologi&amp;page=2"' in html
    second = search(client, subject="biologi", page="2")
    assert titles(second) == ["Forløb 20", "Forløb 21", "Forløb 22"]
    beyond = search(client, subject="biologi", page="9")
    assert beyond.status_code == 200
    assert "Siden findes ikke: der er 2 sider." in beyond.content.decode()


def test_the_map_gets_its_data_and_tile_settings_through_json_script(client, places, settings):
    factories.OfferFactory(title="På museet", environments=[places["museum"]])
    html = search(client, near="8000").content.decode()
    config = json.loads(
        re.search(r'<script id="search-config" type="application/json">(.*?)</script>', html, re.S)[1]
    )
    assert config["map"]["tiles"]["url"] == settings.LEAFLET_CONFIG["TILES"][0][1]
    assert config["point"]["lat"] == pytest.approx(56.15, abs=0.05)
    assert config["places"][0]["name"] == "Naturhistorisk Museum"
    assert config["apiUrl"] == "/api/v1/offers/"
    assert "<script>" not in html.split('id="search-config"')[0].split("</form>")[-1]


def test_a_page_url_and_an_api_url_differ_only_in_their_path(client, places):
    factories.OfferFactory(title="På museet", environments=[places["museum"]])
    factories.OfferFactory(title="I skoven", environments=[places["forest"]])
    query = "near=8000&radius=25&subject=biologi"
    page_titles = titles(client.get(f"/?{query}"))
    api = client.get(f"/api/v1/offers/?{query}", HTTP_ACCEPT="application/json").json()
    assert page_titles == [offer["title"] for offer in api["results"]]


def test_the_language_switch_moves_between_danish_and_english_and_keeps_the_query(client):
    to_english = client.post("/i18n/setlang/", {"language": "en", "next": "/?subject=biologi"})
    assert to_english["Location"] == "/en/?subject=biologi"
    english = client.get("/en/?subject=biologi").content.decode()
    assert '<html lang="en">' in english
    assert "Find teaching outside the school" in english
    assert 'name="next" type="hidden" value="/?subject=biologi"' in english
    to_danish = client.post("/i18n/setlang/", {"language": "da", "next": "/?subject=biologi"})
    assert to_danish["Location"] == "/?subject=biologi"
    assert '<html lang="da">' in client.get("/?subject=biologi").content.decode()


def test_municipality_search_link_uses_the_municipality_code(client, aarhus):
    html = client.get(reverse("directory:municipality_detail", kwargs={"slug": "aarhus"})).content.decode()
    assert f'href="/?municipality={aarhus.code}"' in html
    assert Municipality.objects.get(slug="aarhus") == aarhus
