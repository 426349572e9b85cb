"""The members' write API under /api/v1/member/: a signed-in member's own offers and places.

Authentication is a per-user token (``Authorization: Token <key>``, from /api/v1/member/token/)
or the site session. Objects of organisations the user cannot edit do not exist here (404),
so another organisation's drafts cannot be probed. Writes go through the same services as
the member pages, so validation, geocoding and moderation are identical.

No lost edits: an offer or place is answered with `ETag: "<version>"`, and PUT/PATCH must send
it back in `If-Match`: 412 when someone saved since (GET again and redo the change), 428 when
the header is missing (a client that means to overwrite says so with `If-Match: *`).
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from directory.api.renderers import JSONRenderer
from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Organisation, Subject
from directory.models.offers import mask_to_months, months_to_mask
from directory.services import environments as environment_services
from directory.services import offers as offer_services
from directory.services.versions import VersionConflict
from maps.models import Municipality
from network import permissions


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = "Send If-Match with the ETag you read (or * to overwrite whatever is stored)."
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = 412
    default_detail = "Someone else changed this since you read it: GET it again and redo your change."
    default_code = "precondition_failed"


def _conditional_write(serializer: type[serializers.Serializer]):
    """The OpenAPI description of a PUT/PATCH that needs If-Match."""
    return extend_schema(
        parameters=[
            OpenApiParameter(
                "If-Match",
                str,
                OpenApiParameter.HEADER,
                required=True,
                description='The ETag from your GET (e.g. "3"), or * to overwrite whatever is stored.',
            )
        ],
        responses={
            200: serializer,
            202: OpenApiResponse(serializer, description="Proposed; waits for a coordinator's approval."),
            400: OpenApiResponse(description="Invalid fields, named one by one."),
            412: OpenApiResponse(description="Changed by someone else since the ETag was read."),
            428: OpenApiResponse(description="If-Match is missing."),
        },
    )


def etag_for(instance: Offer | LearningEnvironment) -> str:
    return f'"{instance.version}"'


def expected_version(request) -> int | None:
    """The version named by If-Match: None for "*", 428 when missing, 412 when it names none."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired
    if header == "*":
        return None
    tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
    if not tag.isdigit() or len(tag) > 9:
        raise PreconditionFailed
    return int(tag)


def _api_errors(error: DjangoValidationError) -> ApiValidationError:
    """A service's ValidationError as a 400 naming each field."""
    if hasattr(error, "error_dict"):
        return ApiValidationError(error.message_dict)
    return ApiValidationError({"non_field_errors": error.messages})


