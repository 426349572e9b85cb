"""Event registration under contention: how much the row lock costs, serially and in parallel.

    DATABASE_URL=postgres://… .venv/bin/python bench/bench_registration.py [--threads 8] [--each 25]

Creates a throw-away organiser, place and event in the configured (migrated) database, and
deletes them at the end. Prints p50/p95 per call and calls per second for
  floor     a plain INSERT of one registration row in its own transaction (no lock, no count);
  serial    registration_create one after the other (lock the event row, count, insert, queue mail);
  parallel  registration_create from --threads threads at once on the same event (they queue on the lock);
each with its ratio to the floor measured in the same run. The e-mail is built and handed to a dummy
backend, so the queue is part of the measurement but no SMTP server is needed. Run on PostgreSQL:
SQLite serialises writers and refuses some of the parallel ones.
"""

import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
os.environ["TASKS_BACKEND"] = "immediate"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.db import connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from directory.models import Category, LearningEnvironment, Organisation  # noqa: E402
from network.events.models import Event, Registration  # noqa: E402
from network.events.services import RegistrationRefused, hash_token, registration_create  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def report(name: str, samples: list[float], wall: float, floor_p50: float | None) -> float:
    p50, p95 = percentiles(samples)
    ratio = f"  {p50 / floor_p50:5.1f}× floor" if floor_p50 else ""
    print(f"{name:<9} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  {len(samples) / wall:8.0f} calls/s{ratio}")
    return p50


def make_event(tag: str) -> Event:
    organiser = Organisation.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}", is_network_member=True)
    place = LearningEnvironment.objects.create(
        organisation=organiser, name=f"Bench {tag}", slug=f"bench-{tag}", category=Category.objects.first(),
        postcode="8000", city="Aarhus C", latitude=56.15, longitude=10.2,
    )  # fmt: skip
    start = timezone.now() + timedelta(days=30)
    return Event.objects.create(
        title=f"Bench {tag}", slug=f"bench-{tag}", organiser=organiser, venue=place, starts_at=start,
        ends_at=start + timedelta(hours=3), capacity=100, status=Event.Status.PUBLISHED,
    )  # fmt: skip


def floor(event: Event, count: int) -> list[float]:
    samples = []
    for number in range(count):
        began = time.perf_counter()
        with transaction.atomic():
            Registration.objects.create(
                event=event, name="Floor", email=f"floor{number}@bench.dk", consent=True,
                status=Registration.Status.CONFIRMED, token_hash=hash_token(f"floor-{event.pk}-{number}"),
            )  # fmt: skip
        samples.append(time.perf_counter() - began)
    return samples


def register(event: Event, emails: list[str], samples: list[float], lock: threading.Lock) -> None:
    try:
        for email in emails:
            began = time.perf_counter()
            try:
                registration_create(
                    event=event, name="Bench", email=email, consent=True, join_waiting_list=True
                )
            except RegistrationRefused:
                pass
            elapsed = time.perf_counter() - began
            with lock:
                samples.append(elapsed)
    finally:
        connections.close_all()


def main(threads: int = 8, each: int = 25) -> None:
    tag = str(int(time.time()))
    events = [make_event(f"{tag}-{name}") for name in ("floor", "serial", "parallel")]
    total = threads * each
    try:
        print(
            f"{connections['default'].vendor}: {total} registrations per run, {threads} threads in parallel"
        )
        began = time.perf_counter()
        floor_p50 = report("floor", floor(events[0], total), time.perf_counter() - began, None)

        samples: list[float] = []
        began = time.perf_counter()
        register(events[1], [f"s{n}@bench.dk" for n in range(total)], samples, threading.Lock())
        report("serial", samples, time.perf_counter() - began, floor_p50)

        samples, lock = [], threading.Lock()
        workers = [
            threading.Thread(target=register, args=(events[2], [f"p{t}-{n}@bench.dk" for n in range(each)], samples, lock))
            for t in range(threads)
        ]  # fmt: skip
        began = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        report("parallel", samples, time.perf_counter() - began, floor_p50)
        confirmed = Registration.objects.filter(event=events[2], status="confirmed").count()
        waiting = Registration.objects.filter(event=events[2], status="waiting").count()
        print(f"parallel: {confirmed} confirmed of 100 seats, {waiting} waiting (never more than the seats)")
    finally:
        for event in events:
            organiser, place = event.organiser, event.venue
            event.delete()
            place.delete()
            organiser.delete()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    options = {arguments[i].lstrip("-"): int(arguments[i + 1]) for i in range(0, len(arguments), 2)}
    main(**options)
