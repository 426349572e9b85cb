"""Which published offers are within reach of a point, and how far: the point search's SQL.

Written by hand over the search tables (directory/models/search_index.py) because it is the
hot path of the whole site: composing the same two statements with the ORM cost about 8 ms a
search, more than running them; the text below costs microseconds. The other searches (box,
places, clusters) keep the ORM vocabulary of directory/querysets.py.

A point search is two statements of (haversine term, offer id) rows:

near part
    rows in the bounding box of the radius, outreach offers with a service area excepted;
outreach part
    rows with a service radius (the partial index) in the box of the largest radius.

With a subject filter the rows come from SubjectPlacement, whose position index starts with
the subject, so only that subject's rows are read; without one from OfferPlacement. Each row
carries its place as a unit vector, so the exact term is a quarter of the squared chord
(maps.spatial.chord_term_sql). Python keeps the rows within the limit (the radius, or the
row's own service radius) and the smallest term per offer: cheaper than the database's
GROUP BY, and on SQLite the term is not computed twice.
"""

from __future__ import annotations

from operator import itemgetter

from django.db import connection

from directory.models import Offer, OfferPlacement, SubjectPlacement
from directory.models.offers import month_bit
from directory.querysets import latitude_bands
from maps.spatial import BoundingBox, bounding_box, chord_term_sql, term_for_distance

Statement = tuple[str, list]


def outreach_wanted(params: dict) -> bool:
    return not params.get("format") or Offer.Format.OUTREACH in params["format"]


def reach_statements(*, params: dict, others: Statement | None = None) -> list[tuple[str, Statement, str]]:
    """The statements of a point search: ``(part, (sql, sql_params), limit)`` with part "near"
    or "outreach" and limit the term a row may reach: a number's text, or "reach_term".
    ``others``: SQL of the offer ids passing the filters the rows do not carry (text, category,
    municipality, region, box), or None. Public for the benchmark's EXPLAIN."""
    point, radius_km = params["near"], params["radius"]
    subject_ids = sorted(subject.pk for subject in params.get("subject") or [])
    statements = [
        (
            "near",
            _rows_sql(params, subject_ids, bounding_box(point.latitude, point.longitude, radius_km), others),
            repr(term_for_distance(radius_km)),
        )
    ]
    if outreach_wanted(params):
        max_reach_km = _max_reach_km()
        if max_reach_km:
            box = bounding_box(point.latitude, point.longitude, max_reach_km)
            sql = _rows_sql(params, subject_ids, box, others, outreach=True)
            statements.append(("outreach", sql, "reach_term"))
    return statements


def offers_within_reach(*, params: dict, others: Statement | None = None) -> dict[int, float]:
    """Offer id -> haversine term of its nearest place within reach of ``params["near"]``,
    nearest offer first, so that ranking them is a pass over sorted input."""
    within: list[tuple[float, int]] = []
    with connection.cursor() as cursor:
        for part, (sql, sql_params), limit in reach_statements(params=params, others=others):
            cursor.execute(sql, sql_params)
            if part == "near":
                bound = float(limit)
                within += [row for row in cursor.fetchall() if row[0] <= bound]
            else:
                within += [(term, pk) for term, pk, reach in cursor.fetchall() if term <= reach]
    within.sort(key=itemgetter(0))  # by term alone: timsort's fast path for float keys
    terms: dict[int, float] = {}
    for term, pk in within:  # the first row of an offer is its nearest place
        if pk not in terms:
            terms[pk] = term
    return terms


def _rows_sql(
    params: dict,
    subject_ids: list[int],
    box: BoundingBox,
    others: Statement | None,
    *,
    outreach: bool = False,
) -> Statement:
    """One part's SELECT. The conditions come in the order of the position index (subject, band,
    longitude, latitude, then the columns the index entry carries) so that SQLite tests the
    entry before it probes anything else."""
    point = params["near"]
    table = SubjectPlacement._meta.db_table if subject_ids else OfferPlacement._meta.db_table
    where: list[str] = []
    values: list = []
    if subject_ids:
        where.append(f"r.subject_id IN ({_marks(subject_ids)})")
        values += subject_ids
    bands = latitude_bands(box.min_lat, box.max_lat)
    where.append(f"r.band IN ({_marks(bands)})")
    values += bands
    where.append("r.longitude >= %s AND r.longitude <= %s AND r.latitude >= %s AND r.latitude <= %s")
    values += [box.min_lng, box.max_lng, box.min_lat, box.max_lat]
    if outreach:
        where.append("r.reach_term IS NOT NULL")  # the partial index's condition, as SQLite needs it
    else:
        where.append("r.area_only = %s")
        values.append(False)
    if params.get("grade") is not None:
        where.append("r.grade_from <= %s AND r.grade_to >= %s")
        values += [params["grade"].level] * 2
    if params.get("format"):
        where.append(f"r.format IN ({_marks(params['format'])})")
        values += list(params["format"])
    if params.get("free") is True:
        where.append("r.price_dkk = 0")
    elif params.get("free") is False:
        where.append("r.price_dkk > 0")
    if params.get("month"):
        where.append("(r.months & %s) <> 0")
        values.append(month_bit(params["month"]))
    if params.get("language") is not None:
        languages = Offer.languages.through._meta.db_table
        where.append(
            f"EXISTS (SELECT 1 FROM {languages} l WHERE l.offer_id = r.offer_id AND l.language_id = %s)"
        )
        values.append(params["language"].code)
    if others is not None:
        where.append(f"r.offer_id IN ({others[0]})")
        values += list(others[1])
    columns = chord_term_sql(point.latitude, point.longitude, "r.") + " AS term, r.offer_id"
    if outreach:
        columns += ", r.reach_term"
    return f"SELECT {columns} FROM {table} r WHERE {' AND '.join(where)}", values


def _max_reach_km() -> int:
    """The largest service radius of any row (0 if none): one probe of ``placement_reach``."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(reach_km) FROM {OfferPlacement._meta.db_table} WHERE reach_km IS NOT NULL"
        )
        (found,) = cursor.fetchone()
    return found or 0


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))
