"""Search benchmark: typical queries through the full API stack on 100,000 synthetic places.

    .venv/bin/python bench/bench_search.py [--scale 100000] [--runs 98]
    DATABASE_URL=postgres://… .venv/bin/python bench/bench_search.py   # PostgreSQL, with EXPLAIN

SQLite by default, in a separate file bench/search.sqlite3 (gitignored, built once by
`load_demo --scale N` and reused while it holds N synthetic places). On PostgreSQL the data
goes into the database DATABASE_URL names: use a scratch database.

Every request goes through django.test.Client (URL routing, middleware, DRF, the search
form, selectors, serializers, JSON). Each query is timed over `--runs` requests, each from
another school (by default every one of the 98 municipality centres once, in a fixed
shuffled order, so that a shorter run still has every region); p50/p95 are printed beside a trivial API request (/api/v1/regions/) measured
in the same run, and the ratio between them. The queries are interleaved, one request of
each per round, so that the shared machine's slower stretches weigh on the floor as on the
searches. The query plan of the nearby search is printed
at the end (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite), for Aarhus C
and for central Copenhagen, the densest spot.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'search.sqlite3'}")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

TARGET_P95_MS = 25.0
TARGET_RATIO = 3.0


def prepare(scale: int) -> None:
    call_command("migrate", verbosity=0)
    from directory.models import LearningEnvironment

    have = LearningEnvironment.objects.filter(slug__startswith="synthetic-").count()
    if have != scale:
        print(f"generating {scale:,} synthetic places (load_demo --scale) …", flush=True)
        call_command("load_demo", scale=scale, verbosity=1)
    from directory.models import OfferPlacement, SubjectPlacement
    from directory.search.refresh import search_index_refresh

    if not (OfferPlacement.objects.exists() and SubjectPlacement.objects.exists()):
        started = time.perf_counter()
        written = search_index_refresh()
        print(f"search table rebuilt: {written:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        # Planner statistics and the visibility map (index-only scans of the search table), as
        # PostgreSQL's autovacuum keeps them; on SQLite run once after a load.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def schools() -> list[tuple[float, float]]:
    from maps.models import Municipality

    points = list(Municipality.objects.order_by("code").values_list("latitude", "longitude"))
    random.Random(4).shuffle(points)  # codes run by region; shuffled, any prefix mixes regions
    return points


def timed_get(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return elapsed


def measure(client: Client, queries: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """``runs`` rounds; each round times one request of every query in turn, so that a slower
    stretch of the shared machine falls on the floor and the searches alike."""
    results: dict[str, list[float]] = {name: [] for name in queries}
    for index in range(runs):
        for name, urls in queries.items():
            results[name].append(timed_get(client, urls[index % len(urls)]))
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def explain_nearby(lat: float, lng: float, radius: int = 25) -> str:
    from directory.search.forms import OfferSearchForm
    from directory.search.reach import PointReach, reach_statements

    form = OfferSearchForm(QueryDict(f"near={lat},{lng}&radius={radius}&subject=biologi&grade=5-klasse"))
    assert form.is_valid(), form.errors
    explain = "EXPLAIN ANALYZE" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    statements = reach_statements(params=form.cleaned_data)
    if radius > 25:  # every point search counts in the database (reach.PointReach); shown for the wide one
        count = PointReach(params=form.cleaned_data, conditions=None, served={}, read_outreach=False)
        statements.append(("count", count.count_statement()))
    out = []
    with connection.cursor() as cursor:
        for part, (sql, params) in statements:
            cursor.execute(f"{explain} {sql}", params)
            out.append(f"-- {part} part:\n" + "\n".join(" ".join(map(str, row)) for row in cursor.fetchall()))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=98)
    args = parser.parse_args()

    prepare(args.scale)
    points = schools()
    nearby = "/api/v1/offers/?near={:.4f},{:.4f}&radius={}&subject=biologi&grade=5-klasse"
    queries = {
        "trivial /regions/": ["/api/v1/regions/"],
        "nearby 10 km + subject + grade": [nearby.format(lat, lng, 10) for lat, lng in points],
        "nearby 25 km + subject + grade": [nearby.format(lat, lng, 25) for lat, lng in points],
        "nearby 100 km + subject + grade": [nearby.format(lat, lng, 100) for lat, lng in points],
        "nearby 25 km, GeoJSON": [nearby.format(lat, lng, 25) + "&format=geojson" for lat, lng in points],
        "bbox map view (places)": [
            f"/api/v1/environments/?bbox={lng - 0.3:.3f},{lat - 0.15:.3f},{lng + 0.3:.3f},{lat + 0.15:.3f}"
            f"&subject=biologi"
            for lat, lng in points
        ],
        "clusters zoom 7, whole country": ["/api/v1/environments/clusters/?zoom=7&subject=biologi"],
        "clusters zoom 11, city view": [
            f"/api/v1/environments/clusters/?zoom=11&bbox={lng - 0.2:.3f},{lat - 0.1:.3f},"
            f"{lng + 0.2:.3f},{lat + 0.1:.3f}"
            for lat, lng in points
        ],
        "text search q=dyrene": ["/api/v1/offers/?q=dyrene", "/api/v1/offers/?q=skoven&grade=5-klasse"],
    }
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # measure the search, not the limiter
    client = Client(HTTP_ACCEPT="application/json")
    print(
        f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']}), runs per query: {args.runs}"
    )
    with override_settings(REST_FRAMEWORK=rest):
        print("  warming up …", flush=True)
        for urls in queries.values():
            for url in urls[-5:]:  # not the first URLs: the timed rounds start with those
                timed_get(client, url)
        print(f"  {args.runs} rounds of {len(queries)} queries, interleaved …", flush=True)
        results = measure(client, queries, args.runs)
    floor = statistics.median(results["trivial /regions/"])
    print(f"\n{'query':36} {'p50 ms':>8} {'p95 ms':>8} {'p50/trivial':>12}")
    for name, timings in results.items():
        p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
        print(f"{name:36} {p50:8.2f} {p95:8.2f} {p50 / floor:12.2f}")
    nearby_rows = [results[name] for name in results if name.startswith("nearby") and "GeoJSON" not in name]
    worst_p95 = max(percentile(timings, 0.95) for timings in nearby_rows)
    worst_ratio = max(percentile(timings, 0.5) for timings in nearby_rows) / floor
    print(
        f"\nnearby: worst p95 {worst_p95:.2f} ms (target ≤ {TARGET_P95_MS:g} on SQLite), "
        f"worst p50/trivial {worst_ratio:.2f} (target ≤ {TARGET_RATIO:g})"
    )
    from directory.search.text import offer_ids_sql

    text_query = offer_ids_sql("dyrene")
    if text_query is not None:
        explain = "EXPLAIN ANALYZE" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
        with connection.cursor() as cursor:
            cursor.execute(f"{explain} {text_query[0]}", text_query[1])
            plan = "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())
        print(f"\nquery plan of the text index for q=dyrene on {connection.vendor}:\n{plan}")
    for label, (lat, lng) in {
        "Aarhus C": (56.1572, 10.2107),
        "central Copenhagen": (55.6761, 12.5683),
    }.items():
        for radius in (25, 100):
            print(
                f"\nquery plan of the nearby search ({label}, {radius} km, biologi, 5. klasse)"
                f" on {connection.vendor}:"
            )
            print(explain_nearby(lat, lng, radius))


if __name__ == "__main__":
    main()
