"""Open Referral HSDS 3.0 view of the directory, for sites that speak the Human Services
Data Specification: an offer is a `service`, an organisation an `organization`, a place a
`location` (joined by `service_at_location`), and subjects, grades, categories and formats
are `taxonomy_term`s.

Reads go through the same search engine as /api/v1/offers/ (the same filters give the same
services), so only the shape of the answer differs. HSDS wants UUIDs; ours are derived
from slugs with uuid5, so they are stable across databases and re-imports.
"""

from __future__ import annotations

import functools
import uuid

from django.conf import settings
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.api.base import PublicReadMixin, validated
from directory.api.pagination import DirectoryPagination
from directory.api.parameters import SEARCH_PARAMETERS
from directory.models import Category, Grade, LearningEnvironment, Offer, Organisation, Subject
from directory.search.forms import OfferSearchForm
from directory.search.offers import offer_search
from directory.selectors.catalogue import offer_public
from maps.models import Region

HSDS_VERSION = "3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://laeringsmiljoer.dk/hsds/")
# Typical pupil ages for each step of the grade scale (Grade.level 0–13): 0. klasse
# (level 2) is the year a child turns 6, so level L is ages L+3 to L+4.
AGES_BY_LEVEL = {
    0: (0, 2),
    1: (3, 5),
    **{level: (level + 3, level + 4) for level in range(2, 13)},
    13: (16, 19),
}
FORMAT_NAMES = dict(Offer.Format.choices)


