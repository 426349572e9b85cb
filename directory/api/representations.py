"""The API's one representation of an offer: ``offer_dict`` writes the JSON of an OfferRow
(directory/search/rows.py), for lists, detail and GeoJSON alike. OfferSerializer
(directory/api/serializers.py) declares the same shape for the OpenAPI schema only;
tests/directory/test_api.py checks that the two name the same keys."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from directory.models import Grade
from directory.search.rows import OfferRow, PlaceRow


class Links:
    """Absolute URLs by slug for one request: the scheme and host read once, each view's path
    reversed once (a slug needs no quoting, so the slug put in a marker's place is reverse()'s
    answer)."""

    def __init__(self, request):
        self._base = request.build_absolute_uri("/")[:-1] if request is not None else ""
        self._templates: dict[str, list[str] | None] = {}
        self.zone = timezone.get_current_timezone()

    def url(self, view_name: str, slug: str) -> str | None:
        if view_name not in self._templates:
            try:
                self._templates[view_name] = reverse(view_name, kwargs={"slug": "slug-marker"}).split(
                    "slug-marker"
                )
            except NoReverseMatch:
                self._templates[view_name] = None
        template = self._templates[view_name]
        return None if template is None else self._base + slug.join(template)


def offer_dict(offer: OfferRow, links: Links) -> dict:
    organisation = offer.organisation
    return {
        "slug": offer.slug,
        "title": offer.title,
        "summary": offer.summary,
        "description": offer.description,
        "url": links.url("directory:offer_detail", offer.slug),
        "api_url": links.url("api-v1:offer-detail", offer.slug),
        "organisation": {
            "slug": organisation.slug,
            "name": organisation.name,
            "api_url": links.url("api-v1:organisation-detail", organisation.slug),
        },
        "subjects": list(offer.subjects),
        "grade_from": grade_dict(offer.grade_from),
        "grade_to": grade_dict(offer.grade_to),
        "format": offer.format,
        "duration_minutes": offer.duration_minutes,
        "max_participants": offer.max_participants,
        "price_dkk": f"{offer.price_dkk:.2f}",
        "price_note": offer.price_note,
        "is_free": offer.is_free,
        "languages": list(offer.languages),
        "months": offer.months,
        "booking_url": offer.booking_url,
        "booking_email": offer.booking_email,
        "booking_phone": offer.booking_phone,
        "service_radius_km": offer.service_radius_km,
        "environments": [place_ref_dict(place) for place in offer.environments],
        "distance_km": None if offer.distance_km is None else round(offer.distance_km, 3),
        "nearest_environment": None if offer.nearest_environment is None else offer.nearest_environment.slug,
        "published_at": _iso_datetime(offer.published_at, links.zone),
        "updated_at": _iso_datetime(offer.updated_at, links.zone),
    }


def offer_geometry(offer: OfferRow) -> dict | None:
    """GeoJSON geometry: the nearest place's Point with a searched point, else a Point for one
    located place or a MultiPoint for several; None for an offer without one (digital)."""
    nearest = offer.nearest_environment
    if nearest is not None and nearest.has_coordinates:
        return {"type": "Point", "coordinates": [nearest.longitude, nearest.latitude]}
    located = [[place.longitude, place.latitude] for place in offer.environments if place.has_coordinates]
    if not located:
        return None
    if len(located) == 1:
        return {"type": "Point", "coordinates": located[0]}
    return {"type": "MultiPoint", "coordinates": located}


def grade_dict(grade: Grade) -> dict:
    return {
        "slug": grade.slug,
        "name": grade.name,
        "name_en": grade.name_en,
        "stage": grade.stage,
    }


def place_ref_dict(place: PlaceRow) -> dict:
    municipality = place.municipality
    return {
        "slug": place.slug,
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "postcode": place.postcode,
        "city": place.city,
        "municipality": None
        if municipality is None
        else {"code": municipality.code, "name": municipality.name},
    }


def _iso_datetime(value, zone) -> str | None:
    """What DRF's DateTimeField writes for an aware datetime with the default ISO 8601 format:
    the time in the current time zone, "Z" for UTC."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
