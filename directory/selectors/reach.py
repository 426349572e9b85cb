"""Which published offers are within reach of a point, and how far: the point search's SQL.

Written by hand over the search tables (directory/models/search_index.py) because it is the
hot path of the whole site: composing the same two statements with the ORM cost about 8 ms a
search, more than running them; the text below costs microseconds. The other searches (box,
places, clusters) keep the ORM vocabulary of directory/querysets.py.

A point search reads two parts of the search table:

near part
    rows within the radius (outreach offers with a service area excepted): the bounding
    box's bands and longitudes through the position index, then the distance in SQL;
outreach part
    rows with a service radius (the partial index) in the box of the largest radius, each
    within its own radius (``reach_term``, tested on the index entry).

With a subject filter the rows come from SubjectPlacement, whose position index starts with
the subject, so only that subject's rows are read; without one from OfferPlacement. Each row
carries its place as a unit vector, so the exact term is a quarter of the squared chord
(maps.spatial.chord_term_sql). ``PointReach`` counts the near part in the database and reads
only a ring of its nearest rows for a page near the top (see there); Python keeps the
smallest term per offer, cheaper than the database's GROUP BY.
"""

from __future__ import annotations

import math
from operator import itemgetter

from django.db import connection

from directory.models import Offer, OfferPlacement, SubjectPlacement
from directory.models.offers import month_bit
from directory.querysets import latitude_bands
from maps.spatial import BoundingBox, bounding_box, chord_term_sql, inscribed_box, term_for_distance

Statement = tuple[str, list]
INFINITY = float("inf")


def outreach_wanted(params: dict) -> bool:
    return not params.get("format") or Offer.Format.OUTREACH in params["format"]


def reach_statements(*, params: dict, others: Statement | None = None) -> list[tuple[str, Statement]]:
    """The statements of a point search: ``(part, (sql, sql_params))``, part "near" (rows within
    the radius) or "outreach" (rows in the box of the largest service radius, each within its
    own). ``others``: SQL of the offer ids passing the filters the rows do not carry (text,
    category, municipality, region, box), or None. Public for the benchmark's EXPLAIN and the tests' query plans."""
    statements = [("near", _near_sql(params, others, params["radius"]))]
    outreach = _outreach_statement(params, _subject_ids(params), others)
    if outreach is not None:
        statements.append(("outreach", outreach))
    return statements


def offers_within_reach(*, params: dict, others: Statement | None = None) -> dict[int, float]:
    """Offer id -> haversine term of its nearest place within reach of ``params["near"]``,
    nearest offer first: every row of both parts read."""
    within = near_rows(params=params, others=others, radius_km=params["radius"])
    within += [(term, pk) for pk, term in outreach_terms(params=params, others=others).items()]
    return _nearest_first(within)


def near_rows(*, params: dict, others: Statement | None, radius_km: float) -> list[tuple[float, int]]:
    """(term, offer id) of the near part's rows within ``radius_km`` (at most the search's
    radius) of the point; an offer with several places there has several rows."""
    with connection.cursor() as cursor:
        cursor.execute(*_near_sql(params, others, radius_km))
        return cursor.fetchall()


def near_count(*, params: dict, others: Statement | None) -> int:
    """How many offers the near part finds within the search's radius, counted where the rows
    are: the same conditions as ``near_rows``, so the count and the rows agree."""
    with connection.cursor() as cursor:
        cursor.execute(*count_statement(params=params, others=others))
        (count,) = cursor.fetchone()
    return count


def count_statement(*, params: dict, others: Statement | None = None) -> Statement:
    """The near part's COUNT. Most offers have one place: their rows (``sole_place``) are
    counted as they are, DISTINCT is left for the others. With several subjects an offer
    teaching two has two rows at a place: DISTINCT for all. Public for the benchmark's EXPLAIN."""
    if len(_subject_ids(params)) > 1:
        columns = "COUNT(DISTINCT r.offer_id)"
    else:
        columns = (
            "COUNT(CASE WHEN r.sole_place THEN 1 END)"
            " + COUNT(DISTINCT CASE WHEN r.sole_place THEN NULL ELSE r.offer_id END)"
        )
    return _near_sql(params, others, params["radius"], columns=columns)


def _near_sql(
    params: dict, others: Statement | None, radius_km: float, columns: str | None = None
) -> Statement:
    point = params["near"]
    box = bounding_box(point.latitude, point.longitude, radius_km)
    return _rows_sql(params, _subject_ids(params), box, others, within_km=radius_km, columns=columns)


def outreach_terms(*, params: dict, others: Statement | None) -> dict[int, float]:
    """Offer id -> term of the outreach offers with a service radius reaching the point, each
    row within its own radius. Few rows (the partial index): all of them are read."""
    statement = _outreach_statement(params, _subject_ids(params), others)
    if statement is None:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return _nearest_first(cursor.fetchall())


