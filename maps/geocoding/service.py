"""geocode(), search_point() and geocode_candidates(): validation, the database cache, and
municipality assignment."""

import math
import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from geopy.location import Location

from maps.geocoding import backends
from maps.geocoding.geography import in_denmark, municipality_name, region_of, reverse_municipality
from maps.geocoding.results import MAX_QUERY_LENGTH, AddressNotFound, GeocodeCandidate, GeocodeResult
from maps.geocoding.text import loose_key, normalise

COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def _validated(query) -> str:
    if not isinstance(query, str) or not query.strip():
        raise AddressNotFound.empty()
    if len(query) > MAX_QUERY_LENGTH:
        raise AddressNotFound.too_long()
    if "\x00" in query or not loose_key(query):  # only emoji or punctuation: nothing to look up
        raise AddressNotFound()
    return normalise(query)


def geocode(query: str, *, use_cache: bool = True) -> GeocodeResult:
    """Turn an address, postcode, town or municipality name into a point in Denmark.

    Raises AddressNotFound (with a Danish message) for empty, over-long or meaningless input, for
    places outside Denmark and when no geocoder finds it; when the text is spelled like known
    places ("Gelerup"), the message names them and `exc.candidates` holds them — a similar name
    is never taken in the text's place. A name that means several places gives the likeliest,
    with `result.ambiguous` set.
    """
    key = _validated(query)
    backend = backends.backend_name()
    if use_cache and (cached := _from_cache(key, backend)):
        return cached
    location = backends.lookup(key)
    if location is None:
        suggestions = [_candidate(found) for found in backends.similar_names(key)]
        raise AddressNotFound.with_suggestions(suggestions) if suggestions else AddressNotFound()
    if not in_denmark(location.latitude, location.longitude):
        raise AddressNotFound.outside_denmark()
    raw = location.raw
    municipality = raw.get("municipality_code") or reverse_municipality(location.latitude, location.longitude)
    result = GeocodeResult(
        latitude=round(location.latitude, 6),
        longitude=round(location.longitude, 6),
        precision=raw.get("precision", "address"),
        source=raw.get("source", backend)[:200],
        label=(location.address or "")[:300],
        municipality_code=municipality,
        region_code=region_of(municipality),
    )
    if use_cache:
        _store(key, backend, result)
    return result


def geocode_candidates(query: str, *, limit: int = backends.CANDIDATE_LIMIT) -> list[GeocodeCandidate]:
    """Every place the text may mean, best first, for a person to choose from: "Frederiksberg"
    gives Frederiksberg Kommune and the village by Sorø, "Gellerup" also the village Gjellerup,
    a misspelling the names it resembles. Empty when nothing comes near; raises AddressNotFound
    for empty, over-long or meaningless input. Not cached: a choice is asked for rarely."""
    key = _validated(query)
    found = (_candidate(location) for location in backends.candidates(key, limit=limit))
    return [candidate for candidate in found if in_denmark(candidate.latitude, candidate.longitude)]


def _candidate(location: Location) -> GeocodeCandidate:
    raw = location.raw
    municipality = raw.get("municipality_code") or reverse_municipality(location.latitude, location.longitude)
    return GeocodeCandidate(
        latitude=round(location.latitude, 6),
        longitude=round(location.longitude, 6),
        precision=raw.get("precision", "address"),
        source=raw.get("source", backends.backend_name())[:200],
        label=(location.address or "")[:300],
        municipality_code=municipality,
        region_code=region_of(municipality),
        municipality_name=municipality_name(municipality),
        match=raw.get("match", "geocoder"),
    )


def search_point(text: str) -> GeocodeResult:
    """What the search box and the API use: like geocode(), but "56.15,10.2" is taken as lat,lng."""
    if isinstance(text, str) and (match := COORDINATES.match(text)):
        latitude, longitude = float(match.group(1)), float(match.group(2))
        if not (math.isfinite(latitude) and math.isfinite(longitude)) or not in_denmark(latitude, longitude):
            raise AddressNotFound.outside_denmark()
        municipality = reverse_municipality(latitude, longitude)
        return GeocodeResult(
            latitude=latitude,
            longitude=longitude,
            precision="address",
            source="coordinates",
            label=gettext("Punkt %(lat).5f, %(lng).5f") % {"lat": latitude, "lng": longitude},
            municipality_code=municipality,
            region_code=region_of(municipality),
        )
    return geocode(text)


def _from_cache(key: str, backend: str) -> GeocodeResult | None:
    from maps.models import GeocodeCache

    fresh_since = timezone.now() - timedelta(days=settings.GEOCODE_CACHE_DAYS)
    entry = GeocodeCache.objects.filter(query=key, backend=backend, created_at__gte=fresh_since).first()
    if entry is None:
        return None
    return GeocodeResult(
        latitude=entry.latitude,
        longitude=entry.longitude,
        precision=entry.precision,
        source=entry.source,
        label=entry.label,
        municipality_code=entry.municipality_code,
        region_code=entry.region_code,
        from_cache=True,
    )


def _store(key: str, backend: str, result: GeocodeResult) -> None:
    from maps.models import GeocodeCache

    values = {
        "latitude": result.latitude,
        "longitude": result.longitude,
        "precision": result.precision,
        "source": result.source,
        "label": result.label,
        "municipality_code": result.municipality_code,
        "region_code": result.region_code,
    }
    try:
        with transaction.atomic():  # a savepoint: a concurrent writer of the same key must not break a save
            GeocodeCache.objects.update_or_create(query=key, backend=backend, defaults=values)
    except IntegrityError:
        pass
