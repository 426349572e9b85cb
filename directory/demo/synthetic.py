"""Synthetic directory data at scale, for benchmarks: `load_demo --scale N`.

Places are sampled on land: around the ~1,500 known Danish places of the offline gazetteer
(towns, postal districts, municipality centres), jittered up to 15 km, and kept only when
they land in a cell of a coarse land mask (cells within LAND_KM of a known place and inside
Denmark as maps.geocoding.geography sees it). That keeps points off open water and out of
Sweden and Germany without a coastline file; a point can still sit up to ~LAND_KM off a
coast, which is fine for benchmarks. Dense areas (cities have many postal districts) get more
places, as real catalogues do.

Everything is seeded, so a run with the same N and seed gives the same rows. Rows are marked
with the "synthetic-" prefix (slugs and external ids), so a new run replaces the previous
one without touching the demo network or real data. Geocoding is bypassed: the municipality
comes from the land mask (nearest known place), precision "town", source "synthetic".
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.db import models, transaction
from django.utils import timezone

from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Organisation, Subject
from directory.models.offers import months_to_mask
from maps.geocoding.data import tables
from maps.geocoding.geography import in_denmark
from maps.models import Municipality

PREFIX = "synthetic-"
LAND_KM = 3.0
MAX_JITTER_KM = 15.0
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


def sample_points(count: int, rng: random.Random) -> Iterator[tuple[float, float, int]]:
    """(latitude, longitude, municipality code) on Danish land, `count` of them."""
    anchors = tables().reference_points
    mask = land_cells()
    produced = 0
    while produced < count:
        lat, lng, _ = anchors[rng.randrange(len(anchors))]
        # r = max * u² puts most points near the anchor (towns) and some out in the country.
        radius, angle = MAX_JITTER_KM * rng.random() ** 2, rng.random() * 2 * math.pi
        lat += radius * math.sin(angle) / KM_PER_DEGREE_LAT
        lng += radius * math.cos(angle) / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
        code = mask.get(_cell(lat, lng))
        if code is not None:
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
        self.categories = list(Category.objects.order_by("pk"))
        self.subjects = list(Subject.objects.order_by("pk").values_list("pk", flat=True))
        self.grades = list(Grade.objects.order_by("level").values_list("level", flat=True))
        self.languages = list(Language.objects.order_by("pk").values_list("pk", flat=True))
        self.region_of = tables().region_of
        self.municipality_names = {row.code: row.short_name for row in Municipality.objects.all()}


@transaction.atomic
def synthetic_generate(
    *, count: int, seed: int = 2024, batch_size: int = 5000, progress: Progress | None = None
) -> SyntheticSummary:
    """Replace the synthetic data with `count` environments, 1–3 offers each."""
    started = timezone.now()
    progress = progress or (lambda iterable: iterable)
    deleted = synthetic_delete()
    rng = random.Random(seed)
    vocabulary = _Vocabulary()
    organisations = _create_organisations(
        max(1, math.ceil(count / ENVIRONMENTS_PER_ORGANISATION)), batch_size
    )
    offer_total = 0
    starts = range(0, count, batch_size)
    points = sample_points(count, rng)
    for start in progress(starts):
        size = min(batch_size, count - start)
        environments = _build_environments(start, size, points, organisations, vocabulary, rng)
        LearningEnvironment.objects.bulk_create(environments, batch_size=batch_size)
        offer_total += _create_offers(environments, vocabulary, rng, batch_size)
    seconds = (timezone.now() - started).total_seconds()
    return SyntheticSummary(deleted, len(organisations), count, offer_total, seconds)


def _create_organisations(total: int, batch_size: int) -> list[Organisation]:
    organisations = [
        Organisation(
            name=f"Syntetisk organisation {number}",
            slug=f"{PREFIX}org-{number}",
            external_id=f"{PREFIX}org-{number}",
            kind=Organisation.Kind.INSTITUTION,
        )
        for number in range(1, total + 1)
    ]
    return Organisation.objects.bulk_create(organisations, batch_size=batch_size)


def _build_environments(start, size, points, organisations, vocabulary, rng) -> list[LearningEnvironment]:
    environments = []
    for number in range(start + 1, start + size + 1):
        latitude, longitude, code = next(points)
        category = rng.choice(vocabulary.categories)
        town = vocabulary.municipality_names.get(code, "")
        environments.append(
            LearningEnvironment(
                organisation_id=organisations[(number - 1) // ENVIRONMENTS_PER_ORGANISATION].pk,
                name=f"{category.name} {town} {number}",
                slug=f"{PREFIX}env-{number}",
                external_id=f"{PREFIX}env-{number}",
                category_id=category.pk,
                city=town,
                latitude=latitude,
                longitude=longitude,
                coordinate_source="synthetic",
                coordinate_precision=LearningEnvironment.Precision.TOWN,
                municipality_id=code,
                region_id=vocabulary.region_of[code],
            )
        )
    return environments


def _create_offers(environments, vocabulary, rng, batch_size) -> int:
    now = timezone.now()
    offers, links = [], []
    for environment in environments:
        for index in range(rng.randint(1, 3)):
            offer = _build_offer(environment, index, vocabulary, rng, now)
            offers.append(offer)
            links.append((environment.pk, rng.sample(vocabulary.subjects, rng.randint(1, 3))))
    Offer.objects.bulk_create(offers, batch_size=batch_size)
    subject_links, environment_links, language_links = [], [], []
    for offer, (environment_id, subject_ids) in zip(offers, links, strict=True):
        environment_links.append(
            Offer.environments.through(offer_id=offer.pk, learningenvironment_id=environment_id)
        )
        subject_links.extend(Offer.subjects.through(offer_id=offer.pk, subject_id=pk) for pk in subject_ids)
        languages = ["da", "en"] if rng.random() < 0.2 else ["da"]
        language_links.extend(
            Offer.languages.through(offer_id=offer.pk, language_id=code) for code in languages
        )
    for through_rows in (environment_links, subject_links, language_links):
        through_rows[0].__class__.objects.bulk_create(through_rows, batch_size=batch_size)
    return len(offers)


def _build_offer(environment, index, vocabulary, rng, now) -> Offer:
    grade_from, grade_to = (
        sorted(rng.sample(vocabulary.grades, 2))
        if rng.random() < 0.9
        else [rng.choice(vocabulary.grades)] * 2
    )
    roll = rng.random()
    offer_format = (
        Offer.Format.ON_SITE if roll < 0.7 else Offer.Format.OUTREACH if roll < 0.9 else Offer.Format.DIGITAL
    )
    status_roll = rng.random()
    status = (
        Offer.Status.PUBLISHED
        if status_roll < 0.9
        else Offer.Status.DRAFT
        if status_roll < 0.95
        else Offer.Status.ARCHIVED
    )
    months = rng.sample(SCHOOL_MONTHS, rng.randint(3, len(SCHOOL_MONTHS)))
    number = environment.external_id.removeprefix(f"{PREFIX}env-")
    return Offer(
        organisation_id=environment.organisation_id,
        title=f"{rng.choice(TOPICS)} {rng.choice(THEMES)} ({environment.city or 'Danmark'})",
        slug=f"{PREFIX}offer-{number}-{index + 1}",
        external_id=f"{PREFIX}offer-{number}-{index + 1}",
        summary="Syntetisk tilbud til belastningstest.",
        grade_from_id=grade_from,
        grade_to_id=grade_to,
        format=offer_format,
        duration_minutes=rng.choice([45, 60, 90, 120, 180]),
        max_participants=rng.choice([25, 28, 30, 60]),
        price_dkk=Decimal(0) if rng.random() < 0.6 else Decimal(rng.randrange(100, 1600, 50)),
        months=months_to_mask(months),
        service_radius_km=rng.choice([10, 20, 30, 50]) if offer_format == Offer.Format.OUTREACH else None,
        status=status,
        published_at=now if status == Offer.Status.PUBLISHED else None,
    )
