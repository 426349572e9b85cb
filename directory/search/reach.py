"""Which published offers are within reach of a point, and how far: the point search's SQL.

Written by hand over the search tables (directory/models/search_index.py) because it is the
hot path of the whole site: composing the same statements with the ORM cost about 8 ms a
search, more than running them; the text below costs microseconds. The other searches (box,
places, clusters) keep the ORM vocabulary of directory/querysets.py.

A point search reads two parts of the search table:

near part
    rows within the radius (outreach offers with a service area excepted): the bounding
    box's bands and longitudes through the position index, then the distance in SQL;
outreach part
    rows with a service radius, each within its own radius (``reach_term``). Read on their
    own through the partial reach index in the box of the largest service radius, or, when
    the search is at least that wide, by the near part's own scan (one statement fewer).

With a subject filter the rows come from SubjectPlacement, whose position index starts with
the subject, so only that subject's rows are read; without one from OfferPlacement. Each row
carries its place as a unit vector, so the exact term is a quarter of the squared chord
(maps.spatial.chord_term_sql). ``PointReach`` counts in the database and reads only a ring of
the nearest rows for a page near the top (see there); Python keeps the smallest term per
offer, cheaper than the database's GROUP BY.
"""

from __future__ import annotations

import math
from operator import itemgetter

from django.db import connection

from directory.models import Offer, OfferPlacement, SubjectPlacement
from directory.querysets import latitude_bands
from directory.reference import reference
from directory.search.filters import RowConditions, row_conditions
from directory.search.sql import placeholders
from maps.spatial import BoundingBox, bounding_box, chord_term_sql, inscribed_box, term_for_distance

Statement = tuple[str, list]
INFINITY = float("inf")
NEAR, OUTREACH, BOTH = "near", "outreach", "near and outreach"


def outreach_wanted(params: dict) -> bool:
    return not params.get("format") or Offer.Format.OUTREACH in params["format"]


def reach_statements(*, params: dict, conditions: RowConditions | None = None) -> list[tuple[str, Statement]]:
    """The statements reading every row within reach: ``(part, (sql, sql_params))``, one per
    part, or one for both when the search is at least as wide as the largest service radius.
    ``conditions``: the filters as row conditions (directory/search/filters.py), worked out
    from ``params`` when not given. Public for the benchmark's EXPLAIN and the tests."""
    reach = PointReach(params=params, conditions=conditions, served={}, read_outreach=False)
    statements = [(reach.near_part, reach.rows_statement(params["radius"]))]
    if reach.outreach_box_km:
        statements.append((OUTREACH, _outreach_sql(params, conditions, reach.outreach_box_km)))
    return statements


def offers_within_reach(*, params: dict, conditions: RowConditions | None = None) -> dict[int, float]:
    """Offer id -> haversine term of its nearest place within reach of ``params["near"]``,
    nearest offer first: every row of both parts read."""
    return PointReach(params=params, conditions=conditions, served={}).terms()


def reaching_by_radius(offer_ids: set[int], point) -> set[int]:
    """Those of ``offer_ids`` with a place whose service radius reaches the point: the search
    finds them by their rows, so a served municipality must not add them again."""
    if not offer_ids:
        return set()
    term, term_values = chord_term_sql(point.latitude, point.longitude, "r.")
    ids = sorted(offer_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT r.offer_id FROM {OfferPlacement._meta.db_table} r"
            f" WHERE r.offer_id IN ({placeholders(ids)}) AND r.reach_term IS NOT NULL AND {term} <= r.reach_term",
            [*ids, *term_values],
        )
        return {pk for (pk,) in cursor.fetchall()}


