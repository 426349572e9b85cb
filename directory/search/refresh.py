"""Keeping the search tables (directory.models.OfferPlacement and SubjectPlacement) in step
with the catalogue.

``search_index_refresh`` is the one way rows are written: it deletes the rows of the
affected offers and/or places and inserts them again from offers × links × places in one
INSERT … SELECT (plain SQL that SQLite and PostgreSQL both run), then the per-subject rows
from those rows × the offers' subject links in a second one; then the offers' text rows
(directory/search/text.py) and cards (directory/search/cards.py). Every write path calls it
at its end, explicitly (no signals): the offer and environment services, the admin, the
importer (through the services), the demo loaders and ``manage.py rebuild_search_index``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from directory.models import LearningEnvironment, Offer, OfferPlacement, Organisation, SubjectPlacement
from directory.models.search_index import BAND_DEGREES, SUBJECT_BITS
from directory.reference import largest_service_radius, reference, reference_changed
from directory.search.cards import refresh_cards
from directory.search.sql import ID_CHUNK, placeholders
from directory.search.text import FTS_TABLE, TEXT_TABLE, has_fts
from maps.spatial import EARTH_RADIUS_KM

_COLUMNS = (
    "offer_id, environment_id, latitude, longitude, x, y, z, band, subject_bits, reach_km, reach_term, area_only,"
    " grade_from, grade_to, format, price_dkk, months, organisation_id, category_id, municipality_id, region_id,"
    " title, sole_place"
)
# The columns SubjectPlacement copies from OfferPlacement.
_SUBJECT_COLUMNS = (
    "offer_id, environment_id, latitude, longitude, x, y, z, band, reach_km, reach_term, area_only, grade_from,"
    " grade_to, format, price_dkk, months, sole_place"
)
# The place on the unit sphere and the service radius as a haversine term (maps/spatial.py).
# COS/SIN/RADIANS are native on PostgreSQL and SQLite 3.35+; Django registers them on older SQLite.
_UNIT_VECTOR = (
    "COS(RADIANS(e.latitude)) * COS(RADIANS(e.longitude)), COS(RADIANS(e.latitude)) * SIN(RADIANS(e.longitude)),"
    " SIN(RADIANS(e.latitude))"
)
_HALF_CHORD_FACTOR = 1 / (2 * EARTH_RADIUS_KM)


def _vendor_sql() -> tuple[str, str]:
    """floor(latitude / BAND_DEGREES) and the OR of the subject bits, in each dialect.

    SQLite: CAST truncates, which is floor once the value is made positive; SUM(DISTINCT) of
    powers of two is their OR. PostgreSQL: FLOOR (its CAST rounds) and BIT_OR."""
    subjects = Offer.subjects.through._meta.db_table
    # No bare % anywhere: it is a parameter placeholder to psycopg, and with DEBUG on Django
    # formats SQLite's logged query with it too. So MOD on PostgreSQL, integer division here.
    if connection.vendor == "postgresql":
        band = f"CAST(FLOOR(e.latitude / {BAND_DEGREES}) AS INTEGER)"
        bits = f"BIT_OR(CAST(1 AS BIGINT) << CAST(MOD(s.subject_id, {SUBJECT_BITS}) AS INTEGER))"
    else:
        band = f"CAST(e.latitude / {BAND_DEGREES} + 10000 AS INTEGER) - 10000"
        bits = f"SUM(DISTINCT 1 << (s.subject_id - s.subject_id / {SUBJECT_BITS} * {SUBJECT_BITS}))"
    return band, f"COALESCE((SELECT {bits} FROM {subjects} s WHERE s.offer_id = o.id), 0)"


def _select_sql() -> str:
    """The search rows of published offers at active located places. ``sole_place`` is counted
    over the rows selected, which are all of an offer's rows unless the refresh selects by place
    (then mark_sole_places sets it again): no UPDATE of every row after a full rebuild."""
    band, subject_bits = _vendor_sql()
    offer = Offer._meta.db_table
    place = LearningEnvironment._meta.db_table
    links = Offer.environments.through._meta.db_table
    served = Offer.service_municipalities.through._meta.db_table
    outreach = Offer.Format.OUTREACH.value
    return f"""
        SELECT o.id, e.id, e.latitude, e.longitude, {_UNIT_VECTOR}, {band}, {subject_bits},
               CASE WHEN o.format = '{outreach}' THEN o.service_radius_km END,
               CASE WHEN o.format = '{outreach}' THEN SIN(o.service_radius_km * {_HALF_CHORD_FACTOR!r})
                    * SIN(o.service_radius_km * {_HALF_CHORD_FACTOR!r}) END,
               CASE WHEN o.format = '{outreach}' AND (o.service_radius_km IS NOT NULL
                    OR EXISTS (SELECT 1 FROM {served} s WHERE s.offer_id = o.id)) THEN 1 ELSE 0 END = 1,
               o.grade_from_id, o.grade_to_id, o.format, o.price_dkk, o.months,
               o.organisation_id, e.category_id, e.municipality_id, e.region_id, o.title,
               COUNT(*) OVER (PARTITION BY o.id) = 1
        FROM {offer} o
        JOIN {links} l ON l.offer_id = o.id
        JOIN {place} e ON e.id = l.learningenvironment_id
        WHERE o.status = '{Offer.Status.PUBLISHED.value}' AND e.status = '{LearningEnvironment.Status.ACTIVE.value}'
          AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL"""


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    unique = sorted(set(ids))
    return [unique[start : start + ID_CHUNK] for start in range(0, len(unique), ID_CHUNK)]


@transaction.atomic
def search_index_refresh(
    *, offer_ids: Iterable[int] | None = None, environment_ids: Iterable[int] | None = None
) -> int:
    """Rewrite the search rows of these offers and places; with no arguments, of everything.

    Returns the number of rows written."""
    table = OfferPlacement._meta.db_table
    per_subject = SubjectPlacement._meta.db_table
    insert = f"INSERT INTO {table} ({_COLUMNS}) {_select_sql()}"
    insert_per_subject = (
        f"INSERT INTO {per_subject} (subject_id, {_SUBJECT_COLUMNS})"
        f" SELECT s.subject_id, {', '.join(f'p.{column.strip()}' for column in _SUBJECT_COLUMNS.split(','))}"
        f" FROM {table} p JOIN {Offer.subjects.through._meta.db_table} s ON s.offer_id = p.offer_id"
    )
    written = 0
    largest_before = largest_service_radius()
    with connection.cursor() as cursor:
        if offer_ids is None and environment_ids is None:
            cursor.execute(f"DELETE FROM {per_subject}")
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(insert)
            written = cursor.rowcount
            cursor.execute(insert_per_subject)
            for refresh in (_refresh_text, refresh_cards):  # sole_place came with the rows
                refresh(cursor, None)
            _note_largest_service_radius(largest_before)
            return written
        for column, ids in (("offer_id", offer_ids), ("environment_id", environment_ids)):
            source = "o.id" if column == "offer_id" else "e.id"
            for chunk in _chunks(ids or []):
                marks = placeholders(chunk)
                cursor.execute(f"DELETE FROM {per_subject} WHERE {column} IN ({marks})", chunk)
                cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
                cursor.execute(f"{insert} AND {source} IN ({marks})", chunk)
                written += cursor.rowcount
                cursor.execute(f"{insert_per_subject} WHERE p.{column} IN ({marks})", chunk)
                if column == "offer_id":  # a place's changes leave its offers' text and cards as they were
                    for refresh in (_refresh_text, refresh_cards):
                        refresh(cursor, (f"IN ({marks})", chunk))
                else:  # the place's offers may have gained a row beside their others
                    links = Offer.environments.through._meta.db_table
                    affected = f"IN (SELECT offer_id FROM {links} WHERE learningenvironment_id IN ({marks}))"
                    mark_sole_places(cursor, (affected, chunk))
    _note_largest_service_radius(largest_before)
    return written


def _note_largest_service_radius(before: int) -> None:
    """A point search reads the largest service radius from the reference tables in memory
    (directory/reference.py): when this refresh changed it, drop their token so that every
    process reloads. Compared with the value before the refresh, not with this process's
    copy: that copy may have been loaded inside this transaction, after the change, while
    another process still holds the old value."""
    after = largest_service_radius()
    if after != before or after != reference().max_reach_km:
        reference_changed()


def mark_sole_places(cursor, offers: tuple[str, list] | None) -> None:
    """Set ``sole_place`` on the rows of these offers (``(condition on offer_id, params)``), or
    of all: whether the row is its offer's only one. A place's refresh can give an offer a
    second row, so its offers' other rows are marked again too."""
    table = OfferPlacement._meta.db_table
    condition, params = offers if offers is not None else ("", [])
    for target in (table, SubjectPlacement._meta.db_table):
        cursor.execute(
            f"UPDATE {target} SET sole_place = (SELECT COUNT(*) FROM {table} c WHERE c.offer_id = {target}.offer_id) = 1"
            + (f" WHERE offer_id {condition}" if condition else ""),
            params,
        )


