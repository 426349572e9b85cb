"""Search endpoints: offers and places (JSON or GeoJSON), map clusters, geocoding.

Thin: validate the query string with the search form, call one selector, render.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.api import geojson
from directory.api.base import PublicReadMixin, validated
from directory.api.pagination import parameter_error
from directory.api.parameters import SEARCH_PARAMETERS, ZOOM_PARAMETER
from directory.api.renderers import JSONRenderer
from directory.api.representations import Links, offer_dict, offer_geometry
from directory.api.serializers import EnvironmentSerializer, GeocodeSerializer, OfferSerializer
from directory.models import LearningEnvironment, Offer
from directory.search.forms import ClusterForm, OfferSearchForm
from directory.search.offers import offer_row, offer_search
from directory.search.places import environment_clusters, environment_search
from directory.selectors.catalogue import environment_public
from maps.models import Municipality

RENDERERS = [JSONRenderer, BrowsableAPIRenderer, geojson.GeoJSONRenderer]
GEOJSON_DESCRIPTION = (
    "With `format=geojson`: an RFC 7946 FeatureCollection (coordinates [longitude, latitude]) "
    "with `count`, `next` and `previous` beside `features`."
)


def _wants_geojson(request) -> bool:
    return getattr(request.accepted_renderer, "format", None) == "geojson"


class OfferViewSet(PublicReadMixin, viewsets.GenericViewSet):
    """Published teaching offers ("undervisningstilbud")."""

    serializer_class = OfferSerializer
    queryset = Offer.objects.none()  # for the schema's path types; reads go through selectors
    renderer_classes = RENDERERS
    lookup_field = "slug"

    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        description="Search published offers. Every filter combines with every other. " + GEOJSON_DESCRIPTION,
    )
    def list(self, request):
        result = offer_search(params=validated(OfferSearchForm, request), rows=True)
        page = self.paginate_queryset(result.offers)
        links = Links(request)
        if _wants_geojson(request):
            paginator = self.paginator
            return Response(
                geojson.feature_collection(
                    [_offer_feature(offer, links) for offer in page],
                    count=paginator.page.paginator.count,
                    next=paginator.get_next_link(),
                    previous=paginator.get_previous_link(),
                )
            )
        return self.get_paginated_response([offer_dict(offer, links) for offer in page])

    def retrieve(self, request, slug: str):
        offer = offer_row(slug=slug)
        if offer is None:
            raise Http404
        links = Links(request)
        if _wants_geojson(request):
            return Response(_offer_feature(offer, links))
        return Response(offer_dict(offer, links))


def _offer_feature(offer, links: Links) -> dict:
    return geojson.feature(
        identifier=offer.slug, geometry=offer_geometry(offer), properties=offer_dict(offer, links)
    )


class EnvironmentViewSet(PublicReadMixin, viewsets.GenericViewSet):
    """Places ("læringsmiljøer") that host published offers."""

    serializer_class = EnvironmentSerializer
    queryset = LearningEnvironment.objects.none()  # for the schema's path types
    renderer_classes = RENDERERS
    lookup_field = "slug"

    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        description=(
            "Places hosting at least one published offer matching the offer filters (subject, grade, "
            "format, free, language, month, q); category, municipality, region, bbox and near apply to "
            "where the place is. " + GEOJSON_DESCRIPTION
        ),
    )
    def list(self, request):
        result = environment_search(params=validated(OfferSearchForm, request))
        page = self.paginate_queryset(result.environments)
        if _wants_geojson(request):
            paginator = self.paginator
            return Response(
                geojson.feature_collection(
                    [self._feature(place) for place in page],
                    count=paginator.page.paginator.count,
                    next=paginator.get_next_link(),
                    previous=paginator.get_previous_link(),
                )
            )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, slug: str):
        environment = environment_public(slug=slug)
        if environment is None:
            raise Http404
        if _wants_geojson(request):
            return Response(self._feature(environment))
        return Response(self.get_serializer(environment).data)

    def _feature(self, place) -> dict:
        return geojson.feature(
            identifier=place.slug,
            geometry=geojson.environment_geometry(place),
            properties=self.get_serializer(place).data,
        )


CLUSTER_EXAMPLE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [10.21, 56.15]},
            "properties": {"cluster": True, "count": 12},
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [10.2247, 56.0884]},
            "properties": {
                "cluster": False,
                "id": 7,
                "name": "Moesgaard Museum",
                "organisation": "Moesgaard",
                "url": "/laeringsmiljoer/moesgaard-museum/",
                "offer_count": 3,
            },
        },
    ],
}


class EnvironmentClusterView(PublicReadMixin, APIView):
    """Map markers: clusters at low zoom, single places at high zoom."""

    renderer_classes = [geojson.GeoJSONRenderer, JSONRenderer]
    pagination_class = None

    @extend_schema(
        operation_id="environments_clusters",
        parameters=[
            ZOOM_PARAMETER,
            *[
                parameter
                for parameter in SEARCH_PARAMETERS
                if parameter.name not in ("ordering", "page", "page_size")
            ],
        ],
        description=(
            "A GeoJSON FeatureCollection of Point features for the map, with the same filters as "
            '/environments/. Properties of a cluster: `{"cluster": true, "count": N}` at the mean '
            'position of its places. Properties of one place: `{"cluster": false, "id", "name", '
            '"organisation" (name), "url" (the place\'s page, or null), "offer_count"}` (matching '
            "published offers there). Below zoom 13 places are grouped in a grid of about 64 screen pixels."
        ),
        responses={
            200: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="GeoJSON FeatureCollection",
                examples=[OpenApiExample("clusters and a place", value=CLUSTER_EXAMPLE)],
            )
        },
    )
    def get(self, request):
        params = validated(ClusterForm, request, also=("format",))
        features = environment_clusters(params=params, zoom=params["zoom"])
        return Response(geojson.feature_collection(features))


class GeocodeView(PublicReadMixin, APIView):
    """What the search box uses: a Danish address, postcode or town → a point."""

    pagination_class = None
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    @extend_schema(
        operation_id="geocode",
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                description="An address, postcode or town in Denmark, or `lat,lng`.",
            )
        ],
        responses={200: GeocodeSerializer},
    )
    def get(self, request):
        from maps import geocoding

        text = (request.query_params.get("q") or "").strip()
        if not text:
            raise parameter_error("q", _("Skriv en adresse, et postnummer eller et bynavn."))
        try:
            point = geocoding.search_point(text)
        except geocoding.AddressNotFound as error:
            raise parameter_error("q", str(error)) from error
        municipality = Municipality.objects.filter(code=point.municipality_code).first()
        data = {
            "latitude": point.latitude,
            "longitude": point.longitude,
            "precision": point.precision,
            "label": point.label,
            "source": point.source,
            "municipality": municipality,
            "region": point.region_code,
        }
        return Response(GeocodeSerializer(data).data)
