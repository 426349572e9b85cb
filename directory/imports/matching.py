"""Which existing place of the organisation an imported row describes, when its sted_id is new.

A provider's file rarely carries our ids, and the same museum typed again must not become a
second pin. So a row without a known id joins a place with the same name and address (compared
as directory.vocabulary compares words), else a place within MATCH_RADIUS_KM of the row's
point. Distance is trusted only between points precise to the address (typed coordinates, an
address-level geocode, a pin set by hand): the offline gazetteer puts every place of a postcode
on one point, and two places there are not one place.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from directory.models import LearningEnvironment, Organisation
from directory.vocabulary import normalise
from maps.geocoding import AddressNotFound, geocode
from maps.spatial import haversine_km

MATCH_RADIUS_KM = 0.2
PRECISE = {LearningEnvironment.Precision.ADDRESS, LearningEnvironment.Precision.MANUAL}


def existing_place(organisation: Organisation, fields: dict) -> tuple[LearningEnvironment | None, str]:
    """(the place the row joins, a sentence for the report saying which and why) or (None, "")."""
    row = LearningEnvironment(
        **{name: fields.get(name, "") for name in ("street_address", "postcode", "city")}
    )
    places = list(organisation.environments.active())
    for place in places:
        if normalise(place.name) == normalise(fields["name"]) and normalise(place.address_line) == normalise(
            row.address_line
        ):
            return place, _("Slået sammen med det eksisterende sted “%(name)s” (samme navn og adresse).") % {
                "name": place.name
            }
    point = _precise_point(fields, row.address_line)
    if point is None:
        return None, ""
    nearby = sorted(
        (haversine_km(*point, place.latitude, place.longitude), place.pk, place)
        for place in places
        if place.latitude is not None and place.coordinate_precision in PRECISE
    )
    if nearby and nearby[0][0] < MATCH_RADIUS_KM:
        metres, place = round(nearby[0][0] * 1000), nearby[0][2]
        return place, _("Slået sammen med det eksisterende sted “%(name)s”, %(metres)d m derfra.") % {
            "name": place.name,
            "metres": metres,
        }
    return None, ""


def _precise_point(fields: dict, address_line: str) -> tuple[float, float] | None:
    if fields.get("latitude") is not None:
        return fields["latitude"], fields["longitude"]
    if not address_line:
        return None
    try:
        result = geocode(address_line)
    except AddressNotFound:
        return None  # the write itself reports the address
    return (result.latitude, result.longitude) if result.precision == "address" else None
