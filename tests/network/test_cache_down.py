"""With the cache (Redis) unreachable the site keeps serving from the database, and says so."""

import logging
import socket

import pytest

from network import settings as project_settings
from tests import factories

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens here once the socket is closed


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": project_settings.cache_settings(f"redis://127.0.0.1:{closed_port()}/0")}
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute"},
    }


def test_pages_api_and_search_answer_with_redis_down_and_the_failure_is_logged(client, redis_down, caplog):
    factories.OfferFactory(title="Pingviner på nært hold")
    caplog.set_level(logging.ERROR)
    paths = [
        "/",
        "/?q=pingviner",
        "/api/v1/offers/",
        "/api/v1/offers/?q=pingviner",
        "/api/v1/offers/?near=8000",
    ]
    answers = {path: client.get(path) for path in paths}
    assert {path: answer.status_code for path, answer in answers.items()} == dict.fromkeys(paths, 200)
    assert "Pingviner på nært hold" in answers["/api/v1/offers/?q=pingviner"].content.decode()
    assert any("django_redis" in record.name or "Redis" in record.getMessage() for record in caplog.records)


def test_the_throttle_fails_open_rather_than_failing_every_request(client, redis_down):
    # The anonymous limit is 5/minute, but with no shared counter to read no one is refused.
    statuses = {client.get("/api/v1/offers/").status_code for _ in range(8)}
    assert statuses == {200}


def test_healthz_says_degraded_but_200_when_only_the_cache_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["database"] == "ok"
    assert body["cache"] != "ok"


def test_a_redis_cache_url_gets_short_timeouts_and_fails_open():
    config = project_settings.cache_settings("redis://127.0.0.1:6379/3")
    assert config["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert config["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 1 and config["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert project_settings.cache_settings("locmemcache://x")["BACKEND"].endswith("LocMemCache")
