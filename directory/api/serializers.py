"""JSON shapes of the public API. Read-only: no queries here, the selectors fetch everything."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Organisation, Subject
from directory.search.offers import offer_url
from directory.search.places import environment_url
from maps.models import Municipality, Region


def _absolute(request, path: str | None) -> str | None:
    if path is None:
        return None
    return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(OpenApiTypes.URI)
class ApiLinkField(serializers.Field):
    """The object's API URL by slug. Not DRF's HyperlinkedIdentityField: that copies
    ``?format=`` from the request, which here is also the offer-format filter."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return _absolute(self.context.get("request"), reverse(self.view_name, kwargs={"slug": value.slug}))


class SubjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subject
        fields = ["slug", "name", "name_en", "kind"]


class GradeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Grade
        fields = ["slug", "name", "name_en", "stage"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name", "name_en"]


class LanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "name", "name_en"]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "slug"]


class MunicipalitySerializer(serializers.ModelSerializer):
    region = serializers.IntegerField(source="region_id", read_only=True)

    class Meta:
        model = Municipality
        fields = ["code", "name", "slug", "region", "latitude", "longitude"]


class MunicipalityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "name"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    api_url = ApiLinkField("api-v1:organisation-detail")

    class Meta:
        model = Organisation
        fields = ["slug", "name", "api_url"]


class EnvironmentRefSerializer(serializers.ModelSerializer):
    municipality = MunicipalityRefSerializer(read_only=True)

    class Meta:
        model = LearningEnvironment
        fields = ["slug", "name", "latitude", "longitude", "postcode", "city", "municipality"]


class OfferSerializer(serializers.ModelSerializer):
    """The shape of an offer, for the OpenAPI schema only: the JSON itself is written by
    directory.api.representations.offer_dict (one representation; the keys are compared in
    tests/directory/test_api.py)."""

    api_url = ApiLinkField("api-v1:offer-detail")
    url = serializers.SerializerMethodField(help_text="The offer's public page.")
    organisation = OrganisationRefSerializer(read_only=True)
    subjects = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    grade_from = GradeSerializer(read_only=True)
    grade_to = GradeSerializer(read_only=True)
    languages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    months = serializers.ListField(source="month_list", child=serializers.IntegerField(), read_only=True)
    is_free = serializers.BooleanField(read_only=True)
    environments = EnvironmentRefSerializer(many=True, read_only=True)
    distance_km = serializers.SerializerMethodField(
        help_text="Great-circle distance to the nearest place, when the search has 'near'."
    )
    nearest_environment = serializers.SerializerMethodField(
        help_text="Slug of the nearest place, with 'near'."
    )

    class Meta:
        model = Offer
        fields = [
            "slug",
            "title",
            "summary",
            "description",
            "url",
            "api_url",
            "organisation",
            "subjects",
            "grade_from",
            "grade_to",
            "format",
            "duration_minutes",
            "max_participants",
            "price_dkk",
            "price_note",
            "is_free",
            "languages",
            "months",
            "booking_url",
            "booking_email",
            "booking_phone",
            "service_radius_km",
            "environments",
            "distance_km",
            "nearest_environment",
            "published_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, offer: Offer) -> str | None:
        return _absolute(self.context.get("request"), offer_url(offer))

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_distance_km(self, offer: Offer) -> float | None:
        distance = getattr(offer, "distance_km", None)
        return None if distance is None else round(distance, 3)

    @extend_schema_field(OpenApiTypes.STR)
    def get_nearest_environment(self, offer: Offer) -> str | None:
        nearest = getattr(offer, "nearest_environment", None)
        return nearest.slug if nearest is not None else None


class EnvironmentSerializer(serializers.ModelSerializer):
    api_url = ApiLinkField("api-v1:environment-detail")
    url = serializers.SerializerMethodField(help_text="The place's public page.")
    organisation = OrganisationRefSerializer(read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    municipality = MunicipalityRefSerializer(read_only=True)
    region = serializers.IntegerField(source="region_id", read_only=True, allow_null=True)
    offer_count = serializers.SerializerMethodField(help_text="Published offers here that match the filters.")
    distance_km = serializers.SerializerMethodField(
        help_text="Great-circle distance, when the search has 'near'."
    )

    class Meta:
        model = LearningEnvironment
        fields = [
            "slug",
            "name",
            "description",
            "url",
            "api_url",
            "organisation",
            "category",
            "street_address",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "coordinate_precision",
            "municipality",
            "region",
            "accessibility",
            "facilities",
            "transport_notes",
            "offer_count",
            "distance_km",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, environment: LearningEnvironment) -> str | None:
        return _absolute(self.context.get("request"), environment_url(environment))

    @extend_schema_field(OpenApiTypes.INT)
    def get_offer_count(self, environment: LearningEnvironment) -> int | None:
        return getattr(environment, "offer_count", None)

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_distance_km(self, environment: LearningEnvironment) -> float | None:
        distance = getattr(environment, "distance_km", None)
        return None if distance is None else round(distance, 3)


class OrganisationSerializer(serializers.ModelSerializer):
    api_url = ApiLinkField("api-v1:organisation-detail")
    municipality = MunicipalityRefSerializer(read_only=True)

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "description", "website", "email", "phone", "municipality",
                  "is_network_member", "api_url", "updated_at"]  # fmt: skip


class OrganisationDetailSerializer(OrganisationSerializer):
    environments = serializers.SerializerMethodField()
    offers = serializers.SerializerMethodField()

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "environments", "offers"]

    @extend_schema_field(EnvironmentRefSerializer(many=True))
    def get_environments(self, organisation: Organisation) -> list[dict]:
        return EnvironmentRefSerializer(organisation.public_environments, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.DictField(child=serializers.CharField())))
    def get_offers(self, organisation: Organisation) -> list[dict]:
        request = self.context.get("request")
        return [
            {"slug": offer.slug, "title": offer.title, "url": _absolute(request, offer_url(offer))}
            for offer in organisation.public_offers
        ]


class GeocodeSerializer(serializers.Serializer):
    """What /api/v1/geocode/ answers: the point, how precise it is, and where it lies."""

    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    precision = serializers.CharField(help_text="address, street, postcode, town or municipality")
    label = serializers.CharField()
    source = serializers.CharField()
    municipality = MunicipalityRefSerializer(allow_null=True)
    region = serializers.IntegerField(allow_null=True, help_text="regionskode")
