"""geocode() and search_point(): the cache, bad input, coordinates typed into the search box."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maps.geocoding import AddressNotFound, geocode, search_point
from maps.models import GeocodeCache

pytestmark = pytest.mark.django_db


def test_a_geocoded_query_is_stored_under_its_normalised_form():
    geocode("  Moesgård Allé 15,   8270 HØJBJERG ")

    entry = GeocodeCache.objects.get()
    assert (entry.query, entry.backend, entry.municipality_code) == (
        "moesgård allé 15, 8270 højbjerg",
        "gazetteer",
        751,
    )


def test_the_same_query_in_another_spelling_of_case_and_spaces_comes_from_the_cache():
    first = geocode("Moesgård Allé 15, 8270 Højbjerg")
    second = geocode("moesgård allé 15,8270 højbjerg")

    assert (first.from_cache, second.from_cache) == (False, True)
    assert (second.latitude, second.longitude, second.municipality_code) == (
        first.latitude,
        first.longitude,
        first.municipality_code,
    )
    assert GeocodeCache.objects.count() == 1


def test_an_expired_cache_entry_is_looked_up_again(settings):
    settings.GEOCODE_CACHE_DAYS = 30
    geocode("8000 Aarhus C")
    GeocodeCache.objects.update(created_at=timezone.now() - timedelta(days=31))

    assert geocode("8000 Aarhus C").from_cache is False
    assert GeocodeCache.objects.get().created_at > timezone.now() - timedelta(minutes=1)


def test_use_cache_false_neither_reads_nor_writes_the_cache():
    geocode("2100", use_cache=False)
    assert not GeocodeCache.objects.exists()


def test_a_different_backend_does_not_reuse_another_backends_answer(settings):
    geocode("8000 Aarhus C")
    settings.GEOCODER = "maps.geocoding.gazetteer.GazetteerGeocoder"

    assert geocode("8000 Aarhus C").from_cache is False
    assert GeocodeCache.objects.count() == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Skriv en adresse"),
        ("   ", "Skriv en adresse"),
        ("x" * 10_000, "for lang"),
        ("🏛️🦁🐟", "ikke finde adressen"),
        ("'; DROP TABLE directory_learningenvironment;--", "ikke finde adressen"),
        ("<script>alert(1)</script>", "ikke finde adressen"),
        ("Berlin, Germany", "ikke finde adressen"),
        ("10 Downing Street London", "ikke finde adressen"),
        ("Vestergade 5\x00, 8000 Aarhus C", "ikke finde adressen"),
    ],
)
def test_bad_input_raises_address_not_found_with_a_danish_message(query, message):
    with pytest.raises(AddressNotFound) as raised:
        geocode(query)
    assert message in str(raised.value)
    assert not GeocodeCache.objects.exists()


@pytest.mark.parametrize("value", [None, 2100, ["2100"]])
def test_a_query_that_is_not_text_is_not_found(value):
    with pytest.raises(AddressNotFound):
        geocode(value)


@pytest.mark.parametrize(
    ("text", "municipality", "precision"),
    [
        ("2100", 101, "postcode"),
        ("8000 Aarhus C", 751, "postcode"),
        ("Aarhus", 751, "town"),
        ("Vestergade 5, Odense", 461, "town"),
        ("56.15,10.2", 751, "address"),
        ("55.6761; 12.5683", 101, "address"),
        ("57.0488 9.9217", 851, "address"),
    ],
)
def test_search_point_turns_what_a_teacher_types_into_a_point(text, municipality, precision):
    result = search_point(text)
    assert (result.municipality_code, result.precision) == (municipality, precision)


def test_search_point_takes_a_coordinate_pair_as_latitude_then_longitude():
    result = search_point("56.15,10.2")
    assert (result.latitude, result.longitude, result.source) == (56.15, 10.2, "coordinates")


@pytest.mark.parametrize("text", ["48.8,2.3", "10.2,56.15", "91,10", "55.6,13.0"])
def test_search_point_refuses_coordinates_outside_denmark(text):
    with pytest.raises(AddressNotFound) as raised:
        search_point(text)
    assert "uden for Danmark" in str(raised.value)
