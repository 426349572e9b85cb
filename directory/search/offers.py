"""The one search engine: the API, GeoJSON, the map and the search pages all call these.

Interfaces (``params`` is ``OfferSearchForm(...).cleaned_data`` from directory/search/forms.py):

``offer_search(*, params) -> OfferSearchResult``
    ``.offers``: a sliceable sequence of published Offer objects (organisation, grades,
    subjects, languages and active places fetched up front). When ``near`` is given each
    offer carries ``.distance_km`` (float, great circle to its nearest place) and
    ``.nearest_environment``; otherwise both are None. ``.point``: the GeocodeResult of
    ``near`` or None. ``.count``: how many offers match in all.
``environment_search(*, params) -> EnvironmentSearchResult``
    The active places hosting at least one published offer that matches the offer
    filters, themselves filtered by ``category``, ``municipality``, ``region``, ``bbox``
    and ``near`` (by where the place is). Items carry ``.distance_km`` and ``.offer_count``.
``environment_clusters(*, params, zoom) -> list[dict]``
    GeoJSON Features for a map at ``zoom``: clusters ``{"cluster": true, "count": N}`` or
    single places ``{"cluster": false, "id", "name", "organisation", "url", "offer_count"}``.

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
from django.db.models.functions import Cast, Floor
from django.urls import NoReverseMatch, reverse

from directory.models import Language, LearningEnvironment, Offer, OfferPlacement, Subject, SubjectPlacement
from directory.querysets import EnvironmentQuerySet, OfferPlacementQuerySet, OfferQuerySet
from directory.reference import reference
from directory.search import reach
from directory.search.forms import Ordering
from directory.search.rows import (
    group_links,
    in_order,
    nearest_place,
    offer_links,
    offer_rows,
)
from directory.search.serving import offer_ids_serving_by_radius
from maps import clustering
from maps.spatial import bounding_box, haversine_km

# Filters of a point search applied as a subquery of offers rather than on search-table columns.
OFFER_SUBQUERY_FILTERS = ("q", "category", "municipality", "region", "bbox")
ID_CHUNK = 5000  # ids per IN (...) list, well inside SQLite's limit on query parameters
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
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"SELECT id, title FROM {Offer._meta.db_table} WHERE id IN ({marks})", list(ids))
        return dict(cursor.fetchall())


@dataclass
class OfferSearchResult:
    offers: DecoratedPage
    point: Any  # maps.geocoding.GeocodeResult | None

    @property
    def count(self) -> int:
        return self.offers.count()


@dataclass
class EnvironmentSearchResult:
    environments: DecoratedPage
    point: Any

    @property
    def count(self) -> int:
        return self.environments.count()


def offer_search(*, params: dict, rows: bool = False) -> OfferSearchResult:
    """``rows``: a point search's pages as light rows (the API) rather than Offer objects."""
    point = params.get("near")
    if point is not None:
        ranked = RankedOfferRows if rows else RankedOffers
        return OfferSearchResult(offers=ranked(_offers_within_reach(params, point), params), point=point)
    offers = _offers_matching(params, place_filters=True)
    offers = _ordered(offers, params, None, title_field="title", created_field="created_at")
    return OfferSearchResult(
        offers=DecoratedPage(_with_page_relations(offers), lambda page: _decorate_offers(page, None)),
        point=None,
    )


def environment_search(*, params: dict) -> EnvironmentSearchResult:
    point = params.get("near")
    environments = _environments_matching(params)
    if point is not None:
        environments = environments.near(point.latitude, point.longitude, params["radius"])
    environments = _ordered(environments, params, point, title_field="name", created_field="created_at")
    environments = environments.select_related("organisation", "category", "municipality", "region")
    return EnvironmentSearchResult(
        environments=DecoratedPage(environments, lambda page: _decorate_environments(page, point, params)),
        point=point,
    )


