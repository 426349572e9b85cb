"""Reads for the API's detail endpoints and reference lists. Only public rows leave here:
published offers, active places, organisations with at least one published offer."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from directory.models import Category, Grade, LearningEnvironment, Offer, Organisation, Subject
from maps.models import Municipality, Region

_PLACES = LearningEnvironment.objects.active().select_related("municipality").order_by("name", "pk")


def offer_public(*, slug: str) -> Offer | None:
    offer = (
        Offer.objects.published()
        .select_related("organisation", "grade_from", "grade_to")
        .prefetch_related("subjects", "languages", Prefetch("environments", queryset=_PLACES))
        .filter(slug=slug)
        .first()
    )
    if offer is not None:
        offer.distance_km, offer.nearest_environment = None, None
    return offer


def environment_public(*, slug: str) -> LearningEnvironment | None:
    environment = (
        LearningEnvironment.objects.public()
        .select_related("organisation", "category", "municipality", "region")
        .filter(slug=slug)
        .first()
    )
    if environment is not None:
        environment.distance_km = None
        environment.offer_count = Offer.objects.published().filter(environments=environment).count()
    return environment


def organisation_list() -> QuerySet[Organisation]:
    """Organisations with a published offer, by name (then id: a stable page order)."""
    from django.db.models import Exists, OuterRef

    publishing = Offer.objects.published().filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(Exists(publishing)).select_related("municipality").order_by("name", "pk")
    )


def organisation_public(*, slug: str) -> Organisation | None:
    organisation = organisation_list().filter(slug=slug).first()
    if organisation is not None:
        organisation.public_environments = list(
            LearningEnvironment.objects.public()
            .filter(organisation=organisation)
            .select_related("municipality")
        )
        organisation.public_offers = list(
            Offer.objects.published().filter(organisation=organisation).order_by("title", "pk")
        )
    return organisation


def subject_list() -> QuerySet[Subject]:
    return Subject.objects.order_by("sort_order", "name", "pk")


def grade_list() -> QuerySet[Grade]:
    return Grade.objects.order_by("level")


def category_list() -> QuerySet[Category]:
    return Category.objects.order_by("sort_order", "name", "pk")


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("code")


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")
