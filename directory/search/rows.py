"""A page of a point search's offers as light rows, for the API's JSON and GeoJSON.

The search pages render Offer objects (templates call their methods); the API only reads
values. Building 20 offers, their organisations and places as model objects through the
ORM cost ~4 ms a page, the largest share of a nearby search; these rows come from two plain
SELECTs (the offers with their organisations and cards, directory.models.OfferCard, which
name their subjects, languages and places; the active places by id) and the reference
tables in memory (directory/reference.py).

A row has the attributes OfferSerializer and the GeoJSON geometry read, with the same
types as the model's (aware datetimes, Decimal prices, Grade objects), so the one
serializer writes both (tests/directory/test_api.py compares them key for key).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from operator import itemgetter

import orjson
from django.db import connection

from directory.models import LearningEnvironment, Offer, OfferCard, Organisation
from directory.models.offers import mask_to_months
from directory.reference import reference
from maps.spatial import haversine_km

OFFER_COLUMNS = (
    "id", "slug", "title", "summary", "description", "organisation_id", "grade_from_id", "grade_to_id",
    "format", "duration_minutes", "max_participants", "price_dkk", "price_note", "months", "booking_url",
    "booking_email", "booking_phone", "service_radius_km", "published_at", "updated_at",
)  # fmt: skip
PLACE_COLUMNS = ("id", "slug", "name", "latitude", "longitude", "postcode", "city", "municipality_id")
CENTS = Decimal("0.01")


class Row:
    """Attributes by keyword; ``related()`` (directory/search/offers.py) reads the lists in
    ``_prefetched_objects_cache`` as it reads a prefetch."""

    def __init__(self, **values):
        self.__dict__.update(values)


def offer_rows(ids: list[int], point) -> list[Row]:
    """The offers of ``ids`` in that order, as rows with their organisation, subjects,
    languages, grades and active places, and ``distance_km``/``nearest_environment`` from
    ``point`` (a GeocodeResult or None)."""
    if not ids:
        return []
    ref = reference()
    marks = ", ".join(["%s"] * len(ids))
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
    offers = {}
    for values in fetched:
        row = Row(**dict(zip(OFFER_COLUMNS, values[: len(OFFER_COLUMNS)], strict=True)))
        slug, name = values[len(OFFER_COLUMNS) : len(OFFER_COLUMNS) + 2]
        row.pk = row.id
        row.organisation = Row(slug=slug, name=name)
        row.price_dkk = _decimal(row.price_dkk)
        row.is_free = row.price_dkk == 0
        row.month_list = mask_to_months(row.months)
        row.published_at, row.updated_at = _datetime(row.published_at), _datetime(row.updated_at)
        row.grade_from, row.grade_to = ref.grades.get(row.grade_from_id), ref.grades.get(row.grade_to_id)
        offers[row.id] = row
    ranks = {"subjects": in_order(ref.subjects), "languages": in_order(ref.languages), "environments": places}
    grouped = {name: group_links(offers, links[name], ranked) for name, ranked in ranks.items()}
    for pk, row in offers.items():
        row._prefetched_objects_cache = {name: grouped[name][pk] for name in ranks}
        row.distance_km, row.nearest_environment = nearest_place(point, grouped["environments"][pk])
    return [offers[pk] for pk in ids if pk in offers]


def offer_links(cursor, offer_ids: list[int]) -> dict[str, list[tuple]]:
    """The (offer id, target) links of each relation (subjects, languages, environments) of
    these offers, from their cards in one SELECT."""
    marks = ", ".join(["%s"] * len(offer_ids))
    cursor.execute(
        f"SELECT offer_id, data FROM {OfferCard._meta.db_table} WHERE offer_id IN ({marks})", offer_ids
    )
    cards = dict(cursor.fetchall())
    return _card_links(cursor, {pk: cards.get(pk) for pk in offer_ids})


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
    marks = ", ".join(["%s"] * len(offer_ids))
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
        f" WHERE status = %s AND id IN ({', '.join(['%s'] * len(place_ids))}) ORDER BY name, id",
        [LearningEnvironment.Status.ACTIVE.value, *place_ids],
    )
    places = {}
    for values in cursor.fetchall():
        place = Row(**dict(zip(PLACE_COLUMNS, values, strict=True)))
        place.pk = place.id
        place.has_coordinates = place.latitude is not None and place.longitude is not None
        place.municipality = ref.municipalities.get(place.municipality_id)
        places[place.id] = (len(places), place)
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