def hsds_id(kind: str, key: str | int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def term(taxonomy: str, code: str, name: str) -> dict:
    return {
        "id": hsds_id(f"term:{taxonomy}", code),
        "code": code,
        "name": str(name),
        "description": None,
        "taxonomy": taxonomy,
        "taxonomy_id": hsds_id("taxonomy", taxonomy),
        "language": "da",
    }


def organization(organisation: Organisation) -> dict:
    return {
        "id": hsds_id("organisation", organisation.slug),
        "name": organisation.name,
        "description": organisation.description or organisation.name,
        "email": organisation.email or None,
        "website": organisation.website or None,
        "phones": [_phone(organisation.phone)] if organisation.phone else [],
    }


def location(place: LearningEnvironment) -> dict:
    location_id = hsds_id("environment", place.slug)
    return {
        "id": location_id,
        "location_type": "physical",
        "name": place.name,
        "description": place.description or None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "accessibility": [{"id": hsds_id("accessibility", place.slug), "description": place.accessibility}]
        if place.accessibility
        else [],
        "addresses": [
            {
                "id": hsds_id("address", place.slug),
                "location_id": location_id,
                "address_1": place.street_address,
                "city": place.city,
                "region": place.municipality.name if place.municipality else None,
                "state_province": _region_names().get(place.region_id, ""),
                "postal_code": place.postcode,
                "country": "DK",
                "address_type": "physical",
            }
        ],
    }


def service(offer: Offer) -> dict:
    service_id = hsds_id("offer", offer.slug)
    youngest, _ = AGES_BY_LEVEL[offer.grade_from_id]
    _, oldest = AGES_BY_LEVEL[offer.grade_to_id]
    terms = [term("fag", subject.slug, subject.name) for subject in offer.subjects.all()]
    terms += [term("klassetrin", grade.slug, grade.name) for grade in (offer.grade_from, offer.grade_to)]
    terms.append(term("form", offer.format, FORMAT_NAMES[offer.format]))
    return {
        "id": service_id,
        "organization_id": hsds_id("organisation", offer.organisation.slug),
        "name": offer.title,
        "alternate_name": None,
        "description": offer.description or offer.summary or offer.title,
        "url": settings.SITE_URL.rstrip("/") + offer.get_absolute_url(),
        "email": offer.booking_email or None,
        "status": "active",
        "application_process": offer.booking_url or None,
        "fees_description": offer.price_note or None,
        "minimum_age": youngest,
        "maximum_age": oldest,
        "last_modified": offer.updated_at.isoformat(),
        "organization": organization(offer.organisation),
        "phones": [_phone(offer.booking_phone)] if offer.booking_phone else [],
        "languages": [
            {
                "id": hsds_id(f"language:{offer.slug}", language.code),
                "service_id": service_id,
                "name": language.name,
                "code": language.code,
            }
            for language in offer.languages.all()
        ],  # fmt: skip
        "cost_options": [
            {
                "id": hsds_id("cost", offer.slug),
                "service_id": service_id,
                "currency": "DKK",
                "amount": float(offer.price_dkk),
                "option": str(offer.price_note or ""),
            }
        ],  # fmt: skip
        "service_at_locations": [
            {
                "id": hsds_id(f"at:{offer.slug}", place.slug),
                "service_id": service_id,
                "location": location(place),
            }
            for place in offer.environments.all()
        ],  # fmt: skip
        "attributes": [
            {
                "id": hsds_id(f"attribute:{offer.slug}", item["id"]),
                "link_id": service_id,
                "link_type": item["taxonomy"],
                "link_entity": "service",
                "taxonomy_term": item,
            }
            for item in terms
        ],  # fmt: skip
        # Not HSDS: the search's own distance, kept for "near" searches.
        "distance_km": _rounded(getattr(offer, "distance_km", None)),
    }


def taxonomy_terms() -> list[dict]:
    terms = [term("fag", subject.slug, subject.name) for subject in Subject.objects.all()]
    terms += [term("klassetrin", grade.slug, grade.name) for grade in Grade.objects.all()]
    terms += [term("kategori", category.slug, category.name) for category in Category.objects.all()]
    terms += [term("form", code, name) for code, name in Offer.Format.choices]
    return terms


def _rounded(distance_km: float | None) -> float | None:
    """Metres are enough, as in /api/v1/offers/."""
    return None if distance_km is None else round(distance_km, 3)


@functools.cache
def _region_names() -> dict[int, str]:
    """The five regions never change (reference data), so one query per process."""
    return dict(Region.objects.values_list("code", "name"))


def _phone(number: str) -> dict:
    return {"id": hsds_id("phone", number), "number": number, "type": "voice"}


class HSDSPagination(DirectoryPagination):
    """HSDS's page shape (`contents`, `total_items`, …) with our checks on `page` and `per_page`."""

    page_size_query_param = "per_page"

    def get_paginated_response(self, data):
        page = self.page
        return Response(
            {
                "total_items": page.paginator.count,
                "total_pages": page.paginator.num_pages,
                "page_number": page.number,
                "size": len(data),
                "first_page": page.number == 1,
                "last_page": not page.has_next(),
                "empty": not data,
                "contents": data,
            }
        )


class HSDSRoot(PublicReadMixin, APIView):
    @extend_schema(
        summary="HSDS: API root and version",
        tags=["hsds"],
        responses=OpenApiTypes.OBJECT,
        operation_id="hsds_root",
    )
    def get(self, request):
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": "https://docs.openreferral.org/en/latest/hsds/",
                "openapi_url": request.build_absolute_uri("/api/schema/"),
            }
        )


class HSDSServiceList(PublicReadMixin, APIView):
    pagination_class = HSDSPagination

    @extend_schema(
        summary="HSDS: services (published offers)",
        tags=["hsds"],
        responses=OpenApiTypes.OBJECT,
        operation_id="hsds_services_list",
        parameters=[
            *SEARCH_PARAMETERS,
            OpenApiParameter("per_page", int, description="Services per page (1–100, default 20)."),
        ],
    )
    def get(self, request):
        result = offer_search(params=validated(OfferSearchForm, request, also=("per_page", "format")))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(result.offers, request, view=self)
        return paginator.get_paginated_response([service(offer) for offer in page])


class HSDSServiceDetail(PublicReadMixin, APIView):
    @extend_schema(
        summary="HSDS: one service, by the offer's slug",
        tags=["hsds"],
        responses=OpenApiTypes.OBJECT,
        operation_id="hsds_service_detail",
    )
    def get(self, request, slug: str):
        offer = offer_public(slug=slug)
        if offer is None:
            raise Http404
        return Response(service(offer))


class HSDSTaxonomyTerms(PublicReadMixin, APIView):
    @extend_schema(
        summary="HSDS: taxonomy terms (subjects, grades, categories, formats)",
        tags=["hsds"],
        responses=OpenApiTypes.OBJECT,
        operation_id="hsds_taxonomy_terms",
    )
    def get(self, request):
        return Response(taxonomy_terms())
