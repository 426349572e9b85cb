"""Load test: many teachers at once, against the production server (`make serve`'s gunicorn).

    .venv/bin/pip install -e '.[bench]'                     # locust, once
    .venv/bin/python manage.py load_demo --scale 100000     # the data (bench_search.py builds the same)
    .venv/bin/python bench/load_search.py                   # SQLite, bench/search.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/load_search.py
    .venv/bin/python bench/load_search.py --host http://127.0.0.1:8000   # a server already running

Without --host it starts the server the way `make serve` does (collectstatic when static/
changed since the last, then gunicorn with network/gunicorn_conf.py) on a spare loopback port, with DEBUG=0 and the API's rate
limit lifted (every client here is 127.0.0.1), and stops it at the end. Only loopback hosts
are accepted. The load comes from locust (FastHttpUser, as a library, headless): `--users`
closed-loop clients (no think time), each phase bounded by `--duration` seconds after a
short warm-up, in two phases:

- trivial: every client asks for /api/v1/regions/ (the floor: routing, middleware, DRF);
- mix: what teachers do on a busy morning — nearby searches from random points round the
  municipality centres with random subjects and grades, map pans and zooms (the offers in a
  box, the clusters of a city view and of the whole country), text searches (some near a
  point), offer and place pages found by those searches, the front page, and the trivial
  request too, to show what the same load does to it.

It prints, per kind: requests, req/s, p50/p95/p99 (ms) and errors, then the mix's throughput
as a share of the trivial phase's and its p95. The load generator shares the machine's cores
with the server and the database, as it would not in production.

Measured 2026-12-01, 100,000 places (~180,000 published offers), 16 clients, 60 s, 5 sync
workers, on the shared 2-core machine while other test suites ran (load average 13–16, so
every figure is several times slower than on a quiet machine; compare within a run):

| run | req/s | p50 ms | p95 ms | errors |
|---|---|---|---|---|
| PostgreSQL, trivial, persistent connections (default) | 42.3 | 370 | 470 | 0 |
| PostgreSQL, trivial, CONN_MAX_AGE=0 | 34.8 | 440 | 590 | 0 |
| PostgreSQL, mix | 0.6 | 7,000 | 39,000 | 5 (offer pages past the 30 s timeout) |
| PostgreSQL, mix without offer pages | 4.6 | 3,200 | 6,400 | 0 |
| SQLite, trivial | 49.9 | 310 | 460 | 0 |
| SQLite, mix | 0.6 | 11,000 | 32,000 | 2 (offer pages) |

Again on PostgreSQL once the machine was quieter (load average 5–9): trivial 184.1 req/s
(p50 89, p95 120 ms); the mix without offer pages 6.8 req/s (4 % of it), p50 2,200, p95
4,400 ms — nearby p50 1,700, map box 2,900, clusters 1,800, text 3,700, front page 3,600:
with 5 workers and 16 clients every request queues behind the slow kinds.

The mix is sunk by the offer page: directory/selectors/pages.py `offer_alternatives` reads
~24,000 offers (68,000 model instances) into Python per page, ~11 s alone at 100,000 places;
then the front page (~1.4 s: all published offers ordered by title), the country clusters
(~1 s) and text search (~0.4 s) — the query-speed work of issue 17.2.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlparse

import gevent  # locust's import below patches the standard library for gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WARM_UP_SECONDS = 5
TEXT_WORDS = ["dyrene", "skoven", "havet", "vikinger", "energien", "kunsten", "klimaet", "fortiden"]
MIX_KINDS = [
    "nearby",
    "map box",
    "clusters city",
    "clusters country",
    "text",
    "offer page",
    "place page",
    "front page",
    "trivial",
]


class Catalogue:
    """What the clients choose from: read once from the server's own API."""

    points: list[tuple[float, float]] = []
    subjects: list[str] = []
    grades: list[str] = []
    offer_slugs: list[str] = []  # filled from search answers: the pages a teacher would open
    place_slugs: list[str] = []

    @classmethod
    def load(cls, host: str) -> int:
        cls.points = [
            (row["latitude"], row["longitude"]) for row in _get_json(host, "/api/v1/municipalities/")
        ]
        cls.subjects = [row["slug"] for row in _get_json(host, "/api/v1/subjects/")]
        cls.grades = [row["slug"] for row in _get_json(host, "/api/v1/grades/")]
        return _get_json(host, "/api/v1/offers/?page_size=1", whole=True)["count"]

    @classmethod
    def remember(cls, results: list[dict]) -> None:
        for offer in results[:3]:
            _keep(cls.offer_slugs, offer.get("slug"))
            _keep(cls.place_slugs, offer.get("nearest_environment"))


