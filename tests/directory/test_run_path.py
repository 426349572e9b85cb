"""`make run`'s own path, as a newcomer meets it: a fresh SQLite file, DEBUG on (Django then
logs and formats every SQL statement, which tests with DEBUG off never do), migrate, load the
demo network, and the first search finds biology for 5. klasse near Aarhus C."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"
SEARCH = """
from django.test import Client
body = Client().get('/api/v1/offers/?near=8000+Aarhus+C&subject=biologi&grade=5-klasse').json()
print(body['count'], body['results'][0]['distance_km'])
"""


@pytest.mark.slow
def test_migrate_and_load_demo_with_debug_on_then_search_near_aarhus(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "CACHE_URL")}
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=300
        )

    for command in (["migrate", "--no-input"], ["load_demo"]):
        result = manage(*command)
        assert result.returncode == 0, result.stderr[-3000:]
    result = manage("shell", "-c", SEARCH)
    assert result.returncode == 0, result.stderr[-3000:]
    count, nearest_km = result.stdout.split()[-2:]
    assert int(count) >= 2
    assert float(nearest_km) < 10
