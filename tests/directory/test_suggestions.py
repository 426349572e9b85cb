"""A search that finds nothing is never a dead end: why, the nearest offers beyond the
radius with their distance, a wider radius, and the filter whose removal finds the most.
What was understood is shown in words, never as coordinates."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from directory import suggestions
from directory.models import Subject
from directory.search.forms import OfferSearchForm
from maps.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


@pytest.fixture
def aarhus_offers():
    aarhus = Municipality.objects.get(code=751)
    biology, history = Subject.objects.get(slug="biologi"), Subject.objects.get(slug="historie")
    museum = factories.EnvironmentFactory(
        name="Museet", latitude=56.1629, longitude=10.2039, municipality=aarhus
    )
    forest = factories.EnvironmentFactory(
        name="Skoven", latitude=56.2300, longitude=10.1200, municipality=aarhus
    )
    return {
        "frogs": factories.OfferFactory(title="Frøer", subjects=[biology], environments=[museum]),
        "vikings": factories.OfferFactory(title="Vikinger", subjects=[history], environments=[museum]),
        "trees": factories.OfferFactory(title="Træer", subjects=[biology], environments=[forest]),
    }


def explain(query: str):
    data = QueryDict(query)
    form = OfferSearchForm(data=data)
    assert form.is_valid(), form.errors
    return suggestions.search_suggestions(query=data, params=form.cleaned_data)


def test_nothing_near_skagen_offers_the_nearest_beyond_the_radius_with_distance_and_a_wider_radius(
    aarhus_offers,
):
    found = explain("near=9990+Skagen&radius=25&subject=historie")
    assert [offer.title for offer in found.nearest] == ["Vikinger"]
    assert 150 < found.nearest[0].distance_km < 200
    assert found.wider.text == "Søg inden for 200 km" and found.wider.count == 1
    assert "radius=200" in found.wider.query and "subject=historie" in found.wider.query
    assert "25 km" in found.reason


def test_the_filter_to_drop_is_the_one_whose_removal_finds_the_most(aarhus_offers):
    found = explain("near=8000&subject=historie&grade=10-klasse")
    # Without the grade the history offer comes back (1); without the subject nothing does (grade).
    assert found.without_filter.text == "Fjern filteret “Klassetrin”"
    assert found.without_filter.count == 1
    assert "grade" not in QueryDict(found.without_filter.query)


def test_the_page_shows_the_ways_forward_as_links(client, aarhus_offers):
    response = client.get(reverse("directory:search"), {"near": "9990 Skagen", "subject": "historie"})
    html = response.content.decode()
    assert 'id="no-results"' in html
    assert re.search(r'<a href="/tilbud/[^"]+">Vikinger</a> – [^,]+, 1\d\d km væk', html)
    assert "Søg inden for 200 km</a> (1 tilbud)" in html


def test_coordinates_are_shown_as_the_nearest_town_never_as_numbers(client, aarhus_offers):
    response = client.get(reverse("directory:search"), {"near": "56.11800,10.19000"})
    summary = re.search(r'id="results-summary"[^>]*>(.*?)</p>', response.content.decode(), re.S).group(1)
    assert "din placering ved" in summary
    assert "56.118" not in summary


def test_a_search_with_results_names_what_it_applied(client, aarhus_offers):
    response = client.get(reverse("directory:search"), {"near": "8000", "subject": "biologi"})
    summary = " ".join(re.search(r'id="results-summary"[^>]*>(.*?)</p>', response.content.decode(), re.S)
                       .group(1).split())  # fmt: skip
    assert "inden for 25 km fra 8000 Aarhus C" in summary and "· Biologi" in summary