def _keep(pool: list[str], slug: str | None, limit: int = 2000) -> None:
    if slug and len(pool) < limit:
        pool.append(slug)


def _get_json(host: str, path: str, whole: bool = False):
    import json

    request = urllib.request.Request(host + path, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.load(response)
    return body if whole or isinstance(body, list) else body["results"]


class Teacher(FastHttpUser):
    """One client of the mix. Weights: roughly what a search session asks of the server."""

    wait_time = constant(0)

    def _get(self, path: str, params: dict, kind: str, json_answer: bool = True) -> dict | None:
        url = f"{path}?{urlencode(params)}" if params else path
        headers = {"Accept": "application/json" if json_answer else "text/html"}
        with self.client.get(url, name=kind, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:120] if response.text else ''}")
                return None
            return response.json() if json_answer else None

    def _point(self) -> tuple[float, float]:
        lat, lng = random.choice(Catalogue.points)  # a school within ~8 km of a municipality centre
        return lat + random.uniform(-0.07, 0.07), lng + random.uniform(-0.12, 0.12)

    def _filters(self) -> dict:
        filters = {"subject": random.choice(Catalogue.subjects)}
        if random.random() < 0.8:
            filters["grade"] = random.choice(Catalogue.grades)
        return filters

    @task(30)
    def nearby(self) -> None:
        lat, lng = self._point()
        params = {"near": f"{lat:.4f},{lng:.4f}", "radius": random.choice([10, 25, 25, 50, 100])}
        answer = self._get("/api/v1/offers/", {**params, **self._filters()}, "nearby")
        if answer:
            Catalogue.remember(answer["results"])

    @task(12)
    def map_box(self) -> None:
        lat, lng = self._point()
        half_lat, half_lng = random.choice([(0.05, 0.1), (0.1, 0.2), (0.2, 0.4)])  # zoom 12 … 10
        bbox = f"{lng - half_lng:.5f},{lat - half_lat:.5f},{lng + half_lng:.5f},{lat + half_lat:.5f}"
        self._get("/api/v1/offers/", {"bbox": bbox, **self._filters()}, "map box")

    @task(15)
    def clusters_city(self) -> None:
        lat, lng = self._point()
        zoom = random.choice([9, 10, 11, 12, 13])
        half_lng = 0.6 * 2 ** (10 - zoom)
        bbox = f"{lng - half_lng:.5f},{lat - half_lng / 2:.5f},{lng + half_lng:.5f},{lat + half_lng / 2:.5f}"
        self._get(
            "/api/v1/environments/clusters/", {"zoom": zoom, "bbox": bbox, **self._filters()}, "clusters city"
        )

    @task(3)
    def clusters_country(self) -> None:
        filters = self._filters() if random.random() < 0.7 else {}
        self._get("/api/v1/environments/clusters/", {"zoom": 7, **filters}, "clusters country")

    @task(10)
    def text(self) -> None:
        params = {"q": random.choice(TEXT_WORDS)}
        if random.random() < 0.5:
            lat, lng = self._point()
            params.update({"near": f"{lat:.4f},{lng:.4f}", "radius": 50})
        if random.random() < 0.5:
            params["grade"] = random.choice(Catalogue.grades)
        self._get("/api/v1/offers/", params, "text")

    @task(12)
    def offer_page(self) -> None:
        if Catalogue.offer_slugs:
            self._get(f"/tilbud/{random.choice(Catalogue.offer_slugs)}/", {}, "offer page", json_answer=False)

    @task(5)
    def place_page(self) -> None:
        if Catalogue.place_slugs:
            self._get(f"/steder/{random.choice(Catalogue.place_slugs)}/", {}, "place page", json_answer=False)

    @task(8)
    def front_page(self) -> None:
        self._get("/", {}, "front page", json_answer=False)

    @task(5)
    def trivial(self) -> None:
        self._get("/api/v1/regions/", {}, "trivial")


