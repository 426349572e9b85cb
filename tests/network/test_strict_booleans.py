"""Every boolean setting is strict: a word that is not clearly yes or no stops start-up."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SETTINGS = Path(__file__).resolve().parents[2] / "network" / "settings.py"
BOOLEAN_SETTINGS = re.findall(r'strict_bool\("([A-Z_]+)"', SETTINGS.read_text())


def start_up(**environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in BOOLEAN_SETTINGS}
    # DEBUG off, so the production-only switches (SECURE_SSL_REDIRECT) are read too.
    env.update({"DJANGO_SETTINGS_MODULE": "network.settings", "SECRET_KEY": "k3y-" * 20, "DEBUG": "0"})
    env.update(environment)
    code = "import django; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=SETTINGS.parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_boolean_setting_is_read_leniently():
    assert "env.bool(" not in SETTINGS.read_text()
    assert {"DEBUG", "GEOCODER_FALLBACK", "NETWORK_MEMBERS_PUBLISH_DIRECTLY", "SECURE_SSL_REDIRECT"} <= set(
        BOOLEAN_SETTINGS
    )


@pytest.mark.parametrize("name", BOOLEAN_SETTINGS)
def test_a_malformed_boolean_stops_start_up_naming_the_setting(name):
    refused = start_up(**{name: "maybe"})
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and name in refused.stderr
    assert start_up(**{name: "off"}).returncode == 0, start_up(**{name: "off"}).stderr
