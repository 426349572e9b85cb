"""Choose the geocoder from settings: GEOCODER ("gazetteer", "nominatim" or a dotted geopy class
path) and GEOCODER_OPTIONS (keyword arguments for it). Switching provider needs only settings.

An online geocoder is wrapped in a ChainGeocoder that falls back to the offline gazetteer on
timeout, error or no result (GEOCODER_FALLBACK, on by default) and says so in `raw["source"]`.
"""

import json
import logging
import time
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderQueryError, GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from maps.geocoding.gazetteer import GazetteerGeocoder
from maps.geocoding.geography import in_denmark
from maps.geocoding.results import AMBIGUOUS

logger = logging.getLogger(__name__)

NOMINATIM_MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request per second
CANDIDATE_LIMIT = 5
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
        # A circuit breaker: after a timeout or an error the primary is left alone for
        # GEOCODER_COOLDOWN_SECONDS, so a hanging geocoder costs one timeout, not one per save
        # or search (each would wait the full timeout, and the rate limiter queues them).
        self.resting_until = 0.0

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        locations, reason = self._ask_primary(query, exactly_one=True)
        if locations:
            return _with_source(locations[0], self.primary_name)
        if self.fallback is None:
            return None
        found = self.fallback.geocode(query)
        return _with_source(found, self._fallback_source(reason)) if found is not None else None

    def candidates(self, query: str, *, limit: int = CANDIDATE_LIMIT) -> list[Location]:
        """The primary's answers in Denmark (several, where it gives several), else the fallback's."""
        locations, reason = self._ask_primary(query, exactly_one=False)
        if locations:
            return [
                _with_source(location, self.primary_name, match="geocoder") for location in locations[:limit]
            ]
        if self.fallback is None:
            return []
        source = self._fallback_source(reason)
        return [_with_source(found, source) for found in self.fallback.candidates(query, limit=limit)]

    def _ask_primary(self, query: str, *, exactly_one: bool) -> tuple[list[Location], str]:
        """(answers inside Denmark, why there are none)."""
        if time.monotonic() < self.resting_until:
            return [], "unavailable"
        try:
            answer = self.primary(query) if exactly_one else self.primary(query, exactly_one=False)
        except GeocoderTimedOut:
            logger.warning("Geocoder %s timed out for %r; falling back", self.primary_name, query)
            self._rest()
            return [], "timeout"
        except (GeopyError, OSError) as error:  # an HTTP 500, a refused connection, a bad answer
            logger.warning("Geocoder %s failed for %r (%s); falling back", self.primary_name, query, error)
            self._rest()
            return [], "error"
        answers = [answer] if isinstance(answer, Location) else list(answer or [])
        inside = [location for location in answers if in_denmark(location.latitude, location.longitude)]
        return inside, "no result" if len(inside) == len(answers) else "outside Denmark"

    def _rest(self) -> None:
        cooldown = settings.GEOCODER_COOLDOWN_SECONDS
        if cooldown > 0:
            self.resting_until = time.monotonic() + cooldown
            logger.warning("Geocoder %s is left alone for %s s", self.primary_name, cooldown)

    def _fallback_source(self, reason: str) -> str:
        return f"{self.primary_name}→{self.fallback_name} (fallback: {reason})"


def _with_source(location: Location, source: str, *, match: str | None = None) -> Location:
    raw = dict(location.raw or {})
    raw["source"] = source + (AMBIGUOUS if raw.get("ambiguous") else "")
    raw.setdefault("precision", _precision(raw))
    if match:
        raw["match"] = match
    return Location(location.address, (location.latitude, location.longitude), raw)


def _precision(raw: dict) -> str:
    if raw.get("address", {}).get("house_number"):
        return "address"
    kind = raw.get("addresstype") or raw.get("type") or raw.get("class") or ""
    return NOMINATIM_PRECISION.get(kind, "address")


def _nominatim(options: dict):
    # The standard library's adapter, whichever HTTP packages are installed: geopy prefers
    # requests when present, whose adapter retries a read timeout twice (three waits before the
    # fallback, on a save) and reports it as "unavailable" rather than as a timeout.
    options = {
        "user_agent": f"{settings.SITE_NAME} ({settings.SITE_URL})",
        "adapter_factory": URLLibAdapter,
        "timeout": settings.GEOCODER_TIMEOUT,  # a save or a search waits this long at most
        **options,
    }
    geocoder = Nominatim(**options)
    limited = RateLimiter(
        geocoder.geocode,
        min_delay_seconds=NOMINATIM_MIN_DELAY_SECONDS,
        max_retries=0,
        swallow_exceptions=False,
    )

    def lookup(query: str, exactly_one: bool = True):
        limit = {} if exactly_one else {"limit": CANDIDATE_LIMIT}
        return limited(query, exactly_one=exactly_one, country_codes="dk", addressdetails=True, **limit)

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


def candidates(query: str, *, limit: int = CANDIDATE_LIMIT) -> list[Location]:
    """Several places the text may mean, from the configured geocoder (the gazetteer offline)."""
    geocoder = get_geocoder()
    try:
        found = geocoder.candidates(query, limit=limit)
    except GeocoderQueryError:
        return []
    return [
        location if "source" in location.raw else _with_source(location, backend_name()) for location in found
    ]


@cache
def _offline() -> GazetteerGeocoder:
    return GazetteerGeocoder()  # built once: geopy's base class sets up an HTTP adapter it never uses


def similar_names(query: str, *, limit: int = CANDIDATE_LIMIT) -> list[Location]:
    """The offline gazetteer's places spelled like the text, for a "did you mean" after a miss."""
    found = _offline().candidates(query, limit=limit)
    return [_with_source(location, GazetteerGeocoder.name) for location in found]
