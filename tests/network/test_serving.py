"""Production serving: gunicorn's configuration (network/gunicorn_conf.py) runs a real server
that writes a JSON access log, and pages and API answers are gzipped when the client asks."""

import gzip
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_gunicorn_config_passes_gunicorns_own_check_and_sizes_workers_from_the_cores():
    result = subprocess.run(
        [str(GUNICORN), "--check-config", "--print-config", "-c", "network/gunicorn_conf.py", "network.wsgi"],
        cwd=ROOT,
        env={key: value for key, value in os.environ.items() if key != "GUNICORN_WORKERS"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    printed = {
        name.strip(): value.strip()
        for name, value in (line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    }
    assert int(printed["workers"]) == 2 * len(os.sched_getaffinity(0)) + 1
    assert int(printed["timeout"]) == 30
    assert "JsonAccessLogger" in printed["logger_class"]


def test_a_malformed_worker_count_stops_gunicorn_and_names_the_variable():
    result = subprocess.run(
        [str(GUNICORN), "--check-config", "-c", "network/gunicorn_conf.py", "network.wsgi"],
        cwd=ROOT,
        env={**os.environ, "GUNICORN_WORKERS": "many"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "GUNICORN_WORKERS='many'" in result.stderr + result.stdout


def test_gunicorn_serves_with_the_config_and_logs_each_request_as_json(tmp_path):
    port = free_port()
    access_log = tmp_path / "access.log"
    environment = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": str(access_log),
        # robots.txt reads no table: an empty database file is enough
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "network/gunicorn_conf.py", "network.wsgi"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/robots.txt?from=test", headers={"User-Agent": 'agent "quoted"'}
        )
        body = _get_when_up(request, server)
        assert b"Sitemap:" in body
        deadline = time.monotonic() + 10
        while not access_log.exists() or not access_log.read_text().strip():
            assert time.monotonic() < deadline, "no access log line"
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    record = json.loads(access_log.read_text().splitlines()[-1])
    assert record["method"] == "GET"
    assert record["path"] == "/robots.txt"
    assert record["query"] == "from=test"
    assert record["status"] == 200
    assert record["user_agent"] == 'agent "quoted"'
    assert record["duration_ms"] >= 0


def _get_when_up(request: urllib.request.Request, server: subprocess.Popen) -> bytes:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.read()
        except OSError:
            if server.poll() is not None:
                raise AssertionError(server.stderr.read().decode()) from None
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)


@pytest.fixture
def listed_offers():
    place = factories.EnvironmentFactory()
    for number in range(12):
        factories.OfferFactory(title=f"Livet i havet {number}", environments=[place])


@pytest.mark.parametrize(
    "url, accept",
    [("/", "text/html"), ("/api/v1/offers/", "application/json")],
    ids=["front page", "API JSON"],
)
def test_pages_and_api_answers_are_gzipped_when_the_client_accepts_it(listed_offers, url, accept):
    plain = Client(HTTP_ACCEPT=accept).get(url)
    packed = Client(HTTP_ACCEPT=accept, HTTP_ACCEPT_ENCODING="gzip, deflate, br").get(url)
    assert plain.status_code == packed.status_code == 200
    assert not plain.has_header("Content-Encoding")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert "Livet i havet" in gzip.decompress(packed.content).decode()
    assert len(packed.content) < len(plain.content) / 2
