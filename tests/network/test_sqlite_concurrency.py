"""SQLite, the embedded default, queues parallel edits instead of failing with "database is locked".

Each transaction takes the write lock when it begins (transaction_mode IMMEDIATE) and waits
for it up to the busy timeout; before, 55 of 60 such edits failed (see sqlite_writers.py).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], database: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "network.settings",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def test_sixty_parallel_edits_on_a_sqlite_file_all_succeed_and_all_are_kept(tmp_path):
    database = tmp_path / "parallel.sqlite3"
    migrated = run(["manage.py", "migrate", "--no-input", "-v0"], database)
    assert migrated.returncode == 0, migrated.stderr
    # Six writers (a few server workers' worth), ten edits each, all at once.
    result = run(["-m", "tests.network.sqlite_writers", "6", "10"], database)
    assert result.returncode == 0, result.stderr
    figures = dict(part.split("=") for part in result.stdout.split()[:5])
    assert figures["failed"] == "0", result.stdout
    assert figures["edits"] == figures["saved"] == "60", result.stdout


def test_the_sqlite_settings_take_the_write_lock_at_the_start_of_a_transaction(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return  # PostgreSQL locks rows, not the database
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