def _refresh_text(cursor, offers: tuple[str, list] | None) -> None:
    """Rewrite the text rows (directory/search/text.py) of these published offers
    (``(condition on the offer id, params)``), or of all, and on SQLite the FTS5 table's copy."""
    condition, params = offers if offers is not None else ("", [])
    cursor.execute(
        f"DELETE FROM {TEXT_TABLE}" + (f" WHERE offer_id {condition}" if condition else ""), params
    )
    cursor.execute(
        f"INSERT INTO {TEXT_TABLE} (offer_id, document)"
        " SELECT o.id, o.title || ' ' || COALESCE(o.summary, '') || ' ' || COALESCE(o.description, '')"
        f" || ' ' || g.name FROM {Offer._meta.db_table} o"
        f" JOIN {Organisation._meta.db_table} g ON g.id = o.organisation_id"
        f" WHERE o.status = '{Offer.Status.PUBLISHED.value}'"
        + (f" AND o.id {condition}" if condition else ""),
        params,
    )
    if connection.vendor == "sqlite" and has_fts():
        cursor.execute(
            f"DELETE FROM {FTS_TABLE}" + (f" WHERE rowid {condition}" if condition else ""), params
        )
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, document) SELECT offer_id, document FROM {TEXT_TABLE}"
            + (f" WHERE offer_id {condition}" if condition else ""),
            params,
        )
