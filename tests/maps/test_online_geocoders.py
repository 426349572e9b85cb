"""Nominatim and the fallback chain over real HTTP, against a local server replaying answers."""

import pytest

from maps.geocoding import AddressNotFound, geocode, geocode_candidates
from maps.models import GeocodeCache

pytestmark = pytest.mark.django_db


def test_nominatim_places_an_address_at_address_precision(nominatim):
    result = geocode("Moesgård Allé 15, 8270 Højbjerg")

    assert (result.source, result.precision, result.municipality_code, result.region_code) == (
        "nominatim",
        "address",
        751,
        1082,
    )
    assert (result.latitude, result.longitude) == pytest.approx((56.0884395, 10.224672), abs=1e-6)
    assert result.label.startswith("Moesgaard Museum")


def test_nominatim_is_asked_for_danish_results_with_the_sites_user_agent(nominatim, settings):
    geocode("Moesgård Allé 15, 8270 Højbjerg")

    request = nominatim.requests[0]
    assert request["params"]["countrycodes"] == "dk"
    assert settings.SITE_NAME in request["agent"]


def test_a_street_answer_is_recorded_at_street_precision(nominatim):
    result = geocode("Vestergade, Odense")
    assert (result.precision, result.municipality_code) == ("street", 461)


def test_a_second_lookup_is_answered_from_the_cache_without_a_request(nominatim):
    geocode("Moesgård Allé 15, 8270 Højbjerg")
    again = geocode("Moesgård Allé 15, 8270 Højbjerg")

    assert again.from_cache is True
    assert again.source == "nominatim"
    assert len(nominatim.searches()) == 1


def test_a_timeout_falls_back_to_the_gazetteer_and_says_so(nominatim, caplog):
    nominatim.mode = "slow"

    result = geocode("Moesgård Allé 15, 8270 Højbjerg")

    assert result.source == "nominatim→gazetteer (fallback: timeout)"
    assert (result.precision, result.municipality_code) == ("postcode", 751)
    assert "timed out" in caplog.text


def test_a_server_error_falls_back_to_the_gazetteer_and_says_so(nominatim):
    nominatim.mode = "error"

    result = geocode("8000 Aarhus C")

    assert result.source == "nominatim→gazetteer (fallback: error)"
    assert result.municipality_code == 751
    assert len(nominatim.searches()) == 1


def test_no_result_online_falls_back_to_the_gazetteer(nominatim):
    result = geocode("Den Gamle By, Viborgvej 2, 8000 Aarhus C")
    assert result.source == "nominatim→gazetteer (fallback: no result)"


def test_an_online_answer_outside_denmark_is_never_used(nominatim):
    with pytest.raises(AddressNotFound):
        geocode("Flensburg")
    assert nominatim.searches() == ["flensburg"]
    assert not GeocodeCache.objects.exists()


def test_without_fallback_a_timeout_is_address_not_found(nominatim, settings):
    settings.GEOCODER_FALLBACK = False
    nominatim.mode = "slow"

    with pytest.raises(AddressNotFound):
        geocode("8000 Aarhus C")


def test_any_geopy_class_can_be_configured_by_its_dotted_path(settings, nominatim_server):
    settings.GEOCODER = "geopy.geocoders.Nominatim"
    settings.GEOCODER_OPTIONS = {
        "user_agent": "laeringsmiljoer-test",
        "domain": nominatim_server.domain,
        "scheme": "http",
        "timeout": 0.5,
    }

    result = geocode("Moesgård Allé 15, 8270 Højbjerg")

    assert (result.source, result.municipality_code) == ("geopy.geocoders.Nominatim", 751)
    assert nominatim_server.requests[0]["agent"] == "laeringsmiljoer-test"


def test_requests_to_nominatim_are_spaced_at_least_a_second_apart(nominatim):
    geocode("Moesgård Allé 15, 8270 Højbjerg")
    geocode("Vestergade, Odense")

    # The limiter spaces the calls' starts by 1 s; arrival at the server adds a little jitter
    # either way, and without the limiter the gap would be a few milliseconds.
    first, second = (request["at"] for request in nominatim.requests)
    assert second - first >= 0.7


def test_online_candidates_list_the_geocoders_answers_in_denmark(nominatim):
    # The "frederiksberg" answer in recordings/ is written by hand in Nominatim's format: the
    # municipality and the village by Sorø, as Nominatim lists them for a search of that name.
    candidates = geocode_candidates("Frederiksberg")

    assert [(c.municipality_code, c.match, c.source) for c in candidates] == [
        (147, "geocoder", "nominatim"),
        (340, "geocoder", "nominatim"),
    ]
    assert candidates[1].description == "Frederiksberg, Sorø Kommune, Region Sjælland, 4180, Danmark"
    request = nominatim.requests[0]["params"]
    assert (request["limit"], request["countrycodes"]) == ("5", "dk")


def test_online_candidates_fall_back_to_the_gazetteers_and_say_so(nominatim):
    nominatim.mode = "slow"

    candidates = geocode_candidates("Gellerup")

    assert {c.source for c in candidates} == {"nominatim→gazetteer (fallback: timeout)"}
    assert [(c.municipality_code, c.match) for c in candidates[:2]] == [(751, "name"), (657, "similar name")]


def test_an_ambiguous_fallback_answer_says_both(nominatim):
    nominatim.mode = "error"

    result = geocode("Hasle")

    assert result.source == "nominatim→gazetteer (fallback: error) (ambiguous)"
    assert result.ambiguous