class PointReach:
    """The offers within reach of a point, counted and ranked without reading every row.

    The near part is the large one (a 100 km search reads thousands of rows); the outreach
    part and the offers serving the point's municipality (``extra``: id -> term, None for an
    offer without a located place) are few and known. The count is the database's COUNT of
    the near part plus ``len(extra)`` (disjoint: the near part leaves out offers with a
    service area). A page near the top needs only the nearest offers: the rows of a ring
    around the point, sized from the count for about twice the offers wanted and doubled
    until it holds them; every offer outside it is farther than the ring's radius, so the
    ring's first offers are the search's. Reading every row is left for small radii (one
    statement is cheaper than two) and for pages deep in the list.
    """

    SMALL_RADIUS_KM = 25.0  # up to here one statement reads every row
    RING_SHARE = 0.6  # a ring beyond this share of the radius reads every row instead

    def __init__(self, *, params: dict, others: Statement | None, extra: dict[int, float | None]):
        self._params, self._others, self._extra = params, others, extra
        self._radius = params["radius"]
        self._near_count: int | None = None
        self._all: list[tuple[float, int]] | None = None

    def count(self) -> int:
        if self._all is None and self._radius <= self.SMALL_RADIUS_KM:
            self._read_all()
        if self._all is not None:
            return len(self._all)
        if self._near_count is None:
            self._near_count = near_count(params=self._params, others=self._others)
        return self._near_count + len(self._extra)

    @property
    def read_every_row(self) -> bool:
        """Whether every row within the radius has been read (else: a count and rings)."""
        return self._all is not None

    def leading(self, stop: int) -> list[tuple[float, int]]:
        """(term, id) pairs in ranking order, at least the first ``stop`` and every pair at the
        same term as the last of those (ties); an offer without a located place last."""
        if self._all is None:
            near = self.count() - len(self._extra)
            ring = self._radius * math.sqrt(2 * stop / max(near, 1))
            while self._all is None and ring < self._radius * self.RING_SHARE:
                within = near_rows(params=self._params, others=self._others, radius_km=ring)
                bound = _bound(ring)
                within += [
                    (term, pk) for pk, term in self._extra.items() if term is not None and term <= bound
                ]
                ranked = [(term, pk) for pk, term in _nearest_first(within).items()]
                if len(ranked) >= stop:
                    return ranked
                ring *= 2
            if self._all is None:
                self._read_all()
        return self._all

    def terms(self) -> dict[int, float | None]:
        """Every offer found: id -> term (None: no located place)."""
        if self._all is None:
            self._read_all()
        return {pk: (None if term == INFINITY else term) for term, pk in self._all}

    def _read_all(self) -> None:
        near = near_rows(params=self._params, others=self._others, radius_km=self._radius)
        terms: dict[int, float | None] = _nearest_first(near)
        for pk, term in self._extra.items():
            terms.setdefault(pk, term)
        self._all = sorted((INFINITY if term is None else term, pk) for pk, term in terms.items())


def _nearest_first(rows: list[tuple[float, int]]) -> dict[int, float]:
    """Offer id -> its smallest term, nearest offer first."""
    rows.sort(key=itemgetter(0))  # by term alone: timsort's fast path for float keys
    terms: dict[int, float] = {}
    for term, pk in rows:  # the first row of an offer is its nearest place
        if pk not in terms:
            terms[pk] = term
    return terms


def _bound(radius_km: float) -> float:
    return term_for_distance(radius_km)


def _subject_ids(params: dict) -> list[int]:
    return sorted(subject.pk for subject in params.get("subject") or [])


def _outreach_statement(params: dict, subject_ids: list[int], others: Statement | None) -> Statement | None:
    if not outreach_wanted(params):
        return None
    max_reach_km = _max_reach_km()
    if not max_reach_km:
        return None
    point = params["near"]
    box = bounding_box(point.latitude, point.longitude, max_reach_km)
    return _rows_sql(params, subject_ids, box, others)


def _rows_sql(
    params: dict,
    subject_ids: list[int],
    box: BoundingBox,
    others: Statement | None,
    *,
    within_km: float | None = None,
    columns: str | None = None,
) -> Statement:
    """One part's SELECT: the near part's rows within ``within_km`` of the point, or (None) the
    outreach part's rows in the box. The conditions come in the order of the position index
    (subject, band, longitude, then the columns the index entry carries) so that SQLite tests
    the entry before it computes a distance or probes another table.

    Near part: the distance limit is tested in SQL, and first against a box inscribed in the
    circle (maps.spatial.inscribed_box): two thirds of the rows of a wide search are inside it
    and pass without their term computed. No latitude range: a row within the radius is in
    the bounding box's latitudes, and the bands already keep the rows near them."""
    point = params["near"]
    outreach = within_km is None
    table = SubjectPlacement._meta.db_table if subject_ids else OfferPlacement._meta.db_table
    term, term_values = chord_term_sql(point.latitude, point.longitude, "r.")
    where: list[str] = []
    values: list = []
    if subject_ids:
        where.append(f"r.subject_id IN ({_marks(subject_ids)})")
        values += subject_ids
    bands = latitude_bands(box.min_lat, box.max_lat)
    where.append(f"r.band IN ({_marks(bands)})")
    values += bands
    where.append("r.longitude >= %s AND r.longitude <= %s")
    values += [box.min_lng, box.max_lng]
    if outreach:
        where.append("r.latitude >= %s AND r.latitude <= %s")
        values += [box.min_lat, box.max_lat]
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
    if outreach:  # each row within its own service radius
        where.append(f"{term} <= r.reach_term")
        values += term_values
    else:
        inner = inscribed_box(point.latitude, point.longitude, within_km)
        limit = f"{term} <= %s"
        if inner is not None:
            limit = (
                "(r.latitude >= %s AND r.latitude <= %s AND r.longitude >= %s AND r.longitude <= %s"
                f" OR {limit})"
            )
            values += [inner.min_lat, inner.max_lat, inner.min_lng, inner.max_lng]
        where.append(limit)
        values += [*term_values, _bound(within_km)]
    if params.get("language") is not None:
        languages = Offer.languages.through._meta.db_table
        where.append(
            f"EXISTS (SELECT 1 FROM {languages} l WHERE l.offer_id = r.offer_id AND l.language_id = %s)"
        )
        values.append(params["language"].code)
    if others is not None:
        where.append(f"r.offer_id IN ({others[0]})")
        values += list(others[1])
    if columns is None:
        columns = f"{term} AS term, r.offer_id"
        values = [*term_values, *values]
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
