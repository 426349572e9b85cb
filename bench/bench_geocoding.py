"""Offline geocoding: accuracy on real institutions, then throughput on 10,000 addresses.

    .venv/bin/python bench/bench_geocoding.py [--accuracy-only]

Accuracy: every address in tests/maps/fixtures/institutions.csv (real museums, zoos, nature
centres with their true position) through geocode(use_cache=False); prints the median and 95th
percentile distance from the true place, the share in the right municipality, how often the true
place's nearest postal-district point is its own district's (a point inside its district is
nearer to the district's places than any other district's point is), and the worst ones.

Throughput: prints calls per second and p50/p95 per call for geocode(use_cache=False), the raw
gazetteer backend, a misspelt town (not found, with "did you mean" suggestions) and
reverse_municipality, each with its ratio to a trivial floor measured in the same run
(normalising the string only), so numbers compare across machines.
"""

import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
os.environ["GEOCODER"] = "gazetteer"

import django  # noqa: E402

django.setup()

from maps.geocoding import AddressNotFound, geocode, reverse_municipality  # noqa: E402
from maps.geocoding.data import tables  # noqa: E402
from maps.geocoding.gazetteer import GazetteerGeocoder  # noqa: E402
from maps.geocoding.geography import distance_km  # noqa: E402
from maps.geocoding.text import normalise  # noqa: E402

COUNT = 10_000
INSTITUTIONS = Path(__file__).resolve().parent.parent / "tests" / "maps" / "fixtures" / "institutions.csv"
WORST_SHOWN = 8
MISSPELT = 200
STREETS = [
    "Vestergade",
    "Østergade",
    "Nørregade",
    "Søndergade",
    "Skolevej",
    "Kirkevej",
    "Stationsvej",
    "Møllevej",
]


def addresses(count: int) -> list[str]:
    """Realistic mixes: street + postcode + district, bare towns, bare postcodes, ae/oe/aa spellings."""
    rng = random.Random(42)
    postcodes = list(tables().postcodes.items())
    towns = [places[0].name for places in tables().towns.values()]
    out = []
    for i in range(count):
        postcode, place = rng.choice(postcodes)
        kind = i % 4
        if kind == 0:
            out.append(f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {postcode} {place.name}")
        elif kind == 1:
            out.append(rng.choice(towns))
        elif kind == 2:
            out.append(postcode)
        else:
            name = rng.choice(towns).replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
            out.append(f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {name}")
    return out


def misspellings(count: int) -> list[str]:
    """Town names with one letter dropped ("Silkeborg" -> "Silkebrg"), as typed in a hurry."""
    rng = random.Random(11)
    towns = [places[0].name for places in tables().towns.values() if len(places[0].name) >= 6]
    out = []
    for name in rng.sample(towns, count):
        cut = rng.randrange(1, len(name) - 1)
        out.append(name[:cut] + name[cut + 1 :])
    return out


def measure(label: str, function, items) -> list[float]:
    timings = []
    started = time.perf_counter()
    for item in items:
        t0 = time.perf_counter()
        function(item)
        timings.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    quantiles = statistics.quantiles(timings, n=100)
    print(
        f"{label:32} {len(items) / total:>10,.0f}/s   p50 {quantiles[49] * 1e6:8.1f} µs   "
        f"p95 {quantiles[94] * 1e6:8.1f} µs"
    )
    return timings


def safe_geocode(query: str):
    try:
        return geocode(query, use_cache=False)
    except Exception:  # noqa: BLE001 - a miss counts as a call too
        return None


def institutions() -> list[dict]:
    with INSTITUTIONS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def result_district(label: str) -> str:
    """ "8270 Højbjerg" -> "Højbjerg" (København K has a hundred postcodes and one point)."""
    return label.split(" ", 1)[1]


def accuracy() -> None:
    """Distance from the true place for each real institution's address (a miss counts as not found)."""
    rows = institutions()
    errors, right_municipality, missed, own_district_nearest = [], 0, [], 0
    districts = list(tables().postcodes.values())
    for row in rows:
        try:
            result = geocode(row["address"], use_cache=False)
        except AddressNotFound:
            missed.append(row["address"])
            continue
        km = distance_km(float(row["latitude"]), float(row["longitude"]), result.latitude, result.longitude)
        errors.append((km, row["address"], result.label))
        right_municipality += result.municipality_code == int(row["municipality_code"])
        true_place = (float(row["latitude"]), float(row["longitude"]))
        nearest = min(districts, key=lambda place: distance_km(*true_place, place.latitude, place.longitude))
        own_district_nearest += result.precision == "postcode" and nearest.name == result_district(
            result.label
        )
    distances = sorted(km for km, _, _ in errors)
    p95 = statistics.quantiles(distances, n=20, method="inclusive")[18]
    print(f"accuracy on {len(rows)} real institutions ({INSTITUTIONS.name}), offline gazetteer")
    print(
        f"  distance from the true place: median {statistics.median(distances):.2f} km, "
        f"p95 {p95:.2f} km, max {distances[-1]:.2f} km"
    )
    print(f"  right municipality: {right_municipality} of {len(rows)}; not found: {len(missed)} {missed}")
    print(
        f"  nearest postal-district point is the address's own district: {own_district_nearest} of {len(rows)}"
    )
    print(f"  farthest {WORST_SHOWN}:")
    for km, address, label in sorted(errors, reverse=True)[:WORST_SHOWN]:
        print(f"    {km:6.2f} km  {address}  ->  {label}")


def main() -> None:
    accuracy()
    if "--accuracy-only" in sys.argv:
        return
    queries = addresses(COUNT)
    tables()  # load the tables before timing
    gazetteer = GazetteerGeocoder()
    rng = random.Random(7)
    points = [(rng.uniform(54.8, 57.5), rng.uniform(8.3, 12.6)) for _ in range(COUNT)]
    print(f"{COUNT:,} addresses, offline gazetteer, cache off")
    floor = measure("floor: normalise() only", normalise, queries)
    backend = measure("gazetteer backend .geocode()", gazetteer.geocode, queries)
    service = measure("geocode(use_cache=False)", safe_geocode, queries)
    misspelt = measure("geocode() of a misspelt town", safe_geocode, misspellings(MISSPELT))
    reverse = measure("reverse_municipality()", lambda p: reverse_municipality(*p), points)
    p50 = statistics.median
    print(
        f"ratio to floor (p50): backend {p50(backend) / p50(floor):.0f}x, geocode {p50(service) / p50(floor):.0f}x, "
        f"misspelt {p50(misspelt) / p50(floor):.0f}x, reverse {p50(reverse) / p50(floor):.0f}x"
    )
    found = sum(1 for q in queries if gazetteer.geocode(q) is not None)
    print(f"resolved: {found:,} of {COUNT:,} ({found / COUNT:.1%})")


if __name__ == "__main__":
    main()