def environment_clusters(*, params: dict, zoom: int) -> list[dict]:
    """GeoJSON Features for the map: grid clusters below ``clustering.SINGLE_PLACE_ZOOM``,
    single places from there (at most ``clustering.MAX_SINGLE_PLACES``, nearest the box's centre
    first would need a point; we take them by name)."""
    environments = _environments_matching(params, located=True).located().order_by()
    if zoom >= clustering.SINGLE_PLACE_ZOOM:
        singles = list(environments.order_by("name", "pk")[: clustering.MAX_SINGLE_PLACES])
        return [_place_feature(place) for place in _with_offer_counts(singles, params)]
    cell = clustering.cell_size_degrees(zoom)
    cells = (
        environments.annotate(
            cell_x=_floor((models.F("longitude") + 180.0) / cell),
            cell_y=_floor((models.F("latitude") + 90.0) / cell),
        )
        .values("cell_x", "cell_y")
        .annotate(
            count=models.Count("pk"),
            latitude=models.Avg("latitude"),
            longitude=models.Avg("longitude"),
            any_id=models.Min("pk"),
        )
    )
    cells = list(cells)
    single_ids = [row["any_id"] for row in cells if row["count"] == 1]
    singles = LearningEnvironment.objects.filter(pk__in=single_ids).select_related("organisation")
    places = {place.pk: place for place in _with_offer_counts(list(singles), params)}
    features = []
    for row in sorted(cells, key=lambda row: (row["cell_y"], row["cell_x"])):
        if row["count"] == 1 and row["any_id"] in places:
            features.append(_place_feature(places[row["any_id"]]))
        else:
            features.append(clustering.cluster_feature(row["latitude"], row["longitude"], row["count"]))
    return features


def environment_url(environment: LearningEnvironment) -> str | None:
    """The place's public page, or None while the page view does not exist yet."""
    try:
        return reverse("directory:environment_detail", kwargs={"slug": environment.slug})
    except NoReverseMatch:
        return None


def offer_url(offer: Offer) -> str | None:
    try:
        return reverse("directory:offer_detail", kwargs={"slug": offer.slug})
    except NoReverseMatch:
        return None


# --- building blocks -------------------------------------------------------------------


def _offers_matching(params: dict, *, place_filters: bool) -> OfferQuerySet:
    """Published offers with the offer-level filters; ``place_filters`` adds category,
    municipality, region and bbox (which the place search applies to places instead)."""
    offers = _column_filters(Offer.objects.published(), params)
    if params.get("subject"):
        offers = offers.for_subjects([subject.slug for subject in params["subject"]])
    if params.get("language") is not None:
        offers = offers.for_language(params["language"].code)
    if params.get("q"):
        offers = offers.matching_text(params["q"])
    if place_filters:
        if params.get("category") is not None:
            offers = offers.for_category(params["category"].slug)
        # Outreach offers serving a municipality by their service radius count as serving it,
        # as on the municipality's page (directory/selectors/pages.py).
        if params.get("municipality") is not None:
            municipality = params["municipality"]
            reaching = offer_ids_serving_by_radius([municipality])
            offers = offers.in_municipality(municipality.code, reaching=reaching)
        if params.get("region") is not None:
            code = params["region"].code
            municipalities = [
                place for place in reference().municipalities.values() if place.region_id == code
            ]
            offers = offers.in_region(code, reaching=offer_ids_serving_by_radius(municipalities))
        if params.get("bbox") is not None:
            offers = offers.at_environments(LearningEnvironment.objects.active().in_box(params["bbox"]))
    return offers


def _environments_matching(params: dict, *, located: bool = False) -> EnvironmentQuerySet:
    """Active places hosting a matching published offer, with the place filters. Located
    places (``located``, or a box or point given) are found through the search table: the
    rows in the box carry every published offer of an active located place."""
    environments = LearningEnvironment.objects.active()
    if params.get("category") is not None:
        environments = environments.of_category(params["category"].slug)
    if params.get("municipality") is not None:
        environments = environments.in_municipality(params["municipality"].code)
    if params.get("region") is not None:
        environments = environments.in_region(params["region"].code)
    if params.get("bbox") is not None:
        environments = environments.in_box(params["bbox"])
    point = params.get("near")
    if not (located or params.get("bbox") is not None or point is not None):
        hosting = _offers_matching(params, place_filters=False).filter(environments=models.OuterRef("pk"))
        return environments.filter(models.Exists(hosting))
    rows = _search_rows(params)
    if params.get("bbox") is not None:
        rows = rows.in_box(params["bbox"])
    elif point is not None:
        rows = rows.in_box(bounding_box(point.latitude, point.longitude, params["radius"]))
    rows = _filtered_rows(rows, params)
    if params.get("q"):
        rows = rows.for_offers(_offers_matching({"q": params["q"]}, place_filters=False))
    return environments.filter(pk__in=rows.values("environment_id"))