class _SlugField(serializers.SlugRelatedField):
    """A slug that names nothing when it holds a NUL: PostgreSQL refuses to compare one (a 500,
    found by tests/test_fuzz_api.py), and no slug contains it."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class _EditableOrganisationField(_SlugField):
    def get_queryset(self):
        return permissions.editable_organisations(self.context["request"].user)

    # "Does not exist" for an organisation you cannot edit: the same answer as a typo.


class _EditablePlacesField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return permissions.editable_environments(self.context["request"].user)


class MonthsField(serializers.ListField):
    child = serializers.IntegerField(min_value=1, max_value=12)

    def to_internal_value(self, data) -> int:
        months = super().to_internal_value(data)
        if not months:
            raise serializers.ValidationError("Vælg mindst én måned.")
        return months_to_mask(months)

    def to_representation(self, value) -> list[int]:
        return mask_to_months(value)


class OfferWriteSerializer(serializers.ModelSerializer):
    organisation = _EditableOrganisationField(slug_field="slug", help_text="The organisation's slug.")
    subjects = _SlugField(slug_field="slug", many=True, queryset=Subject.objects.all())
    grade_from = _SlugField(slug_field="slug", queryset=Grade.objects.all())
    grade_to = _SlugField(slug_field="slug", queryset=Grade.objects.all())
    languages = _SlugField(slug_field="code", many=True, queryset=Language.objects.all(), required=False)
    environments = _EditablePlacesField(many=True, required=False, help_text="Ids of your places.")
    service_municipalities = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Municipality.objects.all(), required=False, help_text="Municipality codes."
    )
    months = MonthsField(required=False, help_text="Months 1–12; all year when left out.")
    draft = serializers.BooleanField(write_only=True, required=False, default=False)
    has_pending_change = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = ["id", "slug", "status", "version", "organisation", *offer_services.EDITABLE_FIELDS]
        fields += ["draft", "has_pending_change"]
        read_only_fields = ["id", "slug", "status", "version"]

    def get_has_pending_change(self, offer: Offer) -> bool:
        return offer.pending_changes.filter(status="pending").exists()

    def validate(self, attrs):
        if self.instance is not None:
            attrs.pop("organisation", None)  # an offer does not move between organisations
        # Model-level rules (grade order, radius only for outreach) run in the service.
        return attrs


class EnvironmentWriteSerializer(serializers.ModelSerializer):
    organisation = _EditableOrganisationField(slug_field="slug", help_text="The organisation's slug.")
    category = _SlugField(slug_field="slug", queryset=Category.objects.all())
    latitude = serializers.FloatField(
        required=False, allow_null=True, help_text="With longitude: a manual pin."
    )
    longitude = serializers.FloatField(required=False, allow_null=True)

    class Meta:
        model = LearningEnvironment
        fields = [
            "id", "slug", "status", "version", "organisation", "name", "category", "description",
            "street_address", "postcode", "city", "latitude", "longitude", "coordinate_precision",
            "accessibility", "facilities", "transport_notes", "external_id",
        ]  # fmt: skip
        read_only_fields = ["id", "slug", "status", "version", "coordinate_precision"]

    def validate(self, attrs):
        if self.instance is not None:
            attrs.pop("organisation", None)
        if ("latitude" in attrs) != ("longitude" in attrs):
            raise serializers.ValidationError({"longitude": "Angiv både latitude og longitude."})
        return attrs


class _MemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    filter_backends: list = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return Response(self.get_serializer(instance).data, headers={"ETag": etag_for(instance)})

    def _check_organisation(self, serializer) -> Organisation:
        organisation = serializer.validated_data["organisation"]
        if not permissions.can_edit_organisation(self.request.user, organisation):
            raise PermissionDenied
        return organisation


class MemberOfferViewSet(_MemberViewSet):
    """Your organisations' offers, drafts and pending ones included. Creating and changing them
    follows the same moderation as the member pages: a provider outside the network gets
    status "pending", and an edit of a published offer waits as a proposed change."""

    serializer_class = OfferWriteSerializer

    def get_queryset(self):
        return (
            permissions.editable_offers(self.request.user)
            .order_by("pk")
            .prefetch_related("subjects", "languages", "environments", "service_municipalities")
        )

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = self._check_organisation(serializer)
        data.pop("organisation")
        try:
            offer = offer_services.offer_create(organisation=organisation, user=request.user, **data)
        except DjangoValidationError as error:
            raise _api_errors(error) from error
        return Response(self.get_serializer(offer).data, status=status.HTTP_201_CREATED)

    @_conditional_write(OfferWriteSerializer)
    def update(self, request, pk=None, partial=False):
        offer = self.get_object()
        version = expected_version(request)
        serializer = self.get_serializer(offer, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("draft", None)
        try:
            change = offer_services.offer_update(
                offer=Offer.objects.get(pk=offer.pk), user=request.user, expected_version=version, **data
            )
        except VersionConflict as error:
            raise PreconditionFailed from error
        except DjangoValidationError as error:
            raise _api_errors(error) from error
        offer = self.get_queryset().get(pk=offer.pk)
        code = status.HTTP_202_ACCEPTED if change is not None else status.HTTP_200_OK
        return Response(self.get_serializer(offer).data, status=code, headers={"ETag": etag_for(offer)})

    @_conditional_write(OfferWriteSerializer)
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)

    @extend_schema(request=None, responses=OfferWriteSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        offer = offer_services.offer_archive(offer=self.get_object(), user=request.user)
        return Response(self.get_serializer(offer).data)


class MemberEnvironmentViewSet(_MemberViewSet):
    """Your organisations' places. The address is geocoded; latitude/longitude set a manual pin."""

    serializer_class = EnvironmentWriteSerializer

    def get_queryset(self):
        return permissions.editable_environments(self.request.user).order_by("pk")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = self._check_organisation(serializer)
        data.pop("organisation")
        if data.get("latitude") is None or data.get("longitude") is None:
            data.pop("latitude", None), data.pop("longitude", None)
        try:
            environment = environment_services.environment_create(
                organisation=organisation, user=request.user, **data
            )
        except DjangoValidationError as error:
            raise _api_errors(error) from error
        return Response(self.get_serializer(environment).data, status=status.HTTP_201_CREATED)

    @_conditional_write(EnvironmentWriteSerializer)
    def update(self, request, pk=None, partial=False):
        environment = self.get_object()
        version = expected_version(request)
        serializer = self.get_serializer(environment, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if data.get("latitude") is None or data.get("longitude") is None:
            data.pop("latitude", None), data.pop("longitude", None)
        try:
            environment = environment_services.environment_update(
                environment=LearningEnvironment.objects.get(pk=environment.pk),
                user=request.user,
                expected_version=version,
                **data,
            )
        except VersionConflict as error:
            raise PreconditionFailed from error
        except DjangoValidationError as error:
            raise _api_errors(error) from error
        return Response(self.get_serializer(environment).data, headers={"ETag": etag_for(environment)})

    @_conditional_write(EnvironmentWriteSerializer)
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)

    @extend_schema(request=None, responses=EnvironmentWriteSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        environment = environment_services.environment_update(
            environment=self.get_object(), user=request.user, status=LearningEnvironment.Status.ARCHIVED
        )
        return Response(self.get_serializer(environment).data)


class TokenView(ObtainAuthToken):
    """Exchange e-mail ("username") and password for your API token. Locked like the login
    (django-axes, per e-mail and client address): 429 with Retry-After while locked."""

    renderer_classes = [JSONRenderer]

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ApiValidationError:
            if not getattr(request, "axes_locked_out", False):
                raise
            seconds = int(get_cool_off(request).total_seconds()) if get_cool_off(request) else 3600
            return Response(
                {"detail": "Too many failed attempts: locked for a while. Try again later."},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(seconds)},
            )
