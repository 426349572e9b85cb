"""A hanging online geocoder costs one short timeout, then the gazetteer answers at once."""

import time

import pytest

from maps.geocoding import geocode

pytestmark = pytest.mark.django_db

ADDRESSES = ["8000 Aarhus C", "5000 Odense C", "9000 Aalborg", "2100 København Ø", "6700 Esbjerg"]


def test_after_a_timeout_the_geocoder_rests_and_saves_do_not_wait(nominatim, settings):
    settings.GEOCODER_COOLDOWN_SECONDS = 60
    nominatim.mode, nominatim.delay = "slow", 5.0

    started = time.perf_counter()
    first = geocode("Moesgård Allé 15, 8270 Højbjerg", use_cache=False)
    first_wait = time.perf_counter() - started
    assert first.source == "nominatim→gazetteer (fallback: timeout)"
    assert first_wait < 2.0  # the configured 0.5 s, not the server's 5 s

    started = time.perf_counter()
    rest = [geocode(address, use_cache=False) for address in ADDRESSES]
    assert time.perf_counter() - started < 1.0
    assert {result.source for result in rest} == {"nominatim→gazetteer (fallback: unavailable)"}
    assert len(nominatim.searches()) == 1  # nobody else was sent to the hanging server


def test_the_geocoder_is_asked_again_after_the_cooldown(nominatim, settings):
    settings.GEOCODER_COOLDOWN_SECONDS = 0.3
    nominatim.mode = "error"
    recorded = "Moesgård Allé 15, 8270 Højbjerg"
    assert geocode(recorded, use_cache=False).source == "nominatim→gazetteer (fallback: error)"
    nominatim.mode = "replay"
    assert geocode(recorded, use_cache=False).source == "nominatim→gazetteer (fallback: unavailable)"
    time.sleep(0.4)
    assert geocode(recorded, use_cache=False).source == "nominatim"
    assert len(nominatim.searches()) == 2


def test_without_options_an_online_geocoder_waits_at_most_geocoder_timeout(settings, nominatim_server):
    settings.GEOCODER = "nominatim"
    settings.GEOCODER_OPTIONS = {"domain": nominatim_server.domain, "scheme": "http"}
    settings.GEOCODER_TIMEOUT = 0.4
    nominatim_server.mode, nominatim_server.delay = "slow", 5.0
    started = time.perf_counter()
    result = geocode("8000 Aarhus C", use_cache=False)
    assert time.perf_counter() - started < 2.0
    assert result.source == "nominatim→gazetteer (fallback: timeout)"
