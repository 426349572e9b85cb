"""A page of offers as plain values, for the API's JSON and GeoJSON (directory/api/representations.py).

The search pages render Offer objects (templates call their methods); the API only reads
values. Building 20 offers, their organisations and places as model objects through the
ORM cost more than the rest of a nearby search; these rows come from two plain SELECTs (the
offers with their organisations and cards, directory.models.OfferCard, which name their
subjects, languages and places; the active places by id) and the reference tables in memory
(directory/reference.py). Each is a typed record of its own (``OfferRow``, ``PlaceRow``), not
an imitation of a model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import Any

import orjson
from django.db import connection

from directory.models import LearningEnvironment, Offer, OfferCard, Organisation
from directory.models.offers import mask_to_months
from directory.reference import reference
from directory.search.sql import placeholders
from maps.spatial import haversine_km

OFFER_COLUMNS = (
    "id", "slug", "title", "summary", "description", "organisation_id", "grade_from_id", "grade_to_id",
    "format", "duration_minutes", "max_participants", "price_dkk", "price_note", "months", "booking_url",
    "booking_email", "booking_phone", "service_radius_km", "published_at", "updated_at",
)  # fmt: skip
PLACE_COLUMNS = ("id", "slug", "name", "latitude", "longitude", "postcode", "city", "municipality_id")
CENTS = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class PlaceRow:
    id: int
    slug: str
    name: str
    latitude: float | None
    longitude: float | None
    postcode: str
    city: str
    municipality: Any  # maps.models.Municipality from the reference tables, or None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    slug: str
    name: str


@dataclass(slots=True)
class OfferRow:
    """A published offer as the API shows it; ``distance_km`` and ``nearest_environment`` from
    the searched point (None without one)."""

    id: int
    slug: str
    title: str
    summary: str
    description: str
    organisation: OrganisationRow
    subjects: list[str]  # slugs, in the subjects' own order
    languages: list[str]  # codes
    grade_from: Any  # directory.models.Grade from the reference tables
    grade_to: Any
    format: str
    duration_minutes: int | None
    max_participants: int | None
    price_dkk: Decimal
    price_note: str
    months: list[int]
    booking_url: str
    booking_email: str
    booking_phone: str
    service_radius_km: int | None
    environments: list[PlaceRow]  # the active ones, by name
    published_at: dt.datetime | None
    updated_at: dt.datetime | None
    distance_km: float | None = None
    nearest_environment: PlaceRow | None = None

    @property
    def is_free(self) -> bool:
        return self.price_dkk == 0


def offer_rows(ids: list[int], point) -> list[OfferRow]:
    """The offers of ``ids`` in that order, as rows with their organisation, subjects,
    languages, grades and active places, and ``distance_km``/``nearest_environment`` from
    ``point`` (a GeocodeResult or None)."""
    if not ids:
        return []
    ref = reference()
    marks = placeholders(ids)
    columns = ", ".join(f"o.{column}" for column in OFFER_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, g.slug, g.name, c.data FROM {Offer._meta.db_table} o"
            f" JOIN {Organisation._meta.db_table} g ON g.id = o.organisation_id"
            f" LEFT JOIN {OfferCard._meta.db_table} c ON c.offer_id = o.id WHERE o.id IN ({marks})",
            ids,
        )
        fetched = cursor.fetchall()
        links = _card_links(cursor, {values[0]: values[-1] for values in fetched})
        places = _places(cursor, {place_id for _, place_id in links["environments"]}, ref)
    ranks = {"subjects": in_order(ref.subjects), "languages": in_order(ref.languages), "environments": places}
    ids_found = [values[0] for values in fetched]
    grouped = {name: group_links(ids_found, links[name], ranked) for name, ranked in ranks.items()}
    offers = {}
    for values in fetched:
        row = dict(zip(OFFER_COLUMNS, values[: len(OFFER_COLUMNS)], strict=True))
        slug, name = values[len(OFFER_COLUMNS) : len(OFFER_COLUMNS) + 2]
        pk = row.pop("id")
        environments = grouped["environments"][pk]
        distance, nearest = nearest_place(point, environments)
        offers[pk] = OfferRow(
            id=pk,
            organisation=OrganisationRow(slug=slug, name=name),
            subjects=[subject.slug for subject in grouped["subjects"][pk]],
            languages=[language.code for language in grouped["languages"][pk]],
            grade_from=ref.grades.get(row.pop("grade_from_id")),
            grade_to=ref.grades.get(row.pop("grade_to_id")),
            price_dkk=_decimal(row.pop("price_dkk")),
            months=mask_to_months(row.pop("months")),
            published_at=_datetime(row.pop("published_at")),
            updated_at=_datetime(row.pop("updated_at")),
            environments=environments,
            distance_km=distance,
            nearest_environment=nearest,
            **{key: value for key, value in row.items() if key != "organisation_id"},
        )
    return [offers[pk] for pk in ids if pk in offers]


def _card_links(cursor, cards: dict[int, str | None]) -> dict[str, list[tuple]]:
    """The (offer id, target) links of each relation, from the offers' cards; an offer without
    one (written around ``search_index_refresh``) has its links read from the link tables."""
    links: dict[str, list[tuple]] = {"subjects": [], "languages": [], "environments": []}
    missing = []
    for pk, data in cards.items():
        if data is None:
            missing.append(pk)
            continue
        card = orjson.loads(data)
        links["subjects"] += [(pk, target) for target in card["subjects"]]
        links["languages"] += [(pk, target) for target in card["languages"]]
        links["environments"] += [(pk, target) for target in card["places"]]
    if missing:
        for name, pairs in _table_links(cursor, missing).items():
            links[name] += pairs
    return links


def _table_links(cursor, offer_ids: list[int]) -> dict[str, list[tuple]]:
    """The offers' links read from the link tables, in one SELECT (language codes in a column
    of their own: PostgreSQL's UNION wants one type per column)."""
    marks = placeholders(offer_ids)
    subjects = Offer.subjects.through._meta.db_table
    languages = Offer.languages.through._meta.db_table
    places = Offer.environments.through._meta.db_table
    cursor.execute(
        f"SELECT 'subjects', offer_id, subject_id, NULL FROM {subjects} WHERE offer_id IN ({marks})"
        f" UNION ALL SELECT 'languages', offer_id, NULL, language_id FROM {languages} WHERE offer_id IN ({marks})"
        f" UNION ALL SELECT 'environments', offer_id, learningenvironment_id, NULL FROM {places}"
        f" WHERE offer_id IN ({marks})",
        [*offer_ids] * 3,
    )
    links: dict[str, list[tuple]] = {"subjects": [], "languages": [], "environments": []}
    for name, offer_id, number, code in cursor.fetchall():
        links[name].append((offer_id, code if number is None else number))
    return links


