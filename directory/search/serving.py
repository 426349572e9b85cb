"""Which outreach offers come to a municipality by their service radius: the search's
municipality and region filters and the municipality pages read it alike."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max, Q

from directory.models import LearningEnvironment, Offer
from maps.models import Municipality
from maps.spatial import bounding_box, haversine_km


def offer_ids_serving_by_radius(municipalities: Iterable[Municipality]) -> set[int]:
    """Outreach offers (any status) whose service radius, drawn around any of their active
    places, reaches a municipality's centre point.

    Two stages: a box around each centre as wide as the largest radius picks candidate
    places on the indexed coordinates, then the great-circle distance decides per offer.
    """
    centres = [(municipality.latitude, municipality.longitude) for municipality in municipalities]
    widest = Offer.objects.filter(format=Offer.Format.OUTREACH).aggregate(widest=Max("service_radius_km"))[
        "widest"
    ]
    if not centres or not widest:
        return set()
    in_a_box = Q()
    for latitude, longitude in centres:
        box = bounding_box(latitude, longitude, widest)
        in_a_box |= Q(
            learningenvironment__latitude__range=(box.min_lat, box.max_lat),
            learningenvironment__longitude__range=(box.min_lng, box.max_lng),
        )
    links = Offer.environments.through.objects.filter(
        in_a_box,
        offer__format=Offer.Format.OUTREACH,
        offer__service_radius_km__isnull=False,
        learningenvironment__status=LearningEnvironment.Status.ACTIVE,
    ).values_list(
        "offer_id",
        "offer__service_radius_km",
        "learningenvironment__latitude",
        "learningenvironment__longitude",
    )
    return {
        offer_id
        for offer_id, radius, latitude, longitude in links
        if any(haversine_km(latitude, longitude, *centre) <= radius for centre in centres)
    }