def _offers_within_reach(params: dict, point) -> reach.PointReach:
    """The offers matching the filters within reach of the point (see the module docstring),
    counted and ranked by ``reach.PointReach``; the offers serving the point's municipality
    are found here."""
    others = {name: params[name] for name in OFFER_SUBQUERY_FILTERS if params.get(name)}
    # The rarer place and text filters, as a subquery of offers: exactly the semantics of a
    # search without a point.
    others_sql = (
        _offers_matching(others, place_filters=True).values("pk").query.sql_with_params() if others else None
    )
    municipality_code = _municipality_code(point) if reach.outreach_wanted(params) else None
    served = {} if municipality_code is None else _serving_municipality(params, point, municipality_code)
    return reach.PointReach(params=params, others=others_sql, served=served)


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
    offers = _offers_matching(params, place_filters=True).filter(pk__in=candidates)
    serving_ids = set(offers.serving_municipality(municipality_code).values_list("pk", flat=True))
    serving_ids -= reach.reaching_by_radius(serving_ids, point)
    if not serving_ids:
        return {}
    located = dict(Offer.objects.filter(pk__in=serving_ids).nearest_terms(point.latitude, point.longitude))
    return {pk: located.get(pk) for pk in serving_ids}


def _column_filters(queryset, params: dict):
    """Grade, format, price and month: the filters offers and search rows name alike (the
    querysets of directory/querysets.py), each a test of the row's own columns."""
    if params.get("grade") is not None:
        queryset = queryset.for_grade(params["grade"].level)
    if params.get("format"):
        queryset = queryset.for_formats(params["format"])
    if params.get("free") is True:
        queryset = queryset.free()
    elif params.get("free") is False:
        queryset = queryset.not_free()
    if params.get("month"):
        queryset = queryset.for_month(params["month"])
    return queryset


def _search_rows(params: dict) -> OfferPlacementQuerySet:
    """The search rows a search reads: with a subject filter the per-subject rows of those
    subjects (SubjectPlacement, whose index starts with the subject), else one row per offer
    and place. An offer teaching two of the subjects has two rows at a place: count offers
    with DISTINCT."""
    subject_ids = [subject.pk for subject in params.get("subject") or []]
    if subject_ids:
        return SubjectPlacement.objects.filter(subject_id__in=subject_ids)
    return OfferPlacement.objects.all()


def _filtered_rows(rows: OfferPlacementQuerySet, params: dict) -> OfferPlacementQuerySet:
    """The offer filters in the order SQLite tests them: columns of the index entry, then the
    probes of other tables, only for the rows still left. Per-subject rows (``_search_rows``)
    are already those of the subjects."""
    subject_ids = (
        [subject.pk for subject in params.get("subject") or []] if rows.model is OfferPlacement else []
    )
    if subject_ids:
        rows = rows.for_subject_bits(subject_ids)
    rows = _column_filters(rows, params)
    if subject_ids:
        rows = rows.for_subjects(subject_ids)
    if params.get("language") is not None:
        rows = rows.for_language(params["language"].code)
    return rows


def _page_offers(ids: list[int]) -> dict[int, Offer]:
    """The page's offers by id with what a page shows, in three queries.

    The offers with their organisations; their links as plain id pairs, from their cards
    (directory.models.OfferCard); the active places. Subjects, languages, grades, municipalities and
    categories come from the in-memory reference tables (directory/reference.py), the links
    are grouped as for the API's rows (directory/search/rows.py). Django's prefetch
    would build a queryset per offer and relation and a model object per linked row, which
    cost more than the queries themselves. Each relation is handed to its offer as a
    finished queryset in the target's own order, as a prefetch leaves it."""
    ref = reference()
    offers = {offer.pk: offer for offer in Offer.objects.filter(pk__in=ids).select_related("organisation")}
    if not offers:
        return offers
    with connection.cursor() as cursor:
        links = offer_links(cursor, list(offers))
    place_ids = {place_id for _, place_id in links["environments"]}
    places = list(PAGE_ENVIRONMENTS.filter(pk__in=place_ids).order_by("name", "pk")) if place_ids else []
    _attach_reference(places, ref)
    related_models = {
        "subjects": (Subject, in_order(ref.subjects)),
        "languages": (Language, in_order(ref.languages)),
        "environments": (LearningEnvironment, in_order({place.pk: place for place in places})),
    }
    for name, (model, ranked) in related_models.items():
        grouped = group_links(offers, links[name], ranked)
        for pk, offer in offers.items():
            cache = offer.__dict__.setdefault("_prefetched_objects_cache", {})
            cache[name] = _finished_queryset(model, grouped[pk])
    grade_from, grade_to = Offer._meta.get_field("grade_from"), Offer._meta.get_field("grade_to")
    for offer in offers.values():
        grade_from.set_cached_value(offer, ref.grades.get(offer.grade_from_id))
        grade_to.set_cached_value(offer, ref.grades.get(offer.grade_to_id))
    return offers