class TrivialClient(FastHttpUser):
    wait_time = constant(0)

    @task
    def trivial(self) -> None:
        with self.client.get("/api/v1/regions/", name="trivial", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(str(response.status_code))


def run_phase(user_class: type[FastHttpUser], host: str, users: int, duration: float):
    """Warm up, then measure `duration` seconds; returns (stats, seconds measured)."""
    environment = Environment(user_classes=[user_class], host=host)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(WARM_UP_SECONDS)
    environment.stats.reset_all()
    started = time.monotonic()
    gevent.sleep(duration)
    seconds = time.monotonic() - started
    runner.quit()
    print(f"  (load average during the phase: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return environment.stats, seconds


def report(title: str, stats, seconds: float, kinds: list[str]) -> tuple[float, float]:
    print(f"\n{title}: {stats.total.num_requests:,} requests in {seconds:.0f} s")
    print(f"{'kind':18} {'requests':>9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    rows = [(kind, stats.get(kind, "GET")) for kind in kinds] + [("all", stats.total)]
    for kind, entry in rows:
        if not entry.num_requests:
            continue
        p50, p95, p99 = (entry.get_response_time_percentile(share) for share in (0.5, 0.95, 0.99))
        print(
            f"{kind:18} {entry.num_requests:9,} {entry.num_requests / seconds:8.1f} "
            f"{p50:7.0f} {p95:7.0f} {p99:7.0f} {entry.num_failures:7,}"
        )
    for error in list(stats.errors.values())[:5]:
        print(f"  error {error.name}: {error.error} ×{error.occurrences}")
    return stats.total.num_requests / seconds, stats.total.get_response_time_percentile(0.95)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _static_files_changed() -> bool:
    """Whether collectstatic must run: no manifest yet, or a file in static/ newer than it (a
    stale manifest makes every page that names the new file answer 500 with DEBUG off)."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return True
    collected = manifest.stat().st_mtime
    return any(path.stat().st_mtime > collected for path in (ROOT / "static").rglob("*") if path.is_file())


def start_server(port: int) -> subprocess.Popen:
    """collectstatic and gunicorn as `make serve` runs them, in production mode."""
    environment = {
        "DATABASE_URL": f"sqlite:///{ROOT / 'bench' / 'search.sqlite3'}",
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-not-secret"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "API_ANON_RATE": "1000000/minute",  # every client is 127.0.0.1: measure the site, not the limiter
        "LOG_LEVEL": "ERROR",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    python = Path(sys.executable)
    if _static_files_changed():  # compressing them all again takes minutes
        subprocess.run(
            [str(python), "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT,
            env=environment,
            check=True,
        )
    return subprocess.Popen(
        [str(python.with_name("gunicorn")), "-c", "network/gunicorn_conf.py", "network.wsgi"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,  # the JSON access log: written, as in production, then dropped
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until_up(host: str, server: subprocess.Popen | None) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(host + "/api/v1/regions/", timeout=5).read()
            return
        except OSError:
            if server is not None and server.poll() is not None:
                raise SystemExit("the server stopped while starting; run `make serve` to see why") from None
            if time.monotonic() > deadline:
                raise SystemExit(f"no answer from {host}") from None
            time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", help="a running server on loopback (default: start one)")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase (default 60)")
    parser.add_argument("--phases", default="trivial,mix", help="trivial, mix or both (default)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--skip", default="", help="kinds of the mix to leave out, comma-separated")
    args = parser.parse_args()
    random.seed(args.seed)
    skipped = {kind.strip() for kind in args.skip.split(",") if kind.strip()}
    if skipped - set(MIX_KINDS):
        raise SystemExit(f"--skip: unknown kinds {sorted(skipped - set(MIX_KINDS))}; kinds are {MIX_KINDS}")
    for kind in skipped:  # out of the weighted task list (one entry per unit of weight)
        Teacher.tasks = [task for task in Teacher.tasks if task.__name__ != kind.replace(" ", "_")]

    # A stop (Ctrl-C, SIGTERM from a time limit) still runs the `finally` that ends the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = None
    host = args.host
    if host is None:
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        server = start_server(port)
    if urlparse(host).hostname not in LOOPBACK:
        raise SystemExit("the load test runs against loopback only (127.0.0.1, localhost, ::1)")
    try:
        wait_until_up(host, server)
        offers = Catalogue.load(host)
        print(
            f"{host}: {offers:,} published offers; {args.users} clients, {args.duration:g} s per phase"
            f" after {WARM_UP_SECONDS} s warm-up; database {os.environ.get('DATABASE_URL', 'bench/search.sqlite3')}"
        )
        results = {}
        if "trivial" in args.phases:
            stats, seconds = run_phase(TrivialClient, host, args.users, args.duration)
            results["trivial"] = report("trivial only", stats, seconds, ["trivial"])
        if "mix" in args.phases:
            stats, seconds = run_phase(Teacher, host, args.users, args.duration)
            results["mix"] = report("realistic mix", stats, seconds, MIX_KINDS)
        if len(results) == 2:
            (trivial_rate, _), (mix_rate, mix_p95) = results["trivial"], results["mix"]
            print(
                f"\nmix: {mix_rate:.1f} req/s = {mix_rate / trivial_rate:.0%} of the trivial phase's "
                f"{trivial_rate:.1f} (target ≥ 50 %), p95 {mix_p95:.0f} ms (target ≤ 150)"
            )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
