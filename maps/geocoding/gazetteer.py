"""The offline gazetteer: a geopy Geocoder over Danish postcodes, towns, neighbourhoods and municipalities.

It knows no streets, so "Moesgård Allé 15, 8270 Højbjerg" resolves to the postal district
(precision "postcode") and "Vestergade 5, Odense" to the town (precision "town"). The postcode
is trusted over the words around it, because it is what people get right most often.

A name can mean several places (two Frederiksbergs, three Ejbys, Hasle on Bornholm and in
Aarhus): the answer is the likeliest one, flagged `ambiguous` with the others named. A name
that matches nothing exactly is never swapped for a similar one ("Gelerup" is not silently
Gellerup or Gjellerup): `candidates()` offers the similar names for a person to choose from.
"""

import difflib
import re
from dataclasses import dataclass
from functools import cache

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
# Short forms in addresses, as loose keys: "Kbh. K", "Kgs. Lyngby", "Sdr. Omme", "Nr. Snede",
# "Gl. Rye", "St. Heddinge", "Ll. Skensved". Tried only when the words as typed name nothing,
# because "Lem St" is a postal district of its own.
SHORT_FORMS = {
    "kbh": "kobenhavn",
    "kbhvn": "kobenhavn",
    "cph": "copenhagen",
    "kgs": "kongens",
    "frb": "frederiksberg",
    "frbg": "frederiksberg",
    "sdr": "sonder",
    "ndr": "nordre",
    "nr": "norre",
    "gl": "gammel",
    "st": "store",
    "ll": "lille",
}
SAME_PLACE_KM = 5  # a town and its postal district of the same name are one place, not a choice
SIMILAR_NAME_CUTOFF = 0.8  # difflib ratio: "gellerup"/"gjellerup" 0.94, "gelerup"/"gellerup" 0.93
SHORTEST_FUZZY_KEY = 4


@dataclass(frozen=True)
class Match:
    place: Place
    kind: str  # "postcode", "name" or "similar name"


class GazetteerGeocoder(Geocoder):
    """geopy-compatible, offline. `raw` carries precision, municipality_code, match and ambiguity."""

    name = "gazetteer"

    def __init__(self, *, timeout=None, **kwargs):
        super().__init__(timeout=timeout, **kwargs)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        found = self.matches(str(query))
        if not found:
            return None
        if not exactly_one:
            return [_location(match) for match in found]
        return _location(found[0], others=[match.place for match in found[1:]])

    def candidates(self, query: str, *, limit: int = 5) -> list[Location]:
        """Every place the text may mean, exact matches first, then similar names."""
        return [_location(match) for match in self.matches(str(query), similar=True)[:limit]]

    def reverse(self, query, *, exactly_one: bool = True, timeout=None):
        """The nearest town to a (lat, lng) pair."""
        lat, lng = (
            float(value) for value in (query if isinstance(query, tuple | list) else query.split(","))
        )
        towns = (place for places in tables().towns.values() for place in places)
        place = min(towns, key=lambda town: distance_km(lat, lng, town.latitude, town.longitude))
        location = _location(Match(place, "name"))
        return location if exactly_one else [location]

    def find(self, query: str) -> Place | None:
        found = self.matches(query)
        return found[0].place if found else None

    def matches(self, query: str, *, similar: bool = False) -> list[Match]:
        parts = [part for part in (loose_key(p) for p in query.split(",")) if part]
        parts = [part for part in parts if part not in COUNTRY_WORDS]
        if not parts or parts[-1] in FOREIGN_COUNTRIES:
            return []
        if postcode := self._by_postcode(query):
            return [Match(postcode, "postcode")]
        exact = self._by_name(parts)
        found = [Match(place, "name") for place in exact]
        if similar:
            found += [Match(place, "similar name") for place in _similar(parts) if _new_place(place, exact)]
        return found

    def _by_postcode(self, query: str) -> Place | None:
        postcodes = tables().postcodes
        for match in reversed(list(POSTCODE.finditer(query))):
            if match.group(1) in postcodes:
                return postcodes[match.group(1)]
        return None

    def _by_name(self, parts: list[str]) -> list[Place]:
        """The last part that names a place wins ("Vestergade 5, Odense" -> Odense)."""
        for part in reversed(parts):
            for key in _name_keys(part):
                places = _named(key) or _named(_expanded(key))
                if places:
                    return places
        return []


