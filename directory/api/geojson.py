"""GeoJSON (RFC 7946) for offers and places: a FeatureCollection, coordinates [longitude, latitude].

A place is a Point. An offer is the Point of its nearest place when the search has a
point, else a Point for one place or a MultiPoint for several; a purely digital offer
has ``"geometry": null`` (RFC 7946 §3.2 allows unlocated features).
Paging is carried as foreign members ("count", "next", "previous") beside "features".
"""

from __future__ import annotations

from directory.api.renderers import JSONRenderer
from directory.search.offers import related


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


def _position(place) -> list[float]:
    return [place.longitude, place.latitude]


def offer_geometry(offer) -> dict | None:
    nearest = getattr(offer, "nearest_environment", None)
    if nearest is not None and nearest.has_coordinates:
        return {"type": "Point", "coordinates": _position(nearest)}
    located = [place for place in related(offer, "environments") if place.has_coordinates]
    if not located:
        return None
    if len(located) == 1:
        return {"type": "Point", "coordinates": _position(located[0])}
    return {"type": "MultiPoint", "coordinates": [_position(place) for place in located]}


def environment_geometry(environment) -> dict | None:
    if not environment.has_coordinates:
        return None
    return {"type": "Point", "coordinates": _position(environment)}


def feature(*, identifier: str, geometry: dict | None, properties: dict) -> dict:
    return {"type": "Feature", "id": identifier, "geometry": geometry, "properties": properties}


def feature_collection(features: list[dict], **foreign_members) -> dict:
    return {"type": "FeatureCollection", "features": features, **foreign_members}
