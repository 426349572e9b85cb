"""Offline geocoding throughput: 10,000 addresses through the gazetteer, no cache, no network.

    .venv/bin/python bench/bench_geocoding.py

Prints throughput and p50/p95 per call for geocode(use_cache=False), the raw gazetteer backend
and reverse_municipality, each with its ratio to a trivial floor measured in the same run
(normalising the string only), so numbers compare across machines.
"""

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

from maps.geocoding import geocode, reverse_municipality  # noqa: E402
from maps.geocoding.data import tables  # noqa: E402
from maps.geocoding.gazetteer import GazetteerGeocoder  # noqa: E402
from maps.geocoding.text import normalise  # noqa: E402

COUNT = 10_000
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


def main() -> None:
    queries = addresses(COUNT)
    tables()  # load the tables before timing
    gazetteer = GazetteerGeocoder()
    rng = random.Random(7)
    points = [(rng.uniform(54.8, 57.5), rng.uniform(8.3, 12.6)) for _ in range(COUNT)]
    print(f"{COUNT:,} addresses, offline gazetteer, cache off")
    floor = measure("floor: normalise() only", normalise, queries)
    backend = measure("gazetteer backend .geocode()", gazetteer.geocode, queries)
    service = measure("geocode(use_cache=False)", safe_geocode, queries)
    reverse = measure("reverse_municipality()", lambda p: reverse_municipality(*p), points)
    p50 = statistics.median
    print(
        f"ratio to floor (p50): backend {p50(backend) / p50(floor):.0f}x, geocode {p50(service) / p50(floor):.0f}x, "
        f"reverse {p50(reverse) / p50(floor):.0f}x"
    )
    found = sum(1 for q in queries if gazetteer.geocode(q) is not None)
    print(f"resolved: {found:,} of {COUNT:,} ({found / COUNT:.1%})")


if __name__ == "__main__":
    main()