def _name_keys(part: str) -> list[str]:
    """The whole part first, then its trailing words ("Bakkevej 3 Odense" -> "odense")."""
    words = [word for word in part.split() if not any(ch.isdigit() for ch in word)]
    keys = []
    for length in range(min(len(words), LONGEST_NAME_WORDS), 0, -1):
        key = " ".join(words[-length:])
        if length < len(words) and len(key) < 3:
            continue  # "ry", "by" inside a longer phrase are words, not towns
        keys.append(key)
    return keys


def _expanded(key: str) -> str:
    return " ".join(SHORT_FORMS.get(word, word) for word in key.split())


def _named(key: str) -> list[Place]:
    """Every distinct place called `key`, the likeliest first: towns (largest first), postal
    districts, neighbourhoods, other spellings; a municipality only when nothing else has the name."""
    data = tables()
    towns = sorted(data.towns.get(key, ()), key=lambda place: -place.population)
    found = [*towns, *data.districts.get(key, ()), *data.neighbourhoods.get(key, ())]
    found += sorted(data.alternates.get(key, ()), key=lambda place: -place.population)
    if not found and key in data.municipalities:
        found = [data.municipalities[key]]
    distinct: list[Place] = []
    for place in found:
        if _new_place(place, distinct):
            distinct.append(place)
    return distinct


def _new_place(place: Place, known: list[Place]) -> bool:
    """Not within SAME_PLACE_KM of a place already in `known` (a town and its district are one)."""
    return all(
        distance_km(other.latitude, other.longitude, place.latitude, place.longitude) > SAME_PLACE_KM
        for other in known
    )


@cache
def _name_keys_by_length() -> dict[int, tuple[str, ...]]:
    data = tables()
    indexes = (data.towns, data.districts, data.neighbourhoods, data.alternates, data.municipalities)
    keys = sorted({key for index in indexes for key in index if len(key) >= SHORTEST_FUZZY_KEY})
    by_length: dict[int, list[str]] = {}
    for key in keys:
        by_length.setdefault(len(key), []).append(key)
    return {length: tuple(same) for length, same in by_length.items()}


def _comparable_keys(key: str) -> list[str]:
    """Only names whose length allows the cutoff: the ratio is at most 2·min/(sum of lengths)."""
    size = len(key)
    return [
        other
        for length, same in _name_keys_by_length().items()
        if 2 * min(size, length) / (size + length) >= SIMILAR_NAME_CUTOFF
        for other in same
    ]


def _similar(parts: list[str]) -> list[Place]:
    """Places whose name is spelled like the last named part, most similar first."""
    keys = next((keys for part in reversed(parts) if (keys := _name_keys(part))), [])
    scored: dict[str, float] = {}
    for key in {*keys, *map(_expanded, keys)}:
        if len(key) < SHORTEST_FUZZY_KEY:
            continue
        for other in difflib.get_close_matches(key, _comparable_keys(key), n=6, cutoff=SIMILAR_NAME_CUTOFF):
            if other != key:
                ratio = difflib.SequenceMatcher(None, key, other).ratio()
                scored[other] = max(scored.get(other, 0.0), ratio)
    places: list[Place] = []
    for other in sorted(scored, key=lambda name: -scored[name]):
        places += [place for place in _named(other) if place not in places]
    return places


def _location(match: Match, others: list[Place] = ()) -> Location:
    place = match.place
    raw = {
        "name": place.name,
        "precision": place.precision,
        "municipality_code": place.municipality_code,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "match": match.kind,
        "ambiguous": bool(others),
        "alternatives": [other.label for other in others],
    }
    return Location(place.label, (place.latitude, place.longitude), raw)
