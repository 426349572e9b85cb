"""The one search engine: the API, GeoJSON, the map and the search pages all call these.

Interfaces (``params`` is ``OfferSearchForm(...).cleaned_data`` from directory/search/forms.py):

``offer_search(*, params) -> OfferSearchResult``
    ``.offers``: a sliceable sequence of published Offer objects (organisation, grades,
    subjects, languages and active places fetched up front). When ``near`` is given each
    offer carries ``.distance_km`` (float, great circle to its nearest place) and
    ``.nearest_environment``; otherwise both are None. ``.point``: the GeocodeResult of
    ``near`` or None. ``.count``: how many offers match in all.
The place search and the map's clusters: directory/search/places.py.

How a point search runs (both databases): directory/search/reach.py, hand-written SQL over
the search tables (directory/models/search_index.py: one row per published offer × active
located place, and again per subject the offer teaches, with the offer's search columns
copied beside the place's position and its unit vector; kept in step by every write path):
1. near part: rows in the bounding box of the radius (outreach offers with a service area
   excepted) — one seek of a covering position index per ~11 km latitude band, a longitude
   range in each, led by the subject when the search names one; grade, format, price and
   month are tested on the row;
2. outreach part: rows with a service radius in the box of the largest one, through the
   partial reach index, each within its own radius;
3. exact: the haversine term of each candidate, a quarter of the squared chord between unit
   vectors (three products), against the limit, in SQL; a row inside a box inscribed in the
   circle passes without it. Python keeps each offer's smallest term;
4. ranking (reach.PointReach): the database counts the offers (sole-place rows without
   DISTINCT) and a page near the top reads only the nearest rows of a ring around the point,
   grown until it holds the page; ties at equal distance go by title. Only the page's
   offers are fetched: as Offer objects for the pages (``_page_offers``), as light rows for
   the API (directory/search/rows.py).
   Served-municipality outreach offers come from a third, small query; the rarer place and
   text filters join as a subquery of offers, with the semantics of a search without a point.
The place search and the map's clusters read the same table for located places (a box, a
point, or the map): the places with at least one matching row, counted per place.
Outreach offers ("udgaaende") with a service area match when the point lies in it (its
municipality is one they serve, or one of their places is within their service radius),
however far their base is, and not otherwise; outreach offers without an area match by
their places like other offers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from directory.models import LearningEnvironment, Offer
from directory.querysets import OfferQuerySet
from directory.search import reach
from directory.search.filters import offers_matching, row_conditions
from directory.search.forms import Ordering
from directory.search.rows import OfferRow, nearest_place, offer_rows
from directory.search.sql import ID_CHUNK, placeholders

# Filters of a point search applied as a subquery of offers rather than on search-table columns.
INFINITY = float("inf")
PAGE_ENVIRONMENTS = LearningEnvironment.objects.active()


class DecoratedPage(Sequence):
    """A queryset whose items get search attributes when a page is sliced off.

    Django's Paginator and DRF's pagination call ``count()`` and slice; only the
    page's rows are fetched and decorated (distances in km, nearest place, counts).
    """

    def __init__(self, queryset: models.QuerySet, decorate: Callable[[list], None]):
        self.queryset = queryset
        self._decorate = decorate
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            items = list(self.queryset[index])
            self._decorate(items)
            return items
        items = self[index : index + 1]
        if not items:
            raise IndexError(index)
        return items[0]

    def __iter__(self) -> Iterator:
        return iter(self[0 : self.count()])


class RankedOffers(Sequence):
    """The offers of a point search, counted and ranked by a ``reach.PointReach``.

    ``count()`` is their number; a slice fetches only that page's offers (with their
    relations) and decorates them. In distance order the (term, id) pairs leading up to the
    page come nearest first (offers without a located place last) and only the page's ties,
    offers at the same distance, are put in title order. Title and newest-first orders read
    those columns for every matching id.
    """

    def __init__(self, found: reach.PointReach, params: dict):
        self._found = found
        self._point = params["near"]
        self._ordering = params.get("ordering") or Ordering.DISTANCE
        self._ranked: list[int] | None = None

    def count(self) -> int:
        return self._found.count()

    @property
    def read_every_row(self) -> bool:
        return self._found.read_every_row

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.count())
            return self._page(self._page_ids(start, stop)[::step])
        items = self[index : index + 1]
        if not items:
            raise IndexError(index)
        return items[0]

    def _page(self, ids: list[int]) -> list:
        offers = _page_offers(ids)
        page = [offers[pk] for pk in ids if pk in offers]
        _decorate_offers(page, self._point)
        return page

    def __iter__(self) -> Iterator:
        return iter(self[0 : self.count()])

    def _page_ids(self, start: int, stop: int) -> list[int]:
        if start >= stop:
            return []
        if self._ordering != Ordering.DISTANCE:
            return self._ranked_by_column()[start:stop]
        keys = self._found.leading(stop)
        # Widen the window to whole groups of equal distance, which go by title, then id.
        low, high = start, stop
        while low > 0 and keys[low - 1][0] == keys[start][0]:
            low -= 1
        while high < len(keys) and keys[high][0] == keys[stop - 1][0]:
            high += 1
        window = keys[low:high]
        titles = self._titles_of([pk for _, pk in window])
        window.sort(key=lambda pair: (pair[0], titles.get(pair[1], ""), pair[1]))
        return [pk for _, pk in window[start - low : stop - low]]

    def _titles_of(self, ids: list[int]) -> dict[int, str]:
        return _titles(ids)

    def _ranked_by_column(self) -> list[int]:
        if self._ranked is None:
            column, descending = (
                ("created_at", True) if self._ordering == Ordering.NEWEST else ("title", False)
            )
            keys = []
            ids = list(self._found.terms())
            for chunk in range(0, len(ids), ID_CHUNK):
                keys += Offer.objects.filter(pk__in=ids[chunk : chunk + ID_CHUNK]).values_list(column, "pk")
            self._ranked = [pk for _, pk in sorted(keys, reverse=descending)]
        return self._ranked


class RankedOfferRows(RankedOffers):
    """The same ranking, each page as light rows for the API (directory/search/rows.py).
    The rows of the page's window (the page widened to whole groups of equal distance) are
    fetched once, and their titles order the ties: one query fewer than titles, then rows."""

    WINDOW_ROWS = 100  # a wider window (many offers at one place) reads titles alone first

    def _page_ids(self, start: int, stop: int) -> list[int]:
        self._window_rows: dict[int, object] = {}
        return super()._page_ids(start, stop)

    def _titles_of(self, ids: list[int]) -> dict[int, str]:
        if len(ids) > self.WINDOW_ROWS:
            return super()._titles_of(ids)
        self._window_rows = {row.id: row for row in offer_rows(ids, self._point)}
        return {pk: row.title for pk, row in self._window_rows.items()}

    def _page(self, ids: list[int]) -> list:
        missing = [pk for pk in ids if pk not in self._window_rows]
        if missing:
            self._window_rows.update({row.id: row for row in offer_rows(missing, self._point)})
        return [self._window_rows[pk] for pk in ids if pk in self._window_rows]


def _titles(ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    with connection.cursor() as cursor:
        marks = placeholders(ids)
        cursor.execute(f"SELECT id, title FROM {Offer._meta.db_table} WHERE id IN ({marks})", list(ids))
        return dict(cursor.fetchall())


@dataclass
class OfferSearchResult:
    offers: DecoratedPage
    point: Any  # maps.geocoding.GeocodeResult | None

    @property
    def count(self) -> int:
        return self.offers.count()


def offer_search(*, params: dict, rows: bool = False) -> OfferSearchResult:
    """``rows``: pages as plain values (directory.search.rows.OfferRow, for the API) rather than
    Offer objects (for the pages' templates)."""
    point = params.get("near")
    if point is not None:
        ranked = RankedOfferRows if rows else RankedOffers
        return OfferSearchResult(offers=ranked(_offers_within_reach(params, point), params), point=point)
    offers = offers_matching(params)
    offers = ordered(offers, params, None, title_field="title", created_field="created_at")
    if rows:
        return OfferSearchResult(offers=RowPage(offers), point=None)
    return OfferSearchResult(
        offers=DecoratedPage(_with_page_relations(offers), lambda page: _decorate_offers(page, None)),
        point=None,
    )


class RowPage(Sequence):
    """The offers of a search without a point, each page read as OfferRows: the queryset gives
    the count and the page's ids in order, directory/search/rows.py the values."""

    def __init__(self, offers: OfferQuerySet):
        self._offers = offers
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._offers.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return offer_rows(list(self._offers.values_list("pk", flat=True)[index]), None)
        items = self[index : index + 1]
        if not items:
            raise IndexError(index)
        return items[0]

    def __iter__(self) -> Iterator[OfferRow]:
        return iter(self[0 : self.count()])


def offer_row(*, slug: str) -> OfferRow | None:
    """A published offer by slug, as the API shows it."""
    found = list(Offer.objects.published().filter(slug=slug).values_list("pk", flat=True)[:1])
    rows = offer_rows(found, None)
    return rows[0] if rows else None


def offer_url(offer: Offer) -> str | None:
    try:
        return reverse("directory:offer_detail", kwargs={"slug": offer.slug})
    except NoReverseMatch:
        return None


# --- building blocks -------------------------------------------------------------------


def _offers_within_reach(params: dict, point) -> reach.PointReach:
    """The offers matching the filters within reach of the point (see the module docstring),
    counted and ranked by ``reach.PointReach``; the offers serving the point's municipality
    are found here."""
    municipality_code = _municipality_code(point) if reach.outreach_wanted(params) else None
    served = {} if municipality_code is None else _serving_municipality(params, point, municipality_code)
    return reach.PointReach(params=params, conditions=row_conditions(params), served=served)


def _serving_municipality(params: dict, point, municipality_code: int) -> dict[int, float | None]:
    """Offer id -> term (None: no located place) of the matching offers listing the point's
    municipality that no service radius brings here (those the search finds by their rows).
    One probe of the link table first: the filtered query runs only on such offers."""
    served = Offer.service_municipalities.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT offer_id FROM {served} WHERE municipality_id = %s", [municipality_code])
        candidates = {pk for (pk,) in cursor.fetchall()}
    if not candidates:
        return {}
    offers = offers_matching(params).filter(pk__in=candidates)
    serving_ids = set(offers.serving_municipality(municipality_code).values_list("pk", flat=True))
    serving_ids -= reach.reaching_by_radius(serving_ids, point)
    if not serving_ids:
        return {}
    located = dict(Offer.objects.filter(pk__in=serving_ids).nearest_terms(point.latitude, point.longitude))
    return {pk: located.get(pk) for pk in serving_ids}


def _page_offers(ids: list[int]) -> dict[int, Offer]:
    """The page's offers by id with what a page shows (organisation, grades, subjects,
    languages, active places), through Django's own prefetch."""
    return {offer.pk: offer for offer in _with_page_relations(Offer.objects.filter(pk__in=ids))}


def _with_page_relations(offers: OfferQuerySet) -> OfferQuerySet:
    return offers.select_related("organisation", "grade_from", "grade_to").prefetch_related(
        "subjects",
        "languages",
        Prefetch(
            "environments",
            queryset=PAGE_ENVIRONMENTS.select_related("municipality", "category").order_by("name", "pk"),
        ),
    )


def _municipality_code(point) -> int | None:
    """The searched point's municipality (for outreach areas); looked up if the geocoder
    did not say, e.g. for a bare 'lat,lng'."""
    if getattr(point, "municipality_code", None):
        return int(point.municipality_code)
    from maps import geocoding

    found = geocoding.reverse_municipality(point.latitude, point.longitude)
    if found is None:
        return None
    return int(getattr(found, "code", found))


def ordered(queryset: models.QuerySet, params: dict, point, *, title_field: str, created_field: str):
    """Stable orderings: every one ends with the primary key."""
    ordering = params.get("ordering") or (Ordering.DISTANCE if point else Ordering.TITLE)
    if ordering == Ordering.DISTANCE and point is not None:
        return queryset.order_by(models.F("distance_term").asc(nulls_last=True), title_field, "pk")
    if ordering == Ordering.NEWEST:
        return queryset.order_by(f"-{created_field}", "-pk")
    return queryset.order_by(title_field, "pk")


def _decorate_offers(offers: list[Offer], point) -> None:
    for offer in offers:
        offer.distance_km, offer.nearest_environment = nearest_place(point, offer.environments.all())
