"""The directory's query vocabulary: small chainable pieces that selectors combine."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from django.db import models
from django.db.models.expressions import RawSQL

from maps.spatial import (
    BoundingBox,
    bounding_box,
    haversine_term_sql,
    term_for_distance,
)


def distance_term(origin_latitude: float, origin_longitude: float, prefix: str = "") -> models.Expression:
    """SQL for the haversine term ``a`` between a place and the origin (see maps/spatial.py).

    Plain arithmetic on the latitude/longitude columns, so SQLite computes it natively
    (no Python callbacks) and both databases can filter and ORDER BY it; ``a`` grows
    with the great-circle distance. ``prefix`` reaches the columns through a relation.
    """
    return DistanceTerm(
        models.F(f"{prefix}latitude"), models.F(f"{prefix}longitude"), origin_latitude, origin_longitude
    )


class DistanceTerm(models.Func):
    """maps.spatial.haversine_term_sql around two column expressions."""

    output_field = models.FloatField()

    def __init__(self, latitude, longitude, origin_latitude: float, origin_longitude: float):
        super().__init__(latitude, longitude)
        self.template_sql = haversine_term_sql(origin_latitude, origin_longitude)

    def as_sql(self, compiler, connection, **extra_context):
        (latitude, latitude_params), (longitude, longitude_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        # Each placeholder is repeated in the text; its parameters follow it in order.
        params = []
        for name in re.findall(r"\{(latitude|longitude)\}", self.template_sql):
            params += latitude_params if name == "latitude" else longitude_params
        return self.template_sql.format(latitude=latitude, longitude=longitude), params


class OrganisationQuerySet(models.QuerySet):
    def public(self) -> OrganisationQuerySet:
        """Organisations that show something: an active place or a published offer."""
        from directory.models import LearningEnvironment, Offer

        active_place = LearningEnvironment.objects.active().filter(organisation=models.OuterRef("pk"))
        published_offer = Offer.objects.published().filter(organisation=models.OuterRef("pk"))
        return self.filter(models.Q(models.Exists(active_place)) | models.Q(models.Exists(published_offer)))


class EnvironmentQuerySet(models.QuerySet):
    def active(self) -> EnvironmentQuerySet:
        return self.filter(status="active")

    def public(self) -> EnvironmentQuerySet:
        """Active places that host at least one published offer."""
        from directory.models import Offer

        hosting = Offer.objects.published().filter(environments=models.OuterRef("pk"))
        return self.active().filter(models.Exists(hosting))

    def located(self) -> EnvironmentQuerySet:
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def in_bbox(self, min_lng: float, min_lat: float, max_lng: float, max_lat: float) -> EnvironmentQuerySet:
        """Places inside a box; uses the (latitude, longitude) index."""
        return self.filter(
            latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lng, longitude__lte=max_lng
        )

    def in_municipality(self, code: int) -> EnvironmentQuerySet:
        return self.filter(municipality_id=code)

    def in_region(self, code: int) -> EnvironmentQuerySet:
        return self.filter(region_id=code)

    def of_category(self, slug: str) -> EnvironmentQuerySet:
        return self.filter(category__slug=slug)

    def in_box(self, box: BoundingBox) -> EnvironmentQuerySet:
        return self.in_bbox(box.min_lng, box.min_lat, box.max_lng, box.max_lat)

    def near(self, latitude: float, longitude: float, radius_km: float) -> EnvironmentQuerySet:
        """Places within ``radius_km`` (great circle) of the point, in two stages.

        Stage one, the bounding box, is a range scan of the (latitude, longitude) index
        (a B-tree on both databases); stage two keeps the rows whose exact haversine
        term is within the radius. ``distance_term`` is left on the rows for ordering.
        """
        return (
            self.in_box(bounding_box(latitude, longitude, radius_km))
            .annotate(distance_term=distance_term(latitude, longitude))
            .filter(distance_term__lte=term_for_distance(radius_km))
        )


class OfferQuerySet(models.QuerySet):
    def published(self) -> OfferQuerySet:
        return self.filter(status="published")

    def for_subjects(self, slugs: list[str]) -> OfferQuerySet:
        """Offers that teach any of the subjects (an EXISTS test per offer)."""
        from directory.models import Subject

        through = Subject.offers.through
        matching = through.objects.filter(offer_id=models.OuterRef("pk"), subject__slug__in=slugs)
        return self.filter(models.Exists(matching))

    def for_grade(self, level: int) -> OfferQuerySet:
        """Offers whose grade range covers the grade."""
        return self.for_grades(level, level)

    def for_grades(self, low: int, high: int) -> OfferQuerySet:
        """Offers whose grade range meets the grades ``low``–``high`` (levels)."""
        return self.filter(grade_from_id__lte=high, grade_to_id__gte=low)

    def for_month(self, month: int) -> OfferQuerySet:
        from directory.models.offers import month_bit

        return self.alias(month_match=models.F("months").bitand(month_bit(month))).filter(month_match__gt=0)

    def free(self) -> OfferQuerySet:
        return self.filter(price_dkk=0)

    def not_free(self) -> OfferQuerySet:
        return self.filter(price_dkk__gt=0)

    def for_formats(self, formats: list[str]) -> OfferQuerySet:
        return self.filter(format__in=formats)

    def for_language(self, code: str) -> OfferQuerySet:
        spoken = self.model.languages.through.objects.filter(offer_id=models.OuterRef("pk"), language_id=code)
        return self.filter(models.Exists(spoken))

    def at_environments(self, environments: models.QuerySet) -> OfferQuerySet:
        """Offers held at any of the places (a subquery, so it composes with every filter)."""
        return self.filter(pk__in=self._offer_ids_at(environments))

    def for_category(self, slug: str) -> OfferQuerySet:
        from directory.models import LearningEnvironment

        return self.at_environments(LearningEnvironment.objects.active().of_category(slug))

    def in_municipality(self, code: int, *, reaching: Iterable[int] = ()) -> OfferQuerySet:
        """Offers at a place in the municipality, or outreach offers that serve it: listing it,
        or among ``reaching`` (ids of offers whose service radius reaches it, found by
        directory.search.serving.offer_ids_serving_by_radius)."""
        from directory.models import LearningEnvironment

        served = self.model.service_municipalities.through.objects.filter(municipality_id=code)
        held_here = LearningEnvironment.objects.active().in_municipality(code)
        return self.filter(
            models.Q(pk__in=self._offer_ids_at(held_here))
            | models.Q(format="udgaaende", pk__in=served.values("offer_id"))
            | models.Q(format="udgaaende", pk__in=list(reaching))
        )

    def in_region(self, code: int, *, reaching: Iterable[int] = ()) -> OfferQuerySet:
        """Offers at a place in the region, or outreach offers serving one of its municipalities
        (listing it, or among ``reaching``, as in ``in_municipality``)."""
        from directory.models import LearningEnvironment

        served = self.model.service_municipalities.through.objects.filter(municipality__region_id=code)
        held_here = LearningEnvironment.objects.active().in_region(code)
        return self.filter(
            models.Q(pk__in=self._offer_ids_at(held_here))
            | models.Q(format="udgaaende", pk__in=served.values("offer_id"))
            | models.Q(format="udgaaende", pk__in=list(reaching))
        )

    def matching_text(self, text: str) -> OfferQuerySet:
        """Offers whose title, summary, description or organisation name match the words,
        through the text index (directory/search/text.py: Danish full-text search on
        PostgreSQL, every word as a substring on SQLite). An SQLite without FTS5 reads each
        offer: every word must occur (icontains) in one of the fields."""
        from directory.search.text import offer_ids_sql

        indexed = offer_ids_sql(text)
        if indexed is not None:
            return self.filter(pk__in=RawSQL(*indexed))
        matched = self
        for word in text.split():
            matched = matched.filter(
                models.Q(title__icontains=word)
                | models.Q(summary__icontains=word)
                | models.Q(description__icontains=word)
                | models.Q(organisation__name__icontains=word)
            )
        return matched

    def near(self, latitude: float, longitude: float, radius_km: float) -> OfferQuerySet:
        """Offers held at an active place within ``radius_km`` of the point."""
        from directory.models import LearningEnvironment

        return self.at_environments(LearningEnvironment.objects.active().near(latitude, longitude, radius_km))

    def nearest_terms(self, latitude: float, longitude: float) -> models.QuerySet:
        """(offer id, haversine term of its nearest active place), for a few offers."""
        return (
            self.filter(environments__status="active", environments__latitude__isnull=False)
            .order_by()
            .values("pk")
            .annotate(distance_term=models.Min(distance_term(latitude, longitude, prefix="environments__")))
            .values_list("pk", "distance_term")
        )

    def serving_municipality(self, code: int) -> OfferQuerySet:
        """Outreach offers that list the municipality in their service area."""
        served = self.model.service_municipalities.through.objects.filter(municipality_id=code)
        return self.filter(format="udgaaende", pk__in=served.values("offer_id"))

    def _offer_ids_at(self, environments: models.QuerySet) -> models.QuerySet:
        through = self.model.environments.through
        return through.objects.filter(learningenvironment__in=environments.values("pk")).values("offer_id")


# Latitude bands of the search table (directory/models/search_index.py), ~11 km high.
BAND_DEGREES = 0.1
# Bits of the search table's subject filter: 62, so the mask stays a positive 64-bit integer.
SUBJECT_BITS = 62


def latitude_bands(min_latitude: float, max_latitude: float) -> list[int]:
    """The bands a latitude range lies in. The margin covers the last bit of floating-point
    rounding in the database's own floor(latitude / BAND_DEGREES)."""
    low = math.floor(min_latitude / BAND_DEGREES - 1e-9)
    high = math.floor(max_latitude / BAND_DEGREES + 1e-9)
    return list(range(low, high + 1))


class OfferPlacementQuerySet(models.QuerySet):
    """Rows of the search tables (directory/models/search_index.py). The searches read them in
    SQL composed from the filters' row conditions (directory/search/filters.py), so no filter
    is written here a second time."""
