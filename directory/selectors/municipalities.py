"""Reads for the municipality catalogues: every municipality with what it holds, by region."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from directory.models import LearningEnvironment, Offer
from maps.models import Municipality, Region


@dataclass(frozen=True)
class MunicipalityCount:
    municipality: Municipality
    places: int  # active places located in the municipality
    offers: int  # published offers held at those places


@dataclass(frozen=True)
class RegionMunicipalities:
    region: Region
    municipalities: list[MunicipalityCount]


def municipalities_with_counts() -> list[RegionMunicipalities]:
    """All 98 municipalities, grouped by region, each with its places and offers (three queries)."""
    places = dict(
        LearningEnvironment.objects.active()
        .values_list("municipality_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    offers = dict(
        Offer.objects.published()
        .filter(environments__status="active", environments__municipality__isnull=False)
        .values_list("environments__municipality_id")
        .annotate(count=Count("pk", distinct=True, filter=Q(environments__status="active")))
        .order_by()
    )
    regions: dict[int, RegionMunicipalities] = {}
    for municipality in Municipality.objects.select_related("region").order_by("region__code", "name"):
        group = regions.setdefault(
            municipality.region_id, RegionMunicipalities(region=municipality.region, municipalities=[])
        )
        group.municipalities.append(
            MunicipalityCount(
                municipality=municipality,
                places=places.get(municipality.code, 0),
                offers=offers.get(municipality.code, 0),
            )
        )
    return list(regions.values())


def offers_by_subject(offers: list[Offer]) -> list[tuple]:
    """(subject, offer count) for the offers shown on a municipality page, most offers first;
    the subjects come from the offers' prefetched rows, so this costs no query."""
    counts: dict = {}
    for offer in offers:
        for subject in offer.subjects.all():
            counts[subject] = counts.get(subject, 0) + 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0].display_name))
