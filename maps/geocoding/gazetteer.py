"""The offline gazetteer: a geopy Geocoder over Danish postcodes, towns and municipalities.

It knows no streets, so "Moesgård Allé 15, 8270 Højbjerg" resolves to the postal district
(precision "postcode") and "Vestergade 5, Odense" to the town (precision "town"). The postcode
is trusted over the words around it, because it is what people get right most often.
"""

import re

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from maps.geocoding.data import Place, tables
from maps.geocoding.geography import distance_km
from maps.geocoding.text import loose_key

POSTCODE = re.compile(r"(?<![\d.])(?:dk-?)?(\d{4})(?![\d.])", re.IGNORECASE)
COUNTRY_WORDS = {"danmark", "denmark", "dk", "danemark"}
# A last part naming another country means the place is not in Denmark, whatever else matches.
FOREIGN_COUNTRIES = {
    "germany",
    "deutschland",
    "tyskland",
    "sweden",
    "sverige",
    "norway",
    "norge",
    "england",
    "uk",
    "united kingdom",
    "france",
    "frankrig",
    "poland",
    "polen",
    "netherlands",
    "holland",
    "usa",
}
LONGEST_NAME_WORDS = 4


def _most_likely(places: list[Place]) -> Place:
    """Repeated names (two Frederiksbergs, three Ejbys): the largest place is the likelier meaning."""
    return max(places, key=lambda place: place.population)


class GazetteerGeocoder(Geocoder):
    """geopy-compatible, offline. `raw` carries precision and municipality_code."""

    name = "gazetteer"

    def __init__(self, *, timeout=None, **kwargs):
        super().__init__(timeout=timeout, **kwargs)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        place = self.find(str(query))
        if place is None:
            return None
        location = _location(place)
        return location if exactly_one else [location]

    def reverse(self, query, *, exactly_one: bool = True, timeout=None):
        """The nearest town to a (lat, lng) pair."""
        lat, lng = (
            float(value) for value in (query if isinstance(query, tuple | list) else query.split(","))
        )
        towns = (place for places in tables().towns.values() for place in places)
        place = min(towns, key=lambda town: distance_km(lat, lng, town.latitude, town.longitude))
        location = _location(place)
        return location if exactly_one else [location]

    def find(self, query: str) -> Place | None:
        parts = [part for part in (loose_key(p) for p in query.split(",")) if part]
        parts = [part for part in parts if part not in COUNTRY_WORDS]
        if not parts or parts[-1] in FOREIGN_COUNTRIES:
            return None
        return self._by_postcode(query) or self._by_name(parts)

    def _by_postcode(self, query: str) -> Place | None:
        postcodes = tables().postcodes
        for match in reversed(list(POSTCODE.finditer(query))):
            if match.group(1) in postcodes:
                return postcodes[match.group(1)]
        return None

    def _by_name(self, parts: list[str]) -> Place | None:
        """The last part that names a place wins ("Vestergade 5, Odense" -> Odense)."""
        for part in reversed(parts):
            words = [word for word in part.split() if not any(ch.isdigit() for ch in word)]
            if not words:
                continue
            # The whole part first, then its trailing words ("Bakkevej 3 Odense" -> "odense").
            for length in range(min(len(words), LONGEST_NAME_WORDS), 0, -1):
                key = " ".join(words[-length:])
                if length < len(words) and len(key) < 3:
                    continue  # "ry", "by" inside a longer phrase are words, not towns
                place = self._name(key)
                if place:
                    return place
        return None

    def _name(self, key: str) -> Place | None:
        data = tables()
        for index in (data.towns, data.districts, data.alternates):
            if key in index:
                return _most_likely(index[key])
        return data.municipalities.get(key)


def _location(place: Place) -> Location:
    raw = {
        "name": place.name,
        "precision": place.precision,
        "municipality_code": place.municipality_code,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }
    return Location(place.label, (place.latitude, place.longitude), raw)
