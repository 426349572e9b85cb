"""Digest benchmark: a week's digests for 50,000 subscribers, through the site's search engine.

    .venv/bin/python bench/bench_digest.py [--subscribers 50000] [--scale 5000] [--smtp 2000]
    DATABASE_URL=postgres://…/scratch .venv/bin/python bench/bench_digest.py

SQLite by default, in its own file bench/digest.sqlite3 (gitignored). The catalogue is the demo
network plus `load_demo --scale N` synthetic places (1–3 offers each); 2 % of the published
offers are made this week's news (published two days ago), the rest published two months ago.
Subscribers get varied filters, seeded: one or two subjects (or none), a grade (or none), and
an area — near one of the ~600 postal-district points (what the subscribe form stores for a
postcode or town) with a radius of 10, 25 or 50 km (60 %), a municipality (25 %) or all of
Denmark (15 %) — and sometimes a delivery form. Weekly and monthly subscribers are all due on the first run.

Phase 1 runs `digest_run` as `manage.py send_digests` does (the database queue backend, so each
queued e-mail is a task row, as in production) and times every subscriber: digests per second,
p50/p95 per subscriber (all, and those that got an e-mail), and the distinct searches run.
Phase 2 sends `--smtp` of the queued e-mails with the queue's own task (`send_email`) to a
local aiosmtpd server and prints the SMTP send rate. Goal: 50,000 digests in under 10 minutes
on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'digest.sqlite3'}")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("TASKS_BACKEND", "database")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

NEWS_SHARE = 0.02
TARGET_SECONDS = 600.0
EMAIL_DOMAIN = "bench.invalid"


def prepare_catalogue(scale: int) -> None:
    from directory.models import LearningEnvironment, Offer

    call_command("migrate", verbosity=0)
    if not Offer.objects.exclude(organisation__slug__startswith="synthetic-").exists():
        print("loading the demo network …", flush=True)
        call_command("load_demo", verbosity=0)
    if LearningEnvironment.objects.filter(slug__startswith="synthetic-").count() != scale:
        print(f"generating {scale:,} synthetic places (load_demo --scale) …", flush=True)
        call_command("load_demo", scale=scale, verbosity=0)
    now = timezone.now()
    published = Offer.objects.published()
    ids = sorted(published.values_list("pk", flat=True))
    news = random.Random(7).sample(ids, max(1, int(len(ids) * NEWS_SHARE)))
    with transaction.atomic():
        published.update(published_at=now - timedelta(days=60), updated_at=now - timedelta(days=60))
        published.filter(pk__in=news).update(published_at=now - timedelta(days=2), updated_at=now)
    print(f"catalogue: {len(ids):,} published offers, {len(news):,} of them this week's news", flush=True)


def postcode_points() -> list[tuple[float, float]]:
    """Where subscribers' areas are: a postal district's point, as the subscribe form stores
    the geocoded postcode or town a teacher types (maps/data/postcodes.csv)."""
    import csv

    with open(ROOT / "maps" / "data" / "postcodes.csv", encoding="utf-8") as source:
        rows = csv.DictReader(line for line in source if not line.startswith("#"))
        return sorted({(float(row["latitude"]), float(row["longitude"])) for row in rows})


def subscription_filters(
    rng: random.Random, subjects, grades, municipalities, postcode_points, delivery_name
) -> str:
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for slug in rng.sample(subjects, rng.choice((0, 1, 1, 1, 2))):
        query.appendlist("subject", slug)
    if rng.random() < 0.7:
        query["grade"] = rng.choice(grades)
    area = rng.random()
    if area < 0.6:
        latitude, longitude = rng.choice(postcode_points)
        query["near"] = f"{latitude:.5f},{longitude:.5f}"
        query["radius"] = str(rng.choice((10, 25, 25, 50)))
    elif area < 0.85:
        query["municipality"] = str(rng.choice(municipalities)[0])
    if rng.random() < 0.2:
        query[delivery_name] = rng.choice(("paa-stedet", "udgaaende", "digitalt"))
    return "&".join(sorted(query.urlencode().split("&"))) if query else ""


def prepare_subscribers(count: int) -> None:
    from django_tasks_db.models import DBTaskResult

    from directory.models import Grade, Subject
    from maps.models import Municipality
    from network.newsletter import matching
    from network.newsletter.models import DigestSending, Subscriber, Subscription

    with transaction.atomic():
        DigestSending.objects.all().delete()
        Subscription.objects.all().delete()
        Subscriber.objects.all().delete()
        DBTaskResult.objects.all().delete()
    rng = random.Random(13)
    subjects = list(Subject.objects.values_list("slug", flat=True))
    grades = list(Grade.objects.values_list("slug", flat=True))
    municipalities = list(Municipality.objects.values_list("code", "latitude", "longitude"))
    delivery_name = matching.delivery_parameter()
    points = postcode_points()
    confirmed = timezone.now() - timedelta(days=7)
    subscribers = [
        Subscriber(
            email=f"laerer{number}@{EMAIL_DOMAIN}",
            status=Subscriber.Status.ACTIVE,
            rhythm=Subscriber.Rhythm.MONTHLY if rng.random() < 0.15 else Subscriber.Rhythm.WEEKLY,
            language="en" if rng.random() < 0.05 else "da",
            wants_network_news=rng.random() < 0.5,
            confirmed_at=confirmed,
            consented_at=confirmed,
        )
        for number in range(count)
    ]
    with transaction.atomic():
        Subscriber.objects.bulk_create(subscribers, batch_size=2000)
        ids = Subscriber.objects.order_by("pk").values_list("pk", flat=True)
        Subscription.objects.bulk_create(
            [
                Subscription(
                    subscriber_id=pk,
                    filters=subscription_filters(
                        rng, subjects, grades, municipalities, points, delivery_name
                    ),
                    confirmed_at=confirmed,
                )
                for pk in ids
            ],
            batch_size=2000,
        )
    distinct = Subscription.objects.values("filters").distinct().count()
    print(f"subscribers: {count:,} with {distinct:,} distinct searches", flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def build_digests() -> None:
    from network.newsletter import digest

    timings: list[float] = []

    def timed(subscribers):
        last = time.perf_counter()
        for subscriber in subscribers:
            yield subscriber
            now = time.perf_counter()
            timings.append(now - last)
            last = now

    started = time.perf_counter()
    run = digest.digest_run(progress=timed)
    seconds = time.perf_counter() - started
    done = run.sent + run.empty
    print(f"\ndigests: {run.summary()}")
    print(f"  {done:,} subscribers in {seconds:.1f} s = {done / seconds:,.0f} digests/s", flush=True)
    print(
        f"  per subscriber: p50 {statistics.median(timings) * 1000:.2f} ms, "
        f"p95 {percentile(timings, 0.95) * 1000:.2f} ms, max {max(timings) * 1000:.1f} ms"
    )
    print(f"  distinct searches run: {run.searches_run:,}; goal 50,000 in {TARGET_SECONDS:.0f} s:", end=" ")
    projected = 50_000 / (done / seconds)
    print(f"{'met' if projected < TARGET_SECONDS else 'NOT met'} (projected {projected:.0f} s)")


def send_some(count: int) -> None:
    from django_tasks_db.models import DBTaskResult

    from network.mail import send_email
    from tests.smtp import start_server

    controller, mailbox = start_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        controller.hostname,
        controller.port,
        False,
    )
    queued = list(DBTaskResult.objects.filter(queue_name="mail").order_by("pk")[:count])
    started = time.perf_counter()
    for row in queued:
        send_email.call(**row.args_kwargs["kwargs"])
    mailbox.wait_for(len(queued), timeout=60)
    seconds = time.perf_counter() - started
    controller.stop()
    size = statistics.mean(len(message.as_bytes()) for message in mailbox.messages) if queued else 0
    print(
        f"\nSMTP: {len(queued):,} digests sent by the mail task to aiosmtpd in {seconds:.1f} s = "
        f"{len(queued) / seconds:,.0f} e-mails/s (one connection each, as the task does; "
        f"mean size {size / 1024:.1f} KiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=50_000)
    parser.add_argument("--scale", type=int, default=5_000, help="synthetic places (load_demo --scale)")
    parser.add_argument("--smtp", type=int, default=2_000, help="queued digests to send over SMTP")
    args = parser.parse_args()
    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})", flush=True)
    prepare_catalogue(args.scale)
    prepare_subscribers(args.subscribers)
    build_digests()
    send_some(args.smtp)


if __name__ == "__main__":
    main()
