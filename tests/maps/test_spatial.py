"""Great-circle and bounding-box math, checked against independent formulas."""

import math
import random

import pytest

from maps.spatial import (
    EARTH_RADIUS_KM,
    bounding_box,
    distance_from_term,
    haversine_km,
    haversine_term,
    inscribed_box,
    term_for_distance,
)

AARHUS = (56.1572, 10.2107)
ODENSE = (55.3959, 10.3883)
COPENHAGEN = (55.6761, 12.5683)
AALBORG = (57.0488, 9.9217)


def spherical_law_of_cosines_km(a, b) -> float:
    """A different closed formula for the same sphere, to check haversine_km against."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lng2 - lng1)
    return EARTH_RADIUS_KM * math.acos(min(1.0, cosine))


def destination(origin, bearing_degrees: float, distance_km: float) -> tuple[float, float]:
    """The point at a distance and bearing (the direct geodesic problem on the sphere)."""
    lat1, lng1 = map(math.radians, origin)
    angle, bearing = distance_km / EARTH_RADIUS_KM, math.radians(bearing_degrees)
    lat2 = math.asin(math.sin(lat1) * math.cos(angle) + math.cos(lat1) * math.sin(angle) * math.cos(bearing))
    lng2 = lng1 + math.atan2(
        math.sin(bearing) * math.sin(angle) * math.cos(lat1),
        math.cos(angle) - math.sin(lat1) * math.sin(lat2),
    )
    return math.degrees(lat2), math.degrees(lng2)


@pytest.mark.parametrize(
    "a, b", [(AARHUS, ODENSE), (AARHUS, COPENHAGEN), (AARHUS, AALBORG), (ODENSE, COPENHAGEN)]
)
def test_haversine_agrees_with_the_law_of_cosines_between_danish_cities(a, b):
    assert haversine_km(*a, *b) == pytest.approx(spherical_law_of_cosines_km(a, b), abs=1e-6)


@pytest.mark.parametrize("a, b", [(AARHUS, COPENHAGEN), (AARHUS, AALBORG), (ODENSE, AALBORG)])
def test_sphere_distances_are_within_half_a_percent_of_geopys_ellipsoid_geodesic(a, b):
    from geopy.distance import geodesic

    assert haversine_km(*a, *b) == pytest.approx(geodesic(a, b).km, rel=0.005)


def test_the_polynomial_term_gives_the_exact_distance_within_a_metre_up_to_500_km():
    rng = random.Random(7)
    for _ in range(5000):
        origin = (rng.uniform(54.5, 57.8), rng.uniform(8.0, 15.2))
        distance = rng.uniform(0, 500)
        point = destination(origin, rng.uniform(0, 360), distance)
        approximated = distance_from_term(haversine_term(*point, *origin))
        assert approximated == pytest.approx(distance, abs=0.001)


def test_term_for_distance_is_the_threshold_of_the_term():
    for radius in (0.1, 10, 25, 100, 500):
        edge = destination(AARHUS, 45, radius)
        assert haversine_term(*edge, *AARHUS) == pytest.approx(term_for_distance(radius), rel=1e-6)


@pytest.mark.parametrize(
    "origin", [AARHUS, COPENHAGEN, (54.56, 11.9), (57.74, 10.6), (-33.9, 18.4), (70.0, 25.0)]
)
@pytest.mark.parametrize("radius", [0.1, 10, 100, 500])
def test_bounding_box_holds_the_whole_circle_and_is_not_much_larger(origin, radius):
    box = bounding_box(*origin, radius)
    for bearing in range(0, 360, 5):
        assert box.contains(*destination(origin, bearing, radius * 0.999999))
    north = destination(origin, 0, radius * 1.001)
    east = destination(origin, 90, radius * 1.05)  # the box's corner bulges; its sides touch
    assert not box.contains(*north)
    assert box.max_lng < east[1] or radius < 1


@pytest.mark.parametrize(
    "origin", [AARHUS, COPENHAGEN, (54.56, 11.9), (57.74, 10.6), (-33.9, 18.4), (70.0, 25.0)]
)
@pytest.mark.parametrize("radius", [0.1, 10, 100, 500])
def test_the_inscribed_box_lies_within_the_circle_and_fills_most_of_the_inscribed_square(origin, radius):
    box = inscribed_box(*origin, radius)
    rng = random.Random(5)
    points = [
        (rng.uniform(box.min_lat, box.max_lat), rng.uniform(box.min_lng, box.max_lng)) for _ in range(500)
    ]
    points += [(lat, lng) for lat in (box.min_lat, box.max_lat) for lng in (box.min_lng, box.max_lng)]
    assert all(haversine_km(*origin, *point) < radius for point in points)
    # Not needlessly small: its sides are at least 95 % of the inscribed square's.
    assert haversine_km(box.min_lat, origin[1], box.max_lat, origin[1]) > 0.95 * radius * math.sqrt(2)


def test_there_is_no_inscribed_box_at_a_pole():
    assert inscribed_box(89.9, 0.0, 100) is None


def test_bounding_box_near_the_pole_spans_every_longitude():
    box = bounding_box(89.5, 10.0, 100)
    assert (box.min_lng, box.max_lng, box.max_lat) == (-180.0, 180.0, 90.0)


def test_the_chord_term_in_sql_is_the_exact_haversine_term_from_metres_to_500_km():
    """What the search tables' SQL computes from the stored unit vectors (maps.spatial.chord_term_sql)."""
    import sqlite3

    from maps.spatial import chord_term_sql, distance_from_term, unit_vector

    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE r (x REAL, y REAL, z REAL)")
    rng = random.Random(11)
    for _ in range(200):
        origin = (rng.uniform(54.5, 57.8), rng.uniform(8.0, 15.2))
        bearing, km = rng.uniform(0, 2 * math.pi), rng.choice([0.001, 0.05, 1, 10, 100, 500]) * rng.random()
        point = (origin[0] + km / 111.2 * math.cos(bearing), origin[1] + km / 62.0 * math.sin(bearing))
        database.execute("DELETE FROM r")
        database.execute("INSERT INTO r VALUES (?, ?, ?)", unit_vector(*point))
        sql, params = chord_term_sql(*origin, placeholder="?")
        (term,) = database.execute(f"SELECT {sql} FROM r", params).fetchone()
        assert distance_from_term(term) == pytest.approx(haversine_km(*origin, *point), abs=1e-6)