def _attach_reference(places: list[LearningEnvironment], ref) -> None:
    """Hang each place's municipality, region and category from the reference tables on it."""
    fields = [LearningEnvironment._meta.get_field(name) for name in ("municipality", "region", "category")]
    tables = (ref.municipalities, ref.regions, ref.categories)
    for place in places:
        for field, table in zip(fields, tables, strict=True):
            value = getattr(place, field.attname)
            field.set_cached_value(place, None if value is None else table.get(value))


def related(instance: models.Model, name: str) -> list | models.QuerySet:
    """The objects of a many-to-many relation, read from the prefetch when there is one.

    ``instance.<name>.all()`` builds a related manager and a queryset on every call (about
    20 µs), for each offer of a page and each relation; a page has read them already."""
    prefetched = getattr(instance, "_prefetched_objects_cache", {}).get(name)
    if prefetched is None:
        return getattr(instance, name).all()
    if isinstance(prefetched, list):  # a light row's (directory/search/rows.py)
        return prefetched
    return prefetched._result_cache if prefetched._result_cache is not None else list(prefetched)


def _finished_queryset(model: type[models.Model], rows: list) -> models.QuerySet:
    """A queryset already holding its rows, as Django's prefetch leaves it."""
    queryset = models.QuerySet(model=model)
    queryset._result_cache, queryset._prefetch_done = rows, True
    return queryset


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


def _ordered(queryset: models.QuerySet, params: dict, point, *, title_field: str, created_field: str):
    """Stable orderings: every one ends with the primary key."""
    ordering = params.get("ordering") or (Ordering.DISTANCE if point else Ordering.TITLE)
    if ordering == Ordering.DISTANCE and point is not None:
        return queryset.order_by(models.F("distance_term").asc(nulls_last=True), title_field, "pk")
    if ordering == Ordering.NEWEST:
        return queryset.order_by(f"-{created_field}", "-pk")
    return queryset.order_by(title_field, "pk")


def _floor(expression: models.Expression) -> models.Expression:
    """floor() of a non-negative number. SQLite has no native FLOOR (Django's is a Python
    callback, slow over 100,000 rows); CAST truncates, which is floor for x ≥ 0.
    PostgreSQL's CAST rounds, so it gets its native FLOOR."""
    if connection.vendor == "sqlite":
        return Cast(expression, models.IntegerField())
    return Floor(expression)


def _decorate_offers(offers: list[Offer], point) -> None:
    for offer in offers:
        offer.distance_km, offer.nearest_environment = nearest_place(point, related(offer, "environments"))


def _decorate_environments(environments: list[LearningEnvironment], point, params: dict) -> None:
    _with_offer_counts(environments, params)
    for environment in environments:
        environment.distance_km = None
        if point is not None and environment.has_coordinates:
            environment.distance_km = haversine_km(
                point.latitude, point.longitude, environment.latitude, environment.longitude
            )


def _with_offer_counts(environments: list[LearningEnvironment], params: dict) -> list:
    """Set ``.offer_count``: how many of the matching offers each place hosts. Active located
    places count their search-table rows (one query); any other place its links."""
    located = [place.pk for place in environments if place.has_coordinates and place.status == "active"]
    others = [place.pk for place in environments if place.pk not in set(located)]
    counts: dict[int, int] = {}
    if located:
        rows = _filtered_rows(_search_rows(params).filter(environment_id__in=located), params)
        if params.get("q"):
            rows = rows.for_offers(_offers_matching({"q": params["q"]}, place_filters=False))
        counts.update(
            rows.order_by()
            .values("environment_id")
            .annotate(count=models.Count("offer_id", distinct=True))
            .values_list("environment_id", "count")
        )
    if others:
        offers = _offers_matching(params, place_filters=False)
        counts.update(
            Offer.environments.through.objects.filter(
                learningenvironment_id__in=others, offer_id__in=offers.values("pk")
            )
            .values_list("learningenvironment_id")
            .annotate(count=models.Count("offer_id"))
            .values_list("learningenvironment_id", "count")
        )
    for place in environments:
        place.offer_count = counts.get(place.pk, 0)
    return environments


def _place_feature(place: LearningEnvironment) -> dict:
    return clustering.place_feature(
        place.latitude,
        place.longitude,
        {
            "id": place.pk,
            "name": place.name,
            "organisation": place.organisation.name,
            "url": environment_url(place),
            "offer_count": place.offer_count,
        },
    )
