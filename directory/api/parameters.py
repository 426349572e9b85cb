"""OpenAPI descriptions of the search parameters (the fields of OfferSearchForm)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from directory.models import Offer
from directory.search.forms import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM, OUTPUT_FORMATS


def _query(name: str, type_, description: str, **extra) -> OpenApiParameter:
    return OpenApiParameter(
        name, type_, OpenApiParameter.QUERY, required=False, description=description, **extra
    )


SEARCH_PARAMETERS = [
    _query(
        "near",
        OpenApiTypes.STR,
        "A point as `lat,lng` (e.g. `56.1572,10.2107`) or free text geocoded in Denmark: an address, "
        "a postcode or a town (e.g. `8000`, `Odense`). Adds `distance_km` to results.",
    ),
    _query(
        "radius",
        OpenApiTypes.DOUBLE,
        f"Kilometres around `near` ({MIN_RADIUS_KM}–{MAX_RADIUS_KM}, default {DEFAULT_RADIUS_KM:g}). "
        "Outreach offers also match when `near` lies in their service area.",
    ),
    _query(
        "subject",
        {"type": "array", "items": {"type": "string"}},
        "Subject or theme slug (see /api/v1/subjects/); repeat or comma-separate for any of several.",
        explode=True,
    ),
    _query(
        "grade", OpenApiTypes.STR, "Grade slug (`5-klasse`) or level (0–13); offers whose range covers it."
    ),
    _query("category", OpenApiTypes.STR, "Category slug of the place (see /api/v1/categories/)."),
    _query(
        "format",
        {"type": "array", "items": {"type": "string", "enum": [*Offer.Format.values, *OUTPUT_FORMATS]}},
        "Offer format, any of `paa-stedet` (on site), `udgaaende` (outreach), `digitalt`. "
        "`geojson` instead asks for a GeoJSON FeatureCollection; repeat the parameter to combine both.",
        explode=True,
    ),
    _query(
        "municipality",
        OpenApiTypes.INT,
        "Kommunekode (e.g. 751 Aarhus): offers at a place there, or outreach offers serving it.",
    ),
    _query("region", OpenApiTypes.INT, "Regionskode 1081–1085, like `municipality` for a whole region."),
    _query("free", OpenApiTypes.BOOL, "`true`: only free offers; `false`: only offers with a price."),
    _query("language", OpenApiTypes.STR, "Language code of the teaching (e.g. `en`)."),
    _query("month", OpenApiTypes.INT, "Month 1–12 in which the offer runs."),
    _query(
        "q",
        OpenApiTypes.STR,
        "Words in title, summary, description or organisation name (Danish stemming on PostgreSQL).",
    ),
    _query("bbox", OpenApiTypes.STR, "Map view `minLng,minLat,maxLng,maxLat` (WGS84 degrees)."),
    _query(
        "ordering",
        OpenApiTypes.STR,
        "`distance` (needs `near`; the default with `near`), `title` (the default otherwise) or `-created`.",
        enum=["distance", "title", "-created"],
    ),
    _query("page", OpenApiTypes.INT, "Page number from 1; past the last page is a 400."),
    _query("page_size", OpenApiTypes.INT, "Results per page, 1–100 (default 20)."),
]

ZOOM_PARAMETER = OpenApiParameter(
    "zoom",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=True,
    description="The map's zoom level 0–22; from 13 every place is its own feature.",
)
