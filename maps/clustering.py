"""Server-side grid clustering for map zoom levels; pure functions, no database.

The world is cut into square cells in degrees whose size halves with every zoom
level, about ``CELL_PIXELS`` screen pixels wide on a Web Mercator map. Places that fall
into one cell become one cluster at the cells' mean position. The database does the
grouping (``GROUP BY`` the cell numbers that ``cell_index`` defines); ``cluster_points``
does the same in Python for small sets and for the tests.

Feature properties (GeoJSON, RFC 7946, coordinates [longitude, latitude]):
a cluster ``{"cluster": true, "count": N}``; a single place ``{"cluster": false, …}``
with the caller's properties (the directory adds id, name, organisation, url, offer_count).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

TILE_PIXELS = 256
CELL_PIXELS = 64
# From this zoom (a town's streets) every place is shown on its own.
SINGLE_PLACE_ZOOM = 13
# A guard for a dense view at high zoom: more markers than this help nobody.
MAX_SINGLE_PLACES = 2000


def cell_size_degrees(zoom: int) -> float:
    """Width of a cell in degrees of longitude (and latitude) at the zoom level."""
    if zoom < 0:
        raise ValueError("zoom must be 0 or more")
    return 360.0 / (2**zoom) * CELL_PIXELS / TILE_PIXELS


def cell_index(latitude: float, longitude: float, zoom: int) -> tuple[int, int]:
    """(x, y) of the cell holding the point; offsets keep both non-negative."""
    size = cell_size_degrees(zoom)
    return math.floor((longitude + 180.0) / size), math.floor((latitude + 90.0) / size)


@dataclass
class Cluster:
    latitude_sum: float = 0.0
    longitude_sum: float = 0.0
    members: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def latitude(self) -> float:
        return self.latitude_sum / self.count

    @property
    def longitude(self) -> float:
        return self.longitude_sum / self.count


def cluster_points(points: Iterable[tuple[float, float, dict]], zoom: int) -> list[dict]:
    """GeoJSON Features for (latitude, longitude, properties) points at the zoom level."""
    cells: dict[tuple[int, int], Cluster] = {}
    for latitude, longitude, properties in points:
        cluster = cells.setdefault(cell_index(latitude, longitude, zoom), Cluster())
        cluster.latitude_sum += latitude
        cluster.longitude_sum += longitude
        cluster.members.append((latitude, longitude, properties))
    features = []
    for key in sorted(cells, key=lambda xy: (xy[1], xy[0])):
        cluster = cells[key]
        if cluster.count == 1 or zoom >= SINGLE_PLACE_ZOOM:
            features.extend(place_feature(lat, lng, props) for lat, lng, props in cluster.members)
        else:
            features.append(cluster_feature(cluster.latitude, cluster.longitude, cluster.count))
    return features


def cluster_feature(latitude: float, longitude: float, count: int) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
        "properties": {"cluster": True, "count": count},
    }


def place_feature(latitude: float, longitude: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
        "properties": {"cluster": False, **properties},
    }
