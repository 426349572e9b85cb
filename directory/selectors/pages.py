"""Reads for the public detail pages: what an offer, a place, an organisation and a
municipality page show. Only published offers and active places are public."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from directory.models import Grade, LearningEnvironment, Offer, Organisation
from directory.search.serving import offer_ids_serving_by_radius
from maps.models import Municipality
from maps.spatial import bounding_box, haversine_km

PUBLIC_ENVIRONMENTS = LearningEnvironment.objects.active().select_related(
    "category", "organisation", "municipality"
)


def public_offers() -> QuerySet[Offer]:
    """Published offers with what a card or a detail page shows, fetched up front."""
    return (
        Offer.objects.published()
        .select_related("organisation", "grade_from", "grade_to")
        .prefetch_related(
            "subjects",
            "languages",
            Prefetch("environments", queryset=PUBLIC_ENVIRONMENTS.order_by("name")),
        )
    )


def offer_detail(*, slug: str) -> Offer | None:
    offer = (
        public_offers()
        .select_related("organisation__municipality")
        .prefetch_related("service_municipalities")
    ).filter(slug=slug)
    return offer.first()


def offer_grades(*, offer: Offer) -> list[Grade]:
    """Every grade the offer's range covers, for display and JSON-LD educationalLevel."""
    return list(Grade.objects.filter(level__gte=offer.grade_from_id, level__lte=offer.grade_to_id))


def offer_siblings(*, offer: Offer, limit: int = 6) -> list[Offer]:
    """Other published offers at the same places (a class is going there anyway)."""
    place_ids = [environment.pk for environment in offer.environments.all()]
    if not place_ids:
        return []
    return list(public_offers().filter(environments__in=place_ids).exclude(pk=offer.pk).distinct()[:limit])


def offer_alternatives(*, offer: Offer, radius_km: float = 40, limit: int = 6) -> list[Offer]:
    """Published offers in a shared subject at other places near the offer's first place,
    nearest first, each with .distance_km and .nearest_environment set.

    Two stages, as everywhere in the directory: a bounding box on the indexed
    coordinates picks candidates, then the great-circle distance orders them.
    """
    origin = next((place for place in offer.environments.all() if place.has_coordinates), None)
    if origin is None:
        return []
    own_places = {place.pk for place in offer.environments.all()}
    box = bounding_box(origin.latitude, origin.longitude, radius_km)
    nearby_places = {
        place.pk: place
        for place in PUBLIC_ENVIRONMENTS.located()
        .in_bbox(box.min_lng, box.min_lat, box.max_lng, box.max_lat)
        .exclude(pk__in=own_places)
    }
    if not nearby_places:
        return []
    candidates = (
        public_offers()
        .for_subjects([subject.slug for subject in offer.subjects.all()])
        .filter(environments__in=list(nearby_places))
        .exclude(pk=offer.pk)
        .distinct()
    )
    ranked = []
    for candidate in candidates:
        distances = [
            (haversine_km(origin.latitude, origin.longitude, place.latitude, place.longitude), place)
            for place in candidate.environments.all()
            if place.pk in nearby_places
        ]
        distances = [(km, place) for km, place in distances if km <= radius_km]
        if distances:
            candidate.distance_km, candidate.nearest_environment = min(distances, key=lambda pair: pair[0])
            ranked.append(candidate)
    ranked.sort(key=lambda candidate: (candidate.distance_km, candidate.title))
    return ranked[:limit]


def environment_detail(*, slug: str) -> LearningEnvironment | None:
    return PUBLIC_ENVIRONMENTS.select_related("region").filter(slug=slug).first()


def environment_offers(*, environment: LearningEnvironment) -> list[Offer]:
    return list(public_offers().filter(environments=environment))


def organisation_detail(*, slug: str) -> Organisation | None:
    """An organisation is public when it shows something: an active place or a published offer."""
    return Organisation.objects.public().select_related("municipality").filter(slug=slug).first()


def organisation_environments(*, organisation: Organisation) -> list[LearningEnvironment]:
    return list(PUBLIC_ENVIRONMENTS.filter(organisation=organisation))


def organisation_offers(*, organisation: Organisation) -> list[Offer]:
    return list(public_offers().filter(organisation=organisation))


@dataclass(frozen=True)
class MunicipalityListing:
    municipality: Municipality
    environments: list[LearningEnvironment]
    local_offers: list[Offer]
    outreach_offers: list[Offer]


def municipality_detail(*, slug: str) -> Municipality | None:
    return Municipality.objects.select_related("region").filter(slug=slug).first()


def municipality_listing(*, municipality: Municipality) -> MunicipalityListing:
    """What a school in the municipality can use: places located there and the offers
    held at them, plus outreach offers that come to it (naming the municipality in their
    service area, or reaching its centre within their service radius)."""
    environments = list(PUBLIC_ENVIRONMENTS.in_municipality(municipality.code))
    local_offers = list(
        public_offers().filter(environments__in=[environment.pk for environment in environments]).distinct()
    )
    local_ids = {offer.pk for offer in local_offers}
    serving = Q(service_municipalities=municipality) | Q(pk__in=offer_ids_serving_by_radius([municipality]))
    outreach_offers = [
        offer
        for offer in public_offers()
        .filter(serving, format=Offer.Format.OUTREACH)
        .distinct()
        .order_by("title")
        if offer.pk not in local_ids
    ]
    return MunicipalityListing(
        municipality=municipality,
        environments=environments,
        local_offers=local_offers,
        outreach_offers=outreach_offers,
    )
