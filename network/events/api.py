"""Events in the public read API: /api/v1/events/ and /api/v1/events/<slug>/.

The list takes the page's filters (one filter form, network/events/forms.py); a bad value is a
400 naming the parameter. The online link is never in the API: it is for registered participants.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from directory.api.base import PublicReadMixin
from network.events import selectors
from network.events.forms import EventFilterForm
from network.events.models import Event


class EventVenueSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    address = serializers.CharField(source="address_line")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class EventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    organiser = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organiser_name = serializers.CharField(source="organiser.name")
    venue = EventVenueSerializer(allow_null=True)
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "kind_display",
            "title",
            "summary",
            "description",
            "audience",
            "starts_at",
            "ends_at",
            "status",
            "is_online",
            "venue",
            "organiser",
            "organiser_name",
            "price_dkk",
            "capacity",
            "registration_deadline",
            "url",
            "ics_url",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, event: Event) -> str:
        return self._absolute(event.get_absolute_url())

    def get_ics_url(self, event: Event) -> str:
        from django.urls import reverse

        return self._absolute(reverse("events:ics", args=[event.slug]))


FILTER_PARAMETERS = [
    OpenApiParameter(
        "when", OpenApiTypes.STR, enum=["upcoming", "past"], description="Kommende (standard) eller afholdte."
    ),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=list(Event.Kind.values), description="Arrangementstype."),
    OpenApiParameter("region", OpenApiTypes.INT, description="Regionskode (1081–1085) for stedet."),
    OpenApiParameter("month", OpenApiTypes.STR, description="Måned, ÅÅÅÅ-MM."),
    OpenApiParameter("near", OpenApiTypes.STR, description="Postnummer, by, adresse eller 'bredde,længde'."),
    OpenApiParameter("radius", OpenApiTypes.INT, description="Afstand fra 'near' i km (1–500, standard 50)."),
]


class EventViewSet(PublicReadMixin, viewsets.GenericViewSet):
    """Published events of the knowledge centre and the network (cancelled ones with status 'cancelled')."""

    serializer_class = EventSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Event.objects.none()
        )  # reads go through the selectors; this only names the model for the schema

    @extend_schema(parameters=FILTER_PARAMETERS)
    def list(self, request):
        form = EventFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(
                {"errors": {name: [str(e) for e in errors] for name, errors in form.errors.items()}}
            )
        events = selectors.events_list(filters=form.filters())
        page = self.paginate_queryset(events)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, slug: str):
        event = selectors.event_detail(slug=slug)
        if event is None:
            raise Http404
        return Response(self.get_serializer(event).data)