def in_order(table: dict) -> dict:
    """A reference table (key -> object, in the model's own order) as key -> (position, object)."""
    return {key: (position, item) for position, (key, item) in enumerate(table.items())}


def group_links(offer_ids, links, ranked: dict) -> dict[int, list]:
    """Each offer's linked objects in their own order. ``links``: (offer id, target key) pairs;
    ``ranked``: target key -> (position, object); a target not there (an inactive place) is left out."""
    grouped: dict[int, list] = {pk: [] for pk in offer_ids}
    for offer_id, key in links:
        if key in ranked and offer_id in grouped:
            grouped[offer_id].append(ranked[key])
    return {pk: [item for _, item in sorted(pairs, key=itemgetter(0))] for pk, pairs in grouped.items()}


def nearest_place(point, places) -> tuple[float | None, object | None]:
    """(great-circle km, place) of the located place nearest ``point``, the first of equals;
    (None, None) without a point or a located place."""
    if point is None:
        return None, None
    distances = [
        (haversine_km(point.latitude, point.longitude, place.latitude, place.longitude), place)
        for place in places
        if place.has_coordinates
    ]
    return min(distances, key=itemgetter(0)) if distances else (None, None)


def _places(cursor, place_ids: set[int], ref) -> dict[int, tuple]:
    """The active ones of these places by id -> (rank in name order, row)."""
    if not place_ids:
        return {}
    columns = ", ".join(PLACE_COLUMNS)
    cursor.execute(
        f"SELECT {columns} FROM {LearningEnvironment._meta.db_table}"
        f" WHERE status = %s AND id IN ({placeholders(place_ids)}) ORDER BY name, id",
        [LearningEnvironment.Status.ACTIVE.value, *place_ids],
    )
    places = {}
    for values in cursor.fetchall():
        place = dict(zip(PLACE_COLUMNS, values, strict=True))
        place["municipality"] = ref.municipalities.get(place.pop("municipality_id"))
        places[place["id"]] = (len(places), PlaceRow(**place))
    return places


def _decimal(value) -> Decimal:
    """PostgreSQL answers a Decimal; SQLite an int, a float or text."""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(CENTS)


def _datetime(value) -> dt.datetime | None:
    """PostgreSQL answers an aware datetime; SQLite a naive one (or its text), in UTC."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
