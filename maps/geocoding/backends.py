"""Choose the geocoder from settings: GEOCODER ("gazetteer", "nominatim" or a dotted geopy class
path) and GEOCODER_OPTIONS (keyword arguments for it). Switching provider needs only settings.

An online geocoder is wrapped in a ChainGeocoder that falls back to the offline gazetteer on
timeout, error or no result (GEOCODER_FALLBACK, on by default) and says so in `raw["source"]`.
"""

import json
import logging
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from geopy.exc import GeocoderQueryError, GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from maps.geocoding.gazetteer import GazetteerGeocoder
from maps.geocoding.geography import in_denmark

logger = logging.getLogger(__name__)

NOMINATIM_MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request per second
# What Nominatim calls a place, mapped to our precision scale.
NOMINATIM_PRECISION = {
    "house": "address",
    "building": "address",
    "amenity": "address",
    "tourism": "address",
    "leisure": "address",
    "historic": "address",
    "office": "address",
    "shop": "address",
    "road": "street",
    "street": "street",
    "postcode": "postcode",
    "suburb": "town",
    "quarter": "town",
    "neighbourhood": "town",
    "city_district": "town",
    "city": "town",
    "town": "town",
    "village": "town",
    "hamlet": "town",
    "isolated_dwelling": "town",
    "municipality": "municipality",
    "county": "municipality",
}


class ChainGeocoder(Geocoder):
    """Ask `primary`; on timeout, error, no answer or an answer outside Denmark ask `fallback`."""

    def __init__(self, primary, fallback: Geocoder, *, primary_name: str, fallback_name: str = "gazetteer"):
        super().__init__()
        self.primary, self.fallback = primary, fallback
        self.primary_name, self.fallback_name = primary_name, fallback_name

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        reason = "no result"
        try:
            location = self.primary(query)
        except GeocoderTimedOut:
            logger.warning("Geocoder %s timed out for %r; falling back", self.primary_name, query)
            location, reason = None, "timeout"
        except (GeopyError, OSError) as error:  # an HTTP 500, a refused connection, a bad answer
            logger.warning("Geocoder %s failed for %r (%s); falling back", self.primary_name, query, error)
            location, reason = None, "error"
        if location is not None and not in_denmark(location.latitude, location.longitude):
            location, reason = None, "outside Denmark"
        if location is not None:
            return _with_source(location, self.primary_name)
        if self.fallback is None:
            return None
        found = self.fallback.geocode(query)
        source = f"{self.primary_name}→{self.fallback_name} (fallback: {reason})"
        return _with_source(found, source) if found is not None else None


def _with_source(location: Location, source: str) -> Location:
    raw = dict(location.raw or {})
    raw["source"] = source
    raw.setdefault("precision", _precision(raw))
    return Location(location.address, (location.latitude, location.longitude), raw)


def _precision(raw: dict) -> str:
    if raw.get("address", {}).get("house_number"):
        return "address"
    kind = raw.get("addresstype") or raw.get("type") or raw.get("class") or ""
    return NOMINATIM_PRECISION.get(kind, "address")


def _nominatim(options: dict):
    options = {"user_agent": f"{settings.SITE_NAME} ({settings.SITE_URL})", **options}
    geocoder = Nominatim(**options)
    limited = RateLimiter(
        geocoder.geocode,
        min_delay_seconds=NOMINATIM_MIN_DELAY_SECONDS,
        max_retries=0,
        swallow_exceptions=False,
    )

    def lookup(query: str):
        return limited(query, exactly_one=True, country_codes="dk", addressdetails=True)

    return lookup


@cache
def _build(name: str, options_json: str, fallback: bool) -> Geocoder:
    options = json.loads(options_json)
    if name in ("gazetteer", f"{GazetteerGeocoder.__module__}.GazetteerGeocoder"):
        return GazetteerGeocoder(**options)
    if name == "nominatim":
        lookup = _nominatim(options)
    else:
        lookup = import_string(name)(**options).geocode
    return ChainGeocoder(lookup, GazetteerGeocoder() if fallback else None, primary_name=name)


def backend_name() -> str:
    return settings.GEOCODER


def get_geocoder() -> Geocoder:
    """The configured geocoder (built once per configuration, so the rate limiter holds)."""
    options = json.dumps(settings.GEOCODER_OPTIONS or {}, sort_keys=True)
    return _build(settings.GEOCODER, options, settings.GEOCODER_FALLBACK)


def lookup(query: str) -> Location | None:
    try:
        location = get_geocoder().geocode(query)
    except GeocoderQueryError:
        return None
    if location is not None and "source" not in location.raw:
        location = _with_source(location, backend_name())
    return location
