"""Parallel edits against a SQLite file, run in its own process by test_sqlite_concurrency.

Usage: python -m tests.network.sqlite_writers <threads> <edits per thread> [transaction mode]
Prints one line: "edits=<n> failed=<n> locked=<n> saved=<n> seconds=<s>". The database is the one
DATABASE_URL names (a fresh file, migrated first by the caller).
"""

import os
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402


def main(threads: int, edits: int, mode: str | None) -> None:
    if mode:  # to measure the old behaviour: "DEFERRED" is SQLite's (and Django's) default
        settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = mode
    django.setup()
    from django.db import connection

    from directory.models import Offer
    from directory.services import offers as offer_services
    from tests import factories

    offers = [factories.OfferFactory(title=f"Parallel {n}") for n in range(threads)]
    connection.close()
    failures: list[str] = []
    barrier = threading.Barrier(threads)

    def edit(worker: int) -> None:
        barrier.wait()
        try:
            for number in range(edits):
                # Half edit their own offer, half the shared first one: both kinds of contention.
                target = offers[0] if worker % 2 else offers[worker]
                try:
                    offer_services.offer_update(
                        offer=Offer.objects.get(pk=target.pk), title=f"Parallel {worker}.{number}"
                    )
                except Exception as error:  # counted, not raised: the figure is the point
                    failures.append(f"{type(error).__name__}: {error}")
        finally:
            from django.db import connection as own

            own.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=edit, args=(worker,)) for worker in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    locked = sum("locked" in failure for failure in failures)
    # Every edit that answered without an error must be in the history, none lost.
    saved = Offer.history.filter(
        history_change_reason="update", id__in=[offer.pk for offer in offers]
    ).count()
    print(
        f"edits={threads * edits} failed={len(failures)} locked={locked} saved={saved} seconds={seconds:.2f}"
    )
    for failure in sorted(set(failures))[:5]:
        print("  " + failure)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
