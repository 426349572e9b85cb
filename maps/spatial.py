"""Great-circle and bounding-box math for the two-stage geographic search.

Pure functions on plain numbers; nothing here knows about the directory or the ORM.

Stage one of a search is a bounding box (``bounding_box``) on the indexed latitude and
longitude columns. Stage two is the exact great-circle distance. To let the database
filter and ORDER BY/LIMIT on that distance without trigonometric functions (SQLite has
none of its own; Django supplies them as slow Python callbacks), ``haversine_term``
evaluates the haversine term ``a`` as a Taylor polynomial in the small coordinate
differences. It only uses ``+ - *``, so the same function works on floats and on Django
expressions: the directory's querysets build their SQL from it, and the tests check it
against the closed formula. Ordering by ``a`` is ordering by distance, because the
distance ``2R·asin(√a)`` grows with ``a``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180
RADIANS_PER_DEGREE = math.pi / 180
# Longitude spans beyond this (near the poles) make the box the whole globe.
_MAX_LATITUDE_FOR_BOX = 89.0


@dataclass(frozen=True)
class BoundingBox:
    """A box in WGS84 degrees, in the GeoJSON/API order min_lng, min_lat, max_lng, max_lat."""

    min_lng: float
    min_lat: float
    max_lng: float
    max_lat: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.min_lat <= latitude <= self.max_lat and self.min_lng <= longitude <= self.max_lng

    def as_list(self) -> list[float]:
        return [self.min_lng, self.min_lat, self.max_lng, self.max_lat]


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in km on the mean-radius sphere (closed haversine formula)."""
    return distance_from_term(
        math.sin(math.radians(lat2 - lat1) / 2) ** 2
        + math.cos(math.radians(lat1))
        * math.cos(math.radians(lat2))
        * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )


def distance_from_term(term: float) -> float:
    """Distance in km for a haversine term ``a`` (clamped against rounding outside [0, 1])."""
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(term, 0.0), 1.0)))


def term_for_distance(distance_km: float) -> float:
    """The haversine term ``a`` of a distance: ``a <= term_for_distance(r)`` ⇔ distance ≤ r."""
    return math.sin(min(distance_km / (2 * EARTH_RADIUS_KM), math.pi / 2)) ** 2


def haversine_term(latitude, longitude, origin_latitude: float, origin_longitude: float):
    """The haversine term ``a`` between a point and a fixed origin, using only + − ×.

    ``latitude``/``longitude`` may be floats or database expressions (degrees). With
    p = Δlatitude and l = Δlongitude in radians:
    a = sin²(p/2) + cos φ₀ · cos(φ₀ + p) · sin²(l/2),
    cos(φ₀ + p) = cos φ₀ cos p − sin φ₀ sin p, each sine and cosine a Taylor polynomial.
    The orders are chosen for |p| ≤ 0.1 and |l| ≤ 0.2 rad (a 500 km search at Danish
    latitudes): there the distance is off by less than a metre (tests/maps/test_spatial.py).
    """
    cos0 = math.cos(math.radians(origin_latitude))
    sin0 = math.sin(math.radians(origin_latitude))
    p = (latitude - origin_latitude) * RADIANS_PER_DEGREE
    l = (longitude - origin_longitude) * RADIANS_PER_DEGREE  # noqa: E741 (the formula's name)
    p2 = p * p
    l2 = l * l
    cos_p = 1.0 - p2 * (1 / 2 - p2 * (1 / 24))
    sin_p = p * (1.0 - p2 * (1 / 6))
    half_versine_p = p2 * (1 / 4 - p2 * (1 / 48 - p2 * (1 / 1440)))
    half_versine_l = l2 * (1 / 4 - l2 * (1 / 48 - l2 * (1 / 1440)))
    cos_latitude = cos_p * cos0 - sin_p * sin0
    return half_versine_p + cos_latitude * (cos0 * half_versine_l)


class _Symbol:
    """A number in an SQL expression: arithmetic on it writes the SQL text instead."""

    def __init__(self, sql: str):
        self.sql = sql

    @staticmethod
    def _text(value) -> str:
        return value.sql if isinstance(value, _Symbol) else repr(float(value))

    def _combine(self, operator: str, other, reverse: bool = False) -> _Symbol:
        left, right = (self._text(other), self.sql) if reverse else (self.sql, self._text(other))
        return _Symbol(f"({left} {operator} {right})")

    def __add__(self, other):
        return self._combine("+", other)

    def __radd__(self, other):
        return self._combine("+", other, reverse=True)

    def __sub__(self, other):
        return self._combine("-", other)

    def __rsub__(self, other):
        return self._combine("-", other, reverse=True)

    def __mul__(self, other):
        return self._combine("*", other)

    def __rmul__(self, other):
        return self._combine("*", other, reverse=True)


