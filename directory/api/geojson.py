"""GeoJSON (RFC 7946) for offers and places: a FeatureCollection, coordinates [longitude, latitude].

A place is a Point. An offer's geometry is written with its JSON
(directory/api/representations.py); a purely digital offer has ``"geometry": null``
(RFC 7946 §3.2 allows unlocated features).
Paging is carried as foreign members ("count", "next", "previous") beside "features".
"""

from __future__ import annotations

from directory.api.renderers import JSONRenderer


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


def _position(place) -> list[float]:
    return [place.longitude, place.latitude]


def environment_geometry(environment) -> dict | None:
    if not environment.has_coordinates:
        return None
    return {"type": "Point", "coordinates": _position(environment)}


def feature(*, identifier: str, geometry: dict | None, properties: dict) -> dict:
    return {"type": "Feature", "id": identifier, "geometry": geometry, "properties": properties}


def feature_collection(features: list[dict], **foreign_members) -> dict:
    return {"type": "FeatureCollection", "features": features, **foreign_members}