class PointReach:
    """The offers within reach of a point, counted and ranked without reading every row.

    ``served``: the offers serving the point's municipality that no row reaches (id -> term,
    None without a located place), found by the caller; few. The outreach part is few rows
    too; the near part is the large one (places crowd round town centres: 10 km from one
    there can be hundreds of rows, 100 km thousands). The database counts the offers — rows
    of an offer's only place (``sole_place``) as they are, DISTINCT for the others — and a
    page near the top reads only the nearest rows of a ring around the point, sized from the
    count (small: the crowding means it usually holds enough) and grown until it holds the
    page: every offer outside the ring is farther than its radius, so the ring's first
    offers are the search's. Pages deep in the list, and rings nearly as wide as the search,
    read every row.
    """

    RING_SHARE = 0.6  # a ring beyond this share of the radius reads every row instead
    RING_OFFERS = 0.5  # a first ring holds this many times the offers wanted, were they spread evenly

    def __init__(
        self, *, params: dict, conditions: RowConditions | None, served: dict, read_outreach: bool = True
    ):
        self._params = params
        self._conditions = conditions if conditions is not None else row_conditions(params)
        self._radius = params["radius"]
        max_reach_km = self._max_reach_km = reference().max_reach_km if outreach_wanted(params) else 0
        # A search at least as wide as the largest service radius meets every outreach row
        # within reach in its own box: one scan reads both parts.
        fold = bool(max_reach_km) and self._radius >= max_reach_km
        self.near_part = BOTH if fold else NEAR
        self.outreach_box_km = max_reach_km if max_reach_km and not fold else 0
        self._extra: dict[int, float | None] = {}
        if self.outreach_box_km and read_outreach:
            self._extra = outreach_terms(
                params=params, conditions=self._conditions, box_km=self.outreach_box_km
            )
        self._extra.update(served)
        self._counted: int | None = None
        self._all: list[tuple[float, int]] | None = None

    def count(self) -> int:
        if self._all is not None:
            return len(self._all)
        if self._counted is None:
            with connection.cursor() as cursor:
                cursor.execute(*self.count_statement())
                (self._counted,) = cursor.fetchone()
        return self._counted + len(self._extra)

    @property
    def read_every_row(self) -> bool:
        """Whether every row within the radius has been read (else: a count and rings)."""
        return self._all is not None

    def leading(self, stop: int) -> list[tuple[float, int]]:
        """(term, id) pairs in ranking order, at least the first ``stop`` and every pair at the
        same term as the last of those (ties); an offer without a located place last."""
        if self._all is None:
            share = self.RING_OFFERS * stop / max(self.count() - len(self._extra), 1)
            ring = self._radius * math.sqrt(share)
            limit = 2 * stop + 8
            while ring < self._radius * self.RING_SHARE:
                rows = self._rows(ring, limit=limit)
                # Every row within the ring read: the ranking is certain up to its radius. The
                # places crowd round town centres, so a ring sized for the average may hold
                # hundreds of rows: the nearest ``limit`` come sorted, certain below the last.
                cut, truncated = (
                    (rows[-1][0], True) if len(rows) == limit else (term_for_distance(ring), False)
                )

                def certain(term: float | None, cut=cut, truncated=truncated) -> bool:
                    return term is not None and (term < cut if truncated else term <= cut)

                within = rows + [(term, pk) for pk, term in self._extra.items() if certain(term)]
                ranked = [(term, pk) for pk, term in _nearest_first(within).items() if certain(term)]
                if len(ranked) >= stop:
                    return ranked
                if truncated:
                    limit *= 4
                else:
                    ring *= 2
            self._read_all()
        return self._all

    def terms(self) -> dict[int, float | None]:
        """Every offer found, nearest first: id -> term (None: no located place)."""
        if self._all is None:
            self._read_all()
        return {pk: (None if term == INFINITY else term) for term, pk in self._all}

    def rows_statement(self, within_km: float, columns: str | None = None) -> Statement:
        """The near part's rows (with the outreach part's when folded) within ``within_km``."""
        point = self._params["near"]
        box = bounding_box(point.latitude, point.longitude, within_km)
        return _rows_sql(
            self._params,
            box,
            self._conditions,
            part=self.near_part,
            within_km=within_km,
            columns=columns,
            max_reach_km=self._max_reach_km,
        )

    def count_statement(self) -> Statement:
        """Most offers have one place: their rows (``sole_place``) are counted as they are,
        DISTINCT is left for the others. With several subjects an offer teaching two has two
        rows at a place: DISTINCT for all."""
        if len(_subject_ids(self._params)) > 1:
            columns = "COUNT(DISTINCT r.offer_id)"
        else:
            columns = (
                "COUNT(CASE WHEN r.sole_place THEN 1 END)"
                " + COUNT(DISTINCT CASE WHEN r.sole_place THEN NULL ELSE r.offer_id END)"
            )
        return self.rows_statement(self._radius, columns=columns)

    def _rows(self, within_km: float, limit: int | None = None) -> list[tuple[float, int]]:
        """(term, offer id) of the rows within ``within_km``; with ``limit``, the nearest ones."""
        sql, values = self.rows_statement(within_km)
        if limit is not None:
            sql, values = f"{sql} ORDER BY term LIMIT %s", [*values, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()

    def _read_all(self) -> None:
        terms: dict[int, float | None] = _nearest_first(self._rows(self._radius))
        for pk, term in self._extra.items():
            terms.setdefault(pk, term)
        self._all = sorted((INFINITY if term is None else term, pk) for pk, term in terms.items())


def outreach_terms(*, params: dict, conditions: RowConditions | None, box_km: float) -> dict[int, float]:
    """Offer id -> term of the outreach offers with a service radius reaching the point, each
    row within its own radius, read through the partial reach index in the box of ``box_km``
    (the largest service radius). Few rows: all of them are read."""
    with connection.cursor() as cursor:
        cursor.execute(*_outreach_sql(params, conditions, box_km))
        return _nearest_first(cursor.fetchall())


def _outreach_sql(params: dict, conditions: RowConditions | None, box_km: float) -> Statement:
    point = params["near"]
    box = bounding_box(point.latitude, point.longitude, box_km)
    return _rows_sql(params, box, conditions, part=OUTREACH)


def _nearest_first(rows: list[tuple[float, int]]) -> dict[int, float]:
    """Offer id -> its smallest term, nearest offer first."""
    rows.sort(key=itemgetter(0))  # by term alone: timsort's fast path for float keys
    terms: dict[int, float] = {}
    for term, pk in rows:  # the first row of an offer is its nearest place
        if pk not in terms:
            terms[pk] = term
    return terms


def search_table(params: dict) -> str:
    """The search table a search reads: with a subject filter the per-subject rows
    (SubjectPlacement, whose indexes start with the subject), else one row per offer and place.
    An offer teaching two of the subjects has two rows at a place: count offers with DISTINCT."""
    return SubjectPlacement._meta.db_table if _subject_ids(params) else OfferPlacement._meta.db_table


def _subject_ids(params: dict) -> list[int]:
    return sorted(subject.pk for subject in params.get("subject") or [])


def _rows_sql(
    params: dict,
    box: BoundingBox,
    conditions: RowConditions | None,
    *,
    part: str,
    within_km: float | None = None,
    columns: str | None = None,
    max_reach_km: float | None = None,
) -> Statement:
    """One part's SELECT (``part``: NEAR, OUTREACH or BOTH) over the rows in ``box``: near rows
    within ``within_km`` of the point, outreach rows within their own radius (and within
    ``within_km`` when given; ``max_reach_km``, the largest service radius, tells whether they
    can be farther). The conditions come in the order of the position index (subject,
    band, longitude, then the columns the index entry carries) so that SQLite tests the entry
    before it computes a distance or probes another table.

    The near limit is tested first against a box inscribed in the circle
    (maps.spatial.inscribed_box): two thirds of the rows of a wide search are inside it and
    pass without their term computed. No latitude range there: a row within the radius is in
    the bounding box's latitudes, and the bands already keep the rows near them."""
    point = params["near"]
    subject_ids = _subject_ids(params)
    table = search_table(params)
    term, term_values = chord_term_sql(point.latitude, point.longitude, "r.")
    where: list[str] = []
    values: list = []
    conditions = conditions if conditions is not None else row_conditions(params)
    bands = latitude_bands(box.min_lat, box.max_lat)
    where.append(f"r.band IN ({placeholders(bands)})")
    values += bands
    where.append("r.longitude >= %s AND r.longitude <= %s")
    values += [box.min_lng, box.max_lng]
    if part == OUTREACH:
        where.append("r.latitude >= %s AND r.latitude <= %s")
        values += [box.min_lat, box.max_lat]
        where.append("r.reach_term IS NOT NULL")  # the partial index's condition, as SQLite needs it
    where += conditions.columns
    values += conditions.column_values
    reached = f"{term} <= r.reach_term"  # an outreach row, within its own service radius
    if part == OUTREACH:
        where.append(reached)
        values += term_values
    else:
        near, near_values = (
            f"r.area_only = %s AND {term} <= %s",
            [False, *term_values, term_for_distance(within_km)],
        )
        inner = inscribed_box(point.latitude, point.longitude, within_km)
        if inner is not None:
            near = (
                "r.area_only = %s AND (r.latitude >= %s AND r.latitude <= %s AND r.longitude >= %s"
                f" AND r.longitude <= %s OR {term} <= %s)"
            )
            near_values = [False, inner.min_lat, inner.max_lat, inner.min_lng, inner.max_lng]
            near_values += [*term_values, term_for_distance(within_km)]
        if part == BOTH and within_km >= max_reach_km:
            # Every service radius is within the limit: a row within its own is within it.
            where.append(f"({near} OR r.reach_term IS NOT NULL AND {reached})")
            values += [*near_values, *term_values]
        elif part == BOTH:  # a ring inside the search: within the row's radius and the ring
            where.append(f"({near} OR r.reach_term IS NOT NULL AND {reached} AND {term} <= %s)")
            values += [*near_values, *term_values, *term_values, term_for_distance(within_km)]
        else:
            where.append(near)
            values += near_values
    where += conditions.probes
    values += conditions.probe_values
    if conditions.others is not None:
        where.append(f"r.offer_id IN ({conditions.others[0]})")
        values += list(conditions.others[1])
    if columns is None:
        columns = f"{term} AS term, r.offer_id"
        values = [*term_values, *values]
    source = f"{table} r"
    if part == OUTREACH and connection.vendor == "sqlite":
        # The position index covers these columns too; without statistics SQLite may pick it
        # and read every row of the box instead of the outreach rows alone.
        source += f" INDEXED BY {'subject_placement_reach' if subject_ids else 'placement_reach_position'}"
    return f"SELECT {columns} FROM {source} WHERE {' AND '.join(where)}", values