def haversine_term_sql(origin_latitude: float, origin_longitude: float) -> str:
    """``haversine_term`` as SQL text with ``{latitude}`` and ``{longitude}`` placeholders.

    The same polynomial, written out once: building it as a tree of ORM expressions costs
    milliseconds per query, the text microseconds.
    """
    return haversine_term(
        _Symbol("{latitude}"), _Symbol("{longitude}"), origin_latitude, origin_longitude
    ).sql


def unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    """The point on the unit sphere (x, y, z) of a latitude and longitude in degrees."""
    phi, lam = math.radians(latitude), math.radians(longitude)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def chord_term_sql(
    origin_latitude: float, origin_longitude: float, alias: str = "", placeholder: str = "%s"
) -> tuple[str, list[float]]:
    """SQL and its parameters for the haversine term ``a`` between the origin and rows holding
    their point on the unit sphere in columns ``x``, ``y``, ``z`` (the search tables): a quarter
    of the squared chord, since chord = 2·sin(d/2R) and a = sin²(d/2R). Exact, not a series,
    and three subtractions and products per row: the cheapest exact distance a database can
    compute. The origin is a parameter, so the statement's text is the same for every point
    (the database's prepared-statement caches). ``alias`` prefixes the columns (``"r."``)."""
    terms = [f"({alias}{column} - {placeholder}) * ({alias}{column} - {placeholder})" for column in "xyz"]
    x, y, z = unit_vector(origin_latitude, origin_longitude)
    return f"(({' + '.join(terms)}) * 0.25)", [x, x, y, y, z, z]


def bounding_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box holding every point within ``radius_km``.

    The longitude half-width is the exact one of a spherical cap, asin(sin(r/R) / cos φ),
    so the box never cuts the circle. Near a pole it spans all longitudes; at the
    antimeridian it is clipped (a directory of Denmark never gets there).
    """
    lat_delta = radius_km / KM_PER_DEGREE_LATITUDE
    min_lat = max(latitude - lat_delta, -90.0)
    max_lat = min(latitude + lat_delta, 90.0)
    widest = max(abs(min_lat), abs(max_lat))
    if widest >= _MAX_LATITUDE_FOR_BOX:
        return BoundingBox(-180.0, min_lat, 180.0, max_lat)
    angular = radius_km / EARTH_RADIUS_KM
    # Exact half-width of a spherical cap: asin(sin(r/R) / cos(φ)), bounded by 180°.
    ratio = math.sin(angular) / math.cos(math.radians(latitude))
    lng_delta = 180.0 if ratio >= 1 else math.degrees(math.asin(ratio))
    return BoundingBox(
        max(longitude - lng_delta, -180.0), min_lat, min(longitude + lng_delta, 180.0), max_lat
    )


def inscribed_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox | None:
    """A latitude/longitude box lying wholly within ``radius_km`` of the point: a row inside it
    is within the radius without computing its distance (a search's cheap first test).

    Half a side of r/√2 (the square inscribed in the circle), its longitude span taken at the
    box's edge nearer the equator, where a degree of longitude is longest; then shrunk until
    its farthest points, the corners (the distance to a latitude/longitude box is largest at
    one of them), are within the radius. None near a pole, where a box is no use."""
    half_km = radius_km / math.sqrt(2)
    lat_delta = half_km / KM_PER_DEGREE_LATITUDE
    equatorward = abs(latitude) - lat_delta
    if abs(latitude) + lat_delta >= _MAX_LATITUDE_FOR_BOX:
        return None
    lng_delta = half_km / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(max(equatorward, 0.0))))
    for _ in range(8):
        corners = (
            (latitude + sign_lat * lat_delta, longitude + sign_lng * lng_delta)
            for sign_lat in (-1, 1)
            for sign_lng in (-1, 1)
        )
        if all(haversine_km(latitude, longitude, *corner) < radius_km for corner in corners):
            return BoundingBox(
                longitude - lng_delta, latitude - lat_delta, longitude + lng_delta, latitude + lat_delta
            )
        lat_delta, lng_delta = lat_delta * 0.99, lng_delta * 0.99
    return None
