"""Synthetic directory data at scale, for benchmarks: `load_demo --scale N`.

Places are spread the way a real catalogue is: half of them uniformly over Danish land
(farms, nature schools, forests, manor houses are everywhere) and half around the gazetteer's
towns, weighted by population (museums, science centres and libraries sit where people live),
within a town-sized disc (about 14 km for Copenhagen, 8 km for Aarhus, 2–3 km for a small
town). "Land" is a coarse mask: cells within LAND_KM of a known place (towns, postal
districts, municipality centres) and inside Denmark as maps.geocoding.geography sees it. That
keeps points off open water and out of Sweden and Germany without a coastline file; a point
can still sit up to ~LAND_KM off a coast, which is fine for benchmarks. The result: about
8% of the places within 10 km of central Copenhagen (a third of Denmark's people live in
the capital region), not the 40% that sampling around every postal district gave, since
Copenhagen alone has hundreds of them.

Everything is seeded, so a run with the same N and seed gives the same rows. Rows are marked
with the "synthetic-" prefix (slugs and external ids), so a new run replaces the previous
one without touching the demo network or real data. Geocoding is bypassed: the municipality
comes from the land mask (nearest known place), precision "town", source "synthetic".

The places are written in chunks, each in its own transaction with its own seed, so a run
that is stopped keeps whole chunks (never a place without its offers) and the next run with
the same N and seed carries on where it stopped; a million places never sit in one
transaction whose rollback would leave gigabytes of dead rows. The search tables are rebuilt
once at the end, in one transaction, so a search sees the old rows or the new, never a mix.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Organisation, Subject
from directory.models.offers import months_to_mask
from directory.search.refresh import search_index_refresh
from maps.geocoding.data import tables
from maps.geocoding.geography import BOUNDS, GERMANY, SWEDEN, in_denmark
from maps.models import Municipality

PREFIX = "synthetic-"
GENERATOR_VERSION = 2  # part of a run's signature: rows made by another version are replaced
LAND_KM = 3.0
MAX_JITTER_KM = 15.0
SHARE_UNIFORM_ON_LAND = 0.5
TOWN_KM_PER_SQRT_PEOPLE = 0.012  # Copenhagen (1.15 M) ~14 km, Aarhus ~8 km, 5,000 people ~2.4 km
CELL_LAT = 0.02  # ~2.2 km
CELL_LNG = 0.03  # ~1.9 km at 56° N
KM_PER_DEGREE_LAT = 111.2
ENVIRONMENTS_PER_ORGANISATION = 8
SCHOOL_MONTHS = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
TOPICS = [
    "Opdag", "Undersøg", "Byg", "Mød", "Oplev", "Eksperimentér med", "Fortæl om", "Gå på jagt efter",
]  # fmt: skip
THEMES = [
    "dyrene", "fortiden", "vandet", "skoven", "kunsten", "energien", "byen", "havet", "maden",
    "klimaet", "stjernerne", "maskinerne", "sproget", "kroppen", "markerne", "kysten",
]  # fmt: skip

Progress = Callable[[Iterable], Iterable]


@dataclass
class SyntheticSummary:
    deleted_environments: int
    organisations: int
    environments: int
    offers: int
    seconds: float
    chunks_resumed: int = 0
    chunks: int = 0


def _cell(lat: float, lng: float) -> tuple[int, int]:
    return math.floor(lat / CELL_LAT), math.floor(lng / CELL_LNG)


@cache
def land_cells() -> dict[tuple[int, int], int]:
    """Land cell -> municipality code of the nearest known place in it."""
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for lat, lng, code in tables().reference_points:
        reach_lat = LAND_KM / KM_PER_DEGREE_LAT
        reach_lng = reach_lat / math.cos(math.radians(lat))
        row_from, column_from = _cell(lat - reach_lat, lng - reach_lng)
        row_to, column_to = _cell(lat + reach_lat, lng + reach_lng)
        for row in range(row_from, row_to + 1):
            for column in range(column_from, column_to + 1):
                centre_lat, centre_lng = (row + 0.5) * CELL_LAT, (column + 0.5) * CELL_LNG
                distance = math.hypot(
                    (centre_lat - lat) * KM_PER_DEGREE_LAT,
                    (centre_lng - lng) * KM_PER_DEGREE_LAT * math.cos(math.radians(lat)),
                )
                if distance <= LAND_KM and distance < best.get((row, column), (math.inf, 0))[0]:
                    best[row, column] = (distance, code)
    return {
        cell: code
        for cell, (_, code) in best.items()
        if in_denmark((cell[0] + 0.5) * CELL_LAT, (cell[1] + 0.5) * CELL_LNG)
    }


@cache
def _border_cells() -> frozenset[tuple[int, int]]:
    """Land cells where a point may still fall outside Denmark: cells reaching past Denmark's
    box or crossed by an edge of the Swedish or German polygon. Only there is each point checked
    with in_denmark (a few milliseconds each). Elsewhere the whole cell is on the side of both
    polygons that its centre is on (a land cell's centre is in Denmark), inside the box, and a
    point in it lies within LAND_KM plus half a cell of a known place, far inside in_denmark's
    distance limit."""
    edges = [
        (polygon[index], polygon[(index + 1) % len(polygon)])
        for polygon in (SWEDEN, GERMANY)
        for index in range(len(polygon))
    ]
    border = set()
    for row, column in land_cells():
        south, west = row * CELL_LAT, column * CELL_LNG
        north, east = south + CELL_LAT, west + CELL_LNG
        inside_box = (
            BOUNDS["min_lat"] <= south and north <= BOUNDS["max_lat"]
            and BOUNDS["min_lng"] <= west and east <= BOUNDS["max_lng"]
        )  # fmt: skip
        if not inside_box or any(
            _segment_meets_box(start, end, (south, north, west, east)) for start, end in edges
        ):
            border.add((row, column))
    return frozenset(border)


def _segment_meets_box(start, end, box) -> bool:
    """Whether the segment (lat, lng) → (lat, lng) touches the box (south, north, west, east):
    Liang–Barsky clipping."""
    (lat0, lng0), (lat1, lng1) = start, end
    south, north, west, east = box
    low, high = 0.0, 1.0
    for delta, distance in (
        (-(lng1 - lng0), lng0 - west),
        (lng1 - lng0, east - lng0),
        (-(lat1 - lat0), lat0 - south),
        (lat1 - lat0, north - lat0),
    ):
        if delta == 0:
            if distance < 0:
                return False
            continue
        ratio = distance / delta
        if delta < 0:
            low = max(low, ratio)
        else:
            high = min(high, ratio)
        if low > high:
            return False
    return True


def sample_points(count: int, rng: random.Random) -> Iterator[tuple[float, float, int]]:
    """(latitude, longitude, municipality code) on Danish land, `count` of them."""
    mask = land_cells()
    cells = sorted(mask)
    towns = sorted(
        {place for places in tables().towns.values() for place in places if place.population},
        key=lambda place: (place.name, place.latitude, place.longitude),
    )
    town_weights = list(itertools.accumulate(place.population for place in towns))
    border = _border_cells()
    produced = 0
    while produced < count:
        if rng.random() < SHARE_UNIFORM_ON_LAND:
            row, column = cells[rng.randrange(len(cells))]
            lat, lng = (row + rng.random()) * CELL_LAT, (column + rng.random()) * CELL_LNG
        else:
            town = rng.choices(towns, cum_weights=town_weights)[0]
            # Denser towards the centre (density ~ 1/r), out to a radius that grows with the town.
            reach_km = min(MAX_JITTER_KM, 1.5 + TOWN_KM_PER_SQRT_PEOPLE * math.sqrt(town.population))
            radius, angle = reach_km * rng.random(), rng.random() * 2 * math.pi
            lat = town.latitude + radius * math.sin(angle) / KM_PER_DEGREE_LAT
            lng = town.longitude + radius * math.cos(angle) / (
                KM_PER_DEGREE_LAT * math.cos(math.radians(town.latitude))
            )
        cell = _cell(lat, lng)
        code = mask.get(cell)
        # The mask is judged at cell centres; a cell's corner can still be in Sweden or Germany.
        if code is not None and (cell not in border or in_denmark(lat, lng)):
            produced += 1
            yield round(lat, 6), round(lng, 6), code


def synthetic_delete() -> int:
    """Remove every synthetic row; returns the number of environments removed.

    Raw deletes on purpose: Django's cascade would load every row and simple-history would
    write one historical row per deleted offer, which turns a second's work into minutes.
    Related rows (many-to-many links, anything pointing at an offer) are removed first.
    """
    offers = Offer.objects.filter(slug__startswith=PREFIX)
    environments = LearningEnvironment.objects.filter(slug__startswith=PREFIX)
    organisations = Organisation.objects.filter(slug__startswith=PREFIX)
    for model, queryset in (
        (Offer, offers),
        (LearningEnvironment, environments),
        (Organisation, organisations),
    ):
        _delete_related(model, queryset)
    removed = environments.count()
    for queryset in (offers, environments, organisations):
        queryset._raw_delete(queryset.db)
    return removed


def _delete_related(model: type[models.Model], queryset: models.QuerySet) -> None:
    for through in _through_models(model):
        for field in through._meta.fields:
            if field.is_relation and field.related_model is model:
                through.objects.filter(**{f"{field.name}__in": queryset.values("pk")}).delete()
    for relation in model._meta.related_objects:
        if not relation.many_to_many and relation.related_model not in (Offer, LearningEnvironment):
            relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": queryset.values("pk")}
            ).delete()


def _through_models(model: type[models.Model]) -> list[type[models.Model]]:
    own = [field.remote_field.through for field in model._meta.many_to_many]
    pointing = [rel.through for rel in model._meta.related_objects if rel.many_to_many]
    return [through for through in own + pointing if through._meta.auto_created]


class _Vocabulary:
    """The reference rows, read once, in a stable order so a seed gives the same data."""

    def __init__(self) -> None:
        self.categories = list(Category.objects.order_by("pk").values_list("pk", "name"))
        self.subjects = list(Subject.objects.order_by("pk").values_list("pk", flat=True))
        self.grades = list(Grade.objects.order_by("level").values_list("level", flat=True))
        self.languages = list(Language.objects.order_by("pk").values_list("pk", flat=True))
        self.region_of = tables().region_of
        self.municipality_names = {row.code: row.short_name for row in Municipality.objects.all()}


def synthetic_generate(
    *, count: int, seed: int = 2024, batch_size: int = 5000, progress: Progress | None = None
) -> SyntheticSummary:
    """Replace the synthetic data with `count` environments, 1–3 offers each; or, when a run
    with the same count and seed was stopped, finish it.

    Each chunk of `batch_size` places commits on its own; the search tables are rebuilt at
    the end in one transaction. The elapsed time includes the commits (where PostgreSQL would
    check deferred foreign keys)."""
    started = time.perf_counter()
    signature = _signature(count, seed, batch_size)
    chunks = range(math.ceil(count / batch_size))
    deleted = 0
    if _current_signature() != signature:
        with transaction.atomic():
            _skip_foreign_key_triggers()
            deleted = synthetic_delete()
            _create_organisations(math.ceil(count / ENVIRONMENTS_PER_ORGANISATION), batch_size, signature)
    organisation_ids = _organisation_ids()
    vocabulary = _Vocabulary()
    done = _chunks_done(chunks, batch_size, count)
    offer_total = 0
    for chunk in (progress or (lambda items: items))(chunks):
        if chunk in done:
            continue
        with transaction.atomic():
            _skip_foreign_key_triggers()
            offer_total += _generate_chunk(chunk, count, seed, batch_size, organisation_ids, vocabulary)
    with transaction.atomic():
        _sort_in_memory()
        _reset_sequences([Organisation, LearningEnvironment, Offer])
        search_index_refresh()  # the search tables, rebuilt whole: INSERT … SELECT
    _analyze()
    seconds = time.perf_counter() - started
    return SyntheticSummary(
        deleted, len(organisation_ids), count, offer_total, seconds, len(done), len(chunks)
    )


def _signature(count: int, seed: int, batch_size: int) -> str:
    return (
        f"Syntetiske testdata: {count} steder, frø {seed}, {batch_size} pr. del, version {GENERATOR_VERSION}"
    )


def _current_signature() -> str | None:
    first = Organisation.objects.filter(slug=f"{PREFIX}org-1").values_list("description", flat=True).first()
    return first


def _organisation_ids() -> list[int]:
    """The synthetic organisations' ids in their numbered order."""
    numbered = Organisation.objects.filter(slug__startswith=f"{PREFIX}org-").values_list("slug", "pk")
    by_number = {int(slug.removeprefix(f"{PREFIX}org-")): pk for slug, pk in numbered}
    return [by_number[number] for number in sorted(by_number)]


def _chunks_done(chunks: range, batch_size: int, count: int) -> set[int]:
    """Chunks a stopped run committed: a chunk's places and offers commit together, so its
    last place is there exactly when the whole chunk is."""
    last_slugs = {f"{PREFIX}env-{min((chunk + 1) * batch_size, count)}": chunk for chunk in chunks}
    present = LearningEnvironment.objects.filter(slug__in=last_slugs).values_list("slug", flat=True)
    return {last_slugs[slug] for slug in present}


def _generate_chunk(chunk, count, seed, batch_size, organisation_ids, vocabulary) -> int:
    """One chunk's places and offers, from its own seed: a resumed run makes the same rows."""
    rng = random.Random(f"{seed}:{chunk}")
    environment_ids, offer_ids = _IdBlock(LearningEnvironment), _IdBlock(Offer)
    numbers = range(chunk * batch_size + 1, min((chunk + 1) * batch_size, count) + 1)
    points = sample_points(len(numbers), rng)
    environments = [
        _environment_row(number, environment_ids.next(), next(points), organisation_ids, vocabulary, rng)
        for number in numbers
    ]
    bulk_insert(LearningEnvironment, environments)
    return _create_offers(environments, offer_ids, vocabulary, rng)


def _skip_foreign_key_triggers() -> None:
    """On PostgreSQL, checking a million foreign keys (deferred to the commit by Django) takes
    longer than writing the rows. The generator makes its ids consistent by construction, so
    when the role may (superuser), this transaction skips the FK triggers; CHECK and UNIQUE
    constraints still apply. Elsewhere, or without the privilege, the checks simply run."""
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass


def database_size() -> int:
    """Bytes the database takes (PostgreSQL: the whole database; SQLite: the file)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def _sort_in_memory() -> None:
    """On PostgreSQL, give this transaction room to sort and hash the rebuild's millions of
    rows in memory (the default work_mem, 4 MB, spills them to disk)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '256MB'")


def _analyze() -> None:
    """Fresh planner statistics for the tables that just grew (autovacuum would, later)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class _IdBlock:
    """Primary keys handed out in order after the current maximum: rows are inserted with
    explicit ids, so the offers can point at their environment without reading ids back."""

    def __init__(self, model: type[models.Model]) -> None:
        self.last = model.objects.aggregate(highest=models.Max("pk"))["highest"] or 0

    def next(self) -> int:
        self.last += 1
        return self.last


def bulk_insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT rows (dicts by attribute name) with executemany, bypassing the ORM's per-object
    compilation, which is most of bulk_create's cost at this scale (and SQLite's 999-parameter
    limit caps bulk_create at ~40 rows a statement). Missing fields take the field default;
    timestamps are now."""
    if not rows:
        return
    fields = model._meta.concrete_fields
    now = timezone.now()
    fallback = {}
    for field in fields:
        stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        value = now if stamped else field.get_default()  # "" for text, None for nullable
        fallback[field.attname] = field.get_db_prep_save(value, connection)
    attnames = [field.attname for field in fields if field.attname in rows[0] or not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in attnames)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(attnames))})"
    )
    values = [tuple(row.get(name, fallback[name]) for name in attnames) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one go; executemany costs a round trip per row here.
            table = f"{quote(model._meta.db_table)} ({columns})"
            with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            cursor.executemany(sql, values)


def _reset_sequences(model_list: list[type[models.Model]]) -> None:
    """PostgreSQL's id sequences do not see explicit ids; move them past the new rows."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _create_organisations(total: int, batch_size: int, signature: str) -> None:
    """The organisations, each carrying the run's signature: a later run reads it from the
    first to know whether it continues this run or replaces it."""
    organisations = [
        Organisation(
            name=f"Syntetisk organisation {number}",
            slug=f"{PREFIX}org-{number}",
            external_id=f"{PREFIX}org-{number}",
            kind=Organisation.Kind.INSTITUTION,
            description=signature,
        )
        for number in range(1, max(1, total) + 1)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=batch_size)


def _environment_row(number, pk, point, organisation_ids, vocabulary, rng) -> dict[str, Any]:
    latitude, longitude, code = point
    category_id, category_name = rng.choice(vocabulary.categories)
    town = vocabulary.municipality_names.get(code, "")
    return {
        "id": pk,
        "organisation_id": organisation_ids[(number - 1) // ENVIRONMENTS_PER_ORGANISATION],
        "name": f"{category_name} {town} {number}",
        "slug": f"{PREFIX}env-{number}",
        "external_id": f"{PREFIX}env-{number}",
        "category_id": category_id,
        "city": town,
        "latitude": latitude,
        "longitude": longitude,
        "coordinate_source": "synthetic",
        "coordinate_precision": LearningEnvironment.Precision.TOWN.value,
        "municipality_id": code,
        "region_id": vocabulary.region_of[code],
    }


def _create_offers(environments, offer_ids, vocabulary, rng) -> int:
    published_at = Offer._meta.get_field("published_at").get_db_prep_save(timezone.now(), connection)
    offers, subject_links, environment_links, language_links = [], [], [], []
    for environment in environments:
        for index in range(1, rng.randint(1, 3) + 1):
            offer = _offer_row(environment, index, offer_ids.next(), vocabulary, rng, published_at)
            offers.append(offer)
            environment_links.append({"offer_id": offer["id"], "learningenvironment_id": environment["id"]})
            for subject_id in rng.sample(vocabulary.subjects, rng.randint(1, 3)):
                subject_links.append({"offer_id": offer["id"], "subject_id": subject_id})
            for code in ("da", "en") if rng.random() < 0.2 else ("da",):
                language_links.append({"offer_id": offer["id"], "language_id": code})
    bulk_insert(Offer, offers)
    bulk_insert(Offer.environments.through, environment_links)
    bulk_insert(Offer.subjects.through, subject_links)
    bulk_insert(Offer.languages.through, language_links)
    return len(offers)


def _offer_row(environment, index, pk, vocabulary, rng, published_at) -> dict[str, Any]:
    if rng.random() < 0.9:
        grade_from, grade_to = sorted(rng.sample(vocabulary.grades, 2))
    else:
        grade_from = grade_to = rng.choice(vocabulary.grades)
    roll = rng.random()
    offer_format = "paa-stedet" if roll < 0.7 else "udgaaende" if roll < 0.9 else "digitalt"
    roll = rng.random()
    status = "published" if roll < 0.9 else "draft" if roll < 0.95 else "archived"
    months = rng.sample(SCHOOL_MONTHS, rng.randint(3, len(SCHOOL_MONTHS)))
    number = environment["slug"].removeprefix(f"{PREFIX}env-")
    return {
        "id": pk,
        "organisation_id": environment["organisation_id"],
        "title": f"{rng.choice(TOPICS)} {rng.choice(THEMES)} ({environment['city'] or 'Danmark'})",
        "slug": f"{PREFIX}offer-{number}-{index}",
        "external_id": f"{PREFIX}offer-{number}-{index}",
        "summary": "Syntetisk tilbud til belastningstest.",
        "grade_from_id": grade_from,
        "grade_to_id": grade_to,
        "format": offer_format,
        "duration_minutes": rng.choice([45, 60, 90, 120, 180]),
        "max_participants": rng.choice([25, 28, 30, 60]),
        "price_dkk": Decimal(0) if rng.random() < 0.6 else Decimal(rng.randrange(100, 1600, 50)),
        "months": months_to_mask(months),
        "service_radius_km": rng.choice([10, 20, 30, 50]) if offer_format == "udgaaende" else None,
        "status": status,
        "published_at": published_at if status == "published" else None,
    }
