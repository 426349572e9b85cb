"""OpenAPI descriptions of the search parameters: where (near, radius), every filter of
directory/search/filters.py from its declaration, then ordering, paging and output format."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from directory.search.filters import FILTERS
from directory.search.forms import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM

# The API's changes to its parameters and answers, newest first; the schema's version is the first.
API_CHANGES = [
    (
        "1.1.0",
        "Offer delivery is the parameter `delivery` (was `format`); `format` is only the output format "
        "(`json`, `geojson`). `grade` takes grades as teachers write them (`5`, `5. klasse`, `bh`) and "
        "stages (`indskoling`, `mellemtrin`, `udskoling`), no longer internal levels (nor do answers "
        "carry `level`). Subject, category, "
        "municipality, region and language values are case- and accent-insensitive and may be names; "
        "municipality and region also by code. Unknown parameters are a 400 naming them. Error messages "
        "follow Accept-Language (Danish by default, English).",
    ),
    ("1.0.0", "First public version."),
]
API_VERSION = API_CHANGES[0][0]


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
    *[
        _query(
            entry.name,
            entry.schema,
            entry.description,
            **({"explode": True} if entry.schema.get("type") == "array" else {}),
        )
        for entry in FILTERS
    ],
    _query(
        "ordering",
        OpenApiTypes.STR,
        "`distance` (needs `near`; the default with `near`), `title` (the default otherwise) or `-created`.",
        enum=["distance", "title", "-created"],
    ),
    _query("page", OpenApiTypes.INT, "Page number from 1; past the last page is a 400."),
    _query("page_size", OpenApiTypes.INT, "Results per page, 1–100 (default 20)."),
    _query(
        "format",
        OpenApiTypes.STR,
        "Output format: `json` (the default) or `geojson` (also chosen by `Accept: application/geo+json`).",
        enum=["json", "geojson"],
    ),
]

ZOOM_PARAMETER = OpenApiParameter(
    "zoom",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=True,
    description="The map's zoom level 0–22; from 13 every place is its own feature.",
)
