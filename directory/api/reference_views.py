"""Organisations and the reference lists (subjects, grades, categories, municipalities, regions)."""

from __future__ import annotations

import django_filters
from django.http import Http404
from rest_framework import generics, viewsets
from rest_framework.response import Response

from directory.api.base import PublicReadMixin
from directory.api.serializers import (
    CategorySerializer,
    GradeSerializer,
    MunicipalitySerializer,
    OrganisationDetailSerializer,
    OrganisationSerializer,
    RegionSerializer,
    SubjectSerializer,
)
from directory.selectors import catalogue
from maps.models import Municipality


class OrganisationViewSet(PublicReadMixin, viewsets.GenericViewSet):
    """Organisations with at least one published offer."""

    serializer_class = OrganisationSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return catalogue.organisation_list()

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, slug: str):
        organisation = catalogue.organisation_public(slug=slug)
        if organisation is None:
            raise Http404
        return Response(
            OrganisationDetailSerializer(organisation, context=self.get_serializer_context()).data
        )


class ReferenceList(PublicReadMixin, generics.ListAPIView):
    """A whole reference list, unpaginated: small, stable, cacheable."""

    pagination_class = None
    selector = None

    def get_queryset(self):
        return type(self).selector()


class SubjectList(ReferenceList):
    serializer_class = SubjectSerializer
    selector = staticmethod(catalogue.subject_list)


class GradeList(ReferenceList):
    serializer_class = GradeSerializer
    selector = staticmethod(catalogue.grade_list)


class CategoryList(ReferenceList):
    serializer_class = CategorySerializer
    selector = staticmethod(catalogue.category_list)


class MunicipalityFilter(django_filters.FilterSet):
    # A whole number of four digits: a huge or fractional value was a 500 (found by tests/test_fuzz_api.py).
    region = django_filters.NumberFilter(
        field_name="region_id",
        min_value=1000,
        max_value=9999,
        decimal_places=0,
        help_text="Regionskode 1081–1085.",
    )

    class Meta:
        model = Municipality
        fields = ["region"]


class MunicipalityList(ReferenceList):
    serializer_class = MunicipalitySerializer
    selector = staticmethod(catalogue.municipality_list)
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = MunicipalityFilter


class RegionList(ReferenceList):
    serializer_class = RegionSerializer
    selector = staticmethod(catalogue.region_list)
