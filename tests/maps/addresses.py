"""Real Danish institutions that teach school classes, with their true position.

Read from fixtures/institutions.csv (also measured by bench/bench_geocoding.py), where each
row says where its true position comes from. The gazetteer knows postcodes and towns, not
streets, so a result within MAX_KM of the true place is the expectation: a postal district's
point lies inside the district, and the farthest institution sits at its district's edge.
"""

import csv
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "institutions.csv"
MAX_KM = 10


def _institutions() -> list[tuple[str, int, float, float]]:
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [
            (row["address"], int(row["municipality_code"]), float(row["latitude"]), float(row["longitude"]))
            for row in rows
        ]


# (address as a provider types it, municipality code, true latitude, true longitude)
INSTITUTIONS = _institutions()
