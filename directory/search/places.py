"""The place search and the map's clusters.

``environment_search(*, params) -> EnvironmentSearchResult``
    The active places hosting at least one published offer that matches the offer filters,
    themselves filtered by where they are (the filters with a ``places`` declaration:
    category, municipality, region, bbox) and by ``near``. Items carry ``.distance_km`` and
    ``.offer_count``.
``environment_clusters(*, params, zoom) -> list[dict]``
    GeoJSON Features for a map at ``zoom``: clusters ``{"cluster": true, "count": N}`` or
    single places ``{"cluster": false, "id", "name", "organisation", "url", "offer_count"}``.

Located places (a box, a point, or the map) are found through the search table: the rows in
the box carry every published offer of an active located place, so a place matches when one
of its rows passes the filters' row conditions (and the offer-id subquery of the filters the
row does not carry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Floor
from django.urls import NoReverseMatch, reverse

from directory.models import LearningEnvironment, Offer
from directory.querysets import EnvironmentQuerySet, latitude_bands
from directory.search.filters import offers_matching, row_conditions, set_filters
from directory.search.offers import DecoratedPage, ordered
from directory.search.reach import search_table
from directory.search.sql import placeholders
from maps import clustering
from maps.spatial import BoundingBox, bounding_box, haversine_km

Statement = tuple[str, list]


@dataclass
class EnvironmentSearchResult:
    environments: DecoratedPage
    point: Any

    @property
    def count(self) -> int:
        return self.environments.count()


def environment_search(*, params: dict) -> EnvironmentSearchResult:
    point = params.get("near")
    environments = _environments_matching(params)
    if point is not None:
        environments = environments.near(point.latitude, point.longitude, params["radius"])
    environments = ordered(environments, params, point, title_field="name", created_field="created_at")
    environments = environments.select_related("organisation", "category", "municipality", "region")
    return EnvironmentSearchResult(
        environments=DecoratedPage(environments, lambda page: _decorate(page, point, params)),
        point=point,
    )


def environment_clusters(*, params: dict, zoom: int) -> list[dict]:
    """GeoJSON Features for the map: grid clusters below ``clustering.SINGLE_PLACE_ZOOM``,
    single places from there (at most ``clustering.MAX_SINGLE_PLACES``, by name)."""
    environments = _environments_matching(params, located=True).located().order_by()
    if zoom >= clustering.SINGLE_PLACE_ZOOM:
        singles = list(
            environments.select_related("organisation").order_by("name", "pk")[: clustering.MAX_SINGLE_PLACES]
        )
        return [_place_feature(place) for place in with_offer_counts(singles, params)]
    cell = clustering.cell_size_degrees(zoom)
    cells = list(
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
    single_ids = [row["any_id"] for row in cells if row["count"] == 1]
    singles = LearningEnvironment.objects.filter(pk__in=single_ids).select_related("organisation")
    places = {place.pk: place for place in with_offer_counts(list(singles), params)}
    features = []
    for row in sorted(cells, key=lambda row: (row["cell_y"], row["cell_x"])):
        if row["count"] == 1 and row["any_id"] in places:
            features.append(_place_feature(places[row["any_id"]]))
        else:
            features.append(clustering.cluster_feature(row["latitude"], row["longitude"], row["count"]))
    return features


def environment_url(environment) -> str | None:
    """The place's public page, or None while the page view does not exist yet."""
    try:
        return reverse("directory:environment_detail", kwargs={"slug": environment.slug})
    except NoReverseMatch:
        return None


def _environments_matching(params: dict, *, located: bool = False) -> EnvironmentQuerySet:
    """Active places where they are wanted (the filters' ``places``), hosting a matching offer
    (every other filter)."""
    environments = LearningEnvironment.objects.active()
    for entry, value in set_filters(params):
        if entry.places is not None:
            environments = entry.places(environments, value)
    point = params.get("near")
    if not (located or params.get("bbox") is not None or point is not None):
        hosting = offers_matching(params, only=lambda entry: entry.places is None)
        return environments.filter(models.Exists(hosting.filter(environments=models.OuterRef("pk"))))
    box = params.get("bbox")
    if box is None and point is not None:
        box = bounding_box(point.latitude, point.longitude, params["radius"])
    return environments.filter(pk__in=RawSQL(*matching_rows_sql(params, "r.environment_id", box=box)))


def matching_rows_sql(
    params: dict, columns: str, *, box: BoundingBox | None = None, environment_ids: list[int] | None = None
) -> Statement:
    """SELECT ``columns`` of the search rows passing the filters that are not about where the
    place is, within ``box`` or at these places."""
    conditions = row_conditions(params, places_apart=True)
    where, values = list(conditions.columns), list(conditions.column_values)
    if box is not None:
        bands = latitude_bands(box.min_lat, box.max_lat)
        where.append(f"r.band IN ({placeholders(bands)})")
        where.append("r.longitude >= %s AND r.longitude <= %s AND r.latitude >= %s AND r.latitude <= %s")
        values += [*bands, box.min_lng, box.max_lng, box.min_lat, box.max_lat]
    if environment_ids is not None:
        where.append(f"r.environment_id IN ({placeholders(environment_ids)})")
        values += environment_ids
    where += conditions.probes
    values += conditions.probe_values
    if conditions.others is not None:
        where.append(f"r.offer_id IN ({conditions.others[0]})")
        values += conditions.others[1]
    return f"SELECT {columns} FROM {search_table(params)} r WHERE {' AND '.join(where) or '1 = 1'}", values


def with_offer_counts(environments: list, params: dict) -> list:
    """Set ``.offer_count``: how many of the matching offers each place hosts. Active located
    places count their search-table rows (one query); any other place its links."""
    located = [place.pk for place in environments if place.has_coordinates and place.status == "active"]
    others = [place.pk for place in environments if place.pk not in set(located)]
    counts: dict[int, int] = {}
    if located:
        sql, values = matching_rows_sql(
            params, "r.environment_id, COUNT(DISTINCT r.offer_id)", environment_ids=located
        )
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} GROUP BY r.environment_id", values)
            counts.update(cursor.fetchall())
    if others:
        offers = offers_matching(params, only=lambda entry: entry.places is None)
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


def _decorate(environments: list, point, params: dict) -> None:
    with_offer_counts(environments, params)
    for environment in environments:
        environment.distance_km = None
        if point is not None and environment.has_coordinates:
            environment.distance_km = haversine_km(
                point.latitude, point.longitude, environment.latitude, environment.longitude
            )


def _floor(expression: models.Expression) -> models.Expression:
    """floor() of a non-negative number. SQLite has no native FLOOR (Django's is a Python
    callback, slow over 100,000 rows); CAST truncates, which is floor for x ≥ 0.
    PostgreSQL's CAST rounds, so it gets its native FLOOR."""
    if connection.vendor == "sqlite":
        return Cast(expression, models.IntegerField())
    return Floor(expression)


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
