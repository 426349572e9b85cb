"""Settings from the environment: production values pass `check --deploy` cleanly, and
malformed values stop the process at start-up with a message that names the problem.

Each case runs manage.py in a subprocess, because settings are read once per process.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "p9Vx!t2-Lm#8qR4zW7yB0nE5sK1dH6gJ3cF-uA8oX2iZ5vQ9wT4rY7eU0pS6aD3f",
    "ALLOWED_HOSTS": "laeringsmiljoer.dk,www.laeringsmiljoer.dk",
}
# DJANGO_ALLOW_ASYNC_UNSAFE is set for the test process by the browser tests (Playwright's
# sync API runs an event loop in the test thread); a deployment never has it.
SETTINGS_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CACHE_URL",
    "CONN_MAX_AGE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(environment)
    return subprocess.run(
        [sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deployment_checks_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deployment_checks_do_warn_about_debug_on_so_the_clean_result_means_something():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "DEBUG": "1"})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr + result.stdout


def test_debug_off_without_a_secret_key_refuses_to_start():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = manage("check", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize(
    "database_url, named",
    [("bogus://somewhere/db", "bogus"), ("postgres://user@localhost:notaport/db", "notaport")],
)
def test_a_malformed_database_url_refuses_to_start_and_names_the_bad_part(database_url, named):
    result = manage("check", DATABASE_URL=database_url)
    assert result.returncode != 0
    assert named in result.stderr


def test_a_malformed_number_refuses_to_start():
    result = manage("check", CONN_MAX_AGE="forever")
    assert result.returncode != 0
    assert "forever" in result.stderr


def test_a_debug_value_that_is_not_a_boolean_refuses_to_start():
    result = manage("check", DEBUG="maybe", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_local_defaults_are_danish_in_copenhagen_time_with_english_available():
    assert settings.LANGUAGE_CODE == "da"
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert [code for code, _ in settings.LANGUAGES] == ["da", "en"]
