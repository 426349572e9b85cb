"""The gazetteer's tables, read once from maps/data/ (built by scripts/build_gazetteer.py)."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from maps.geocoding.text import loose_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Postcode points that were interpolated (from a big city or neighbouring postcodes) are good
# enough to answer "8240 Risskov" but too rough to decide a border, so reverse lookup skips them.
PRECISE_POINT_SOURCES = ("town ", "district centre", "hand-placed")


@dataclass(frozen=True)
class Place:
    name: str
    label: str
    latitude: float
    longitude: float
    precision: str
    municipality_code: int
    population: int = 0


@dataclass(frozen=True)
class Tables:
    postcodes: dict[str, Place]  # "8270" -> Højbjerg
    towns: dict[str, list[Place]]  # loose key of the GeoNames name
    districts: dict[str, list[Place]]  # loose key of the postal district name ("aarhus c")
    alternates: dict[str, list[Place]]  # loose keys of other spellings ("copenhague")
    municipalities: dict[str, Place]  # "aarhus kommune", "aarhus", "kobenhavns kommune", "kobenhavn"
    region_of: dict[int, int]  # municipality code -> region code
    reference_points: list[tuple[float, float, int]]  # (lat, lng, municipality) for reverse lookup
    neighbourhoods: dict[str, list[Place]]  # loose keys of named parts of towns ("norrebro", "nordvest")


def _rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def _municipality_keys(name: str) -> set[str]:
    short = name.removesuffix(" Kommune")
    keys = {loose_key(name), loose_key(short)}
    if short.endswith("s"):  # "Københavns Kommune" -> "København", "Vesthimmerlands" -> "Vesthimmerland"
        keys.add(loose_key(short[:-1]))
    return keys


@cache
def tables() -> Tables:
    region_of, municipalities, points = {}, {}, []
    for row in _rows("municipalities.csv"):
        code = int(row["code"])
        region_of[code] = int(row["region_code"])
        place = Place(
            row["name"], row["name"], float(row["latitude"]), float(row["longitude"]), "municipality", code
        )
        for key in _municipality_keys(row["name"]):
            municipalities[key] = place
        points.append((place.latitude, place.longitude, code))

    towns, alternates = {}, {}
    for row in _rows("towns.csv"):
        code = int(row["municipality_code"])
        place = Place(
            row["name"],
            row["name"],
            float(row["latitude"]),
            float(row["longitude"]),
            "town",
            code,
            int(row["population"]),
        )
        towns.setdefault(loose_key(row["name"]), []).append(place)
        for alternate in filter(None, row["alternate_names"].split("|")):
            alternates.setdefault(loose_key(alternate), []).append(place)
        points.append((place.latitude, place.longitude, code))

    postcodes, districts = {}, {}
    for row in _rows("postcodes.csv"):
        code = int(row["municipality_codes"].split("|")[0])
        label = f"{row['postcode']} {row['name']}"
        place = Place(row["name"], label, float(row["latitude"]), float(row["longitude"]), "postcode", code)
        postcodes[row["postcode"]] = place
        districts.setdefault(loose_key(row["name"]), []).append(place)
        if row["point_from"].startswith(PRECISE_POINT_SOURCES):
            points.append((place.latitude, place.longitude, code))

    neighbourhoods = {}
    for row in _rows("neighbourhoods.csv"):
        district = postcodes[row["postcode"]]
        place = Place(
            row["name"],
            f"{row['name']}, {district.label}",
            float(row["latitude"]),
            float(row["longitude"]),
            "town",
            int(row["municipality_code"]),
        )
        points.append((place.latitude, place.longitude, place.municipality_code))
        for name in [row["name"], *filter(None, row["alternate_names"].split("|"))]:
            neighbourhoods.setdefault(loose_key(name), []).append(place)
    return Tables(postcodes, towns, districts, alternates, municipalities, region_of, points, neighbourhoods)
