"""Is a point in Denmark, and in which municipality? Pure functions over in-memory tables.

Reverse lookup is a weighted vote of the nearest known places (towns, postal districts,
municipality centres: ~1,500 points, each tagged with its municipality). Near a municipal
border the nearest single place can sit across the line; a vote of several, weighted by
closeness, is right more often. A grid of 0.2° cells keeps a lookup to a few dozen distances.
"""

import math
from collections import defaultdict
from functools import cache

from maps.geocoding.data import tables
from maps.spatial import unit_vector

# Denmark's extent (Skagen, Gedser, Blåvandshuk, Christiansø) ...
BOUNDS = {"min_lat": 54.54, "max_lat": 57.76, "min_lng": 8.05, "max_lng": 15.21}
# ... minus the neighbours inside that box, as coarse polygons (lat, lng) drawn along the sea
# median lines and the land border: southern Sweden and the German coast (Sylt, Flensburg, Rügen).
SWEDEN = [
    (55.30, 12.95),
    (55.55, 12.87),
    (55.75, 12.74),
    (55.95, 12.66),
    (56.08, 12.64),
    (56.20, 12.45),
    (56.45, 12.25),
    (56.75, 12.05),
    (57.25, 11.62),
    (57.80, 11.35),
    (57.80, 15.30),
    (55.45, 15.30),
    (55.40, 14.60),
    (55.33, 13.50),
]
GERMANY = [
    (55.065, 8.00),
    (55.065, 8.58),
    (54.91, 8.66),
    (54.91, 8.82),
    (54.88, 9.05),
    (54.805, 9.30),
    (54.815, 9.37),
    (54.835, 9.43),
    (54.835, 9.47),
    (54.82, 9.62),
    (54.80, 10.00),
    (54.62, 10.60),
    (54.58, 11.30),
    (54.50, 11.90),
    (54.55, 12.30),
    (54.85, 13.00),
    (54.93, 14.50),
    (54.93, 15.30),
    (54.00, 15.30),
    (54.00, 8.00),
]
MAX_KM_FROM_KNOWN_PLACE = 60  # Anholt lies ~53 km from the nearest known place; open sea beyond
NEIGHBOURS = 6
CELL_DEGREES = 0.2


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _inside(lat: float, lng: float, polygon: list[tuple[float, float]]) -> bool:
    """Ray casting; the polygons are small and drawn in degrees, which is fine at this scale."""
    inside = False
    for (lat1, lng1), (lat2, lng2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (lng1 > lng) != (lng2 > lng) and lat < lat1 + (lng - lng1) * (lat2 - lat1) / (lng2 - lng1):
            inside = not inside
    return inside


def _cell(lat: float, lng: float) -> tuple[int, int]:
    return int(lat // CELL_DEGREES), int(lng // CELL_DEGREES)


@cache
def _grid() -> dict[tuple[int, int], list[tuple[float, float, float, float, float, int]]]:
    grid = defaultdict(list)
    for point in _placed():
        grid[_cell(point[3], point[4])].append(point)
    return dict(grid)


@cache
def _placed() -> list[tuple[float, float, float, float, float, int]]:
    """The reference points as (x, y, z, lat, lng, municipality): a point on the unit sphere
    first, so that ranking by squared chord (monotone in the great-circle distance) costs
    three products, and only the nearest few get the haversine."""
    return [(*unit_vector(lat, lng), lat, lng, code) for lat, lng, code in tables().reference_points]


def _nearest(lat: float, lng: float, count: int) -> list[tuple[float, int]]:
    """(distance km, municipality) of the `count` nearest reference points."""
    row, column = _cell(lat, lng)
    grid = _grid()
    candidates = []
    for reach in (1, 2, 3):  # widen the square of cells until it holds enough places (open sea, islands)
        span = range(-reach, reach + 1)
        candidates = [p for dr in span for dc in span for p in grid.get((row + dr, column + dc), ())]
        if len(candidates) >= count:
            break
    else:
        candidates = _placed()
    x, y, z = unit_vector(lat, lng)
    chords = sorted(((p[0] - x) ** 2 + (p[1] - y) ** 2 + (p[2] - z) ** 2, p) for p in candidates)
    return [(distance_km(lat, lng, p[3], p[4]), p[5]) for _, p in chords[:count]]


def in_denmark(latitude: float, longitude: float) -> bool:
    """Inside Denmark's box, not in Sweden's or Germany's corner of it, and near a Danish place."""
    point = _in_box(latitude, longitude)
    return point is not None and _nearest(*point, 1)[0][0] <= MAX_KM_FROM_KNOWN_PLACE


def _in_box(latitude, longitude) -> tuple[float, float] | None:
    """The point as floats when it lies in Denmark's box outside the Swedish and German corners."""
    try:
        lat, lng = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return None
    if not (BOUNDS["min_lat"] <= lat <= BOUNDS["max_lat"] and BOUNDS["min_lng"] <= lng <= BOUNDS["max_lng"]):
        return None
    if _inside(lat, lng, SWEDEN) or _inside(lat, lng, GERMANY):
        return None
    return lat, lng


def reverse_municipality(latitude: float, longitude: float) -> int | None:
    """The municipality code for a point in Denmark, None outside Denmark."""
    point = _in_box(latitude, longitude)
    if point is None:
        return None
    nearest = _nearest(*point, NEIGHBOURS)  # one ranking serves the distance test and the vote
    if nearest[0][0] > MAX_KM_FROM_KNOWN_PLACE:
        return None
    votes: dict[int, float] = defaultdict(float)
    for distance, code in nearest:
        votes[code] += 1 / (distance + 0.5) ** 2  # a place 500 m away outweighs several 5 km away
    return max(votes, key=votes.__getitem__)


def region_of(municipality_code: int | None) -> int | None:
    return tables().region_of.get(municipality_code) if municipality_code is not None else None


@cache
def _municipality_names() -> dict[int, str]:
    return {place.municipality_code: place.name for place in tables().municipalities.values()}


def municipality_name(municipality_code: int | None) -> str:
    """ "Sorø Kommune" for 340; "" when unknown."""
    return _municipality_names().get(municipality_code, "") if municipality_code is not None else ""
