"""The directory's query vocabulary: small chainable pieces that selectors combine."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, models

from maps.spatial import (
    BoundingBox,
    bounding_box,
    haversine_term,
    term_for_distance,
    term_for_distance_polynomial,
)


def distance_term(origin_latitude: float, origin_longitude: float, prefix: str = "") -> models.Expression:
    """SQL for the haversine term ``a`` between a place and the origin (see maps/spatial.py).

    Plain arithmetic on the latitude/longitude columns, so SQLite computes it natively
    (no Python callbacks) and both databases can filter and ORDER BY it; ``a`` grows
    with the great-circle distance. ``prefix`` reaches the columns through a relation.
    """
    term = haversine_term(
        models.F(f"{prefix}latitude"), models.F(f"{prefix}longitude"), origin_latitude, origin_longitude
    )
    return models.ExpressionWrapper(term, output_field=models.FloatField())


class OrganisationQuerySet(models.QuerySet):
    def network_members(self) -> OrganisationQuerySet:
        return self.filter(is_network_member=True)

    def with_published_offers(self) -> OrganisationQuerySet:
        return self.filter(offers__status="published").distinct()


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
        """Offers that teach any of the subjects."""
        from directory.models import Subject

        through = Subject.offers.through
        matching = through.objects.filter(offer_id=models.OuterRef("pk"), subject__slug__in=slugs)
        return self.filter(models.Exists(matching))

    def for_grade(self, level: int) -> OfferQuerySet:
        """Offers whose grade range covers the grade."""
        return self.filter(grade_from_id__lte=level, grade_to_id__gte=level)

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

    def in_municipality(self, code: int) -> OfferQuerySet:
        """Offers at a place in the municipality, or outreach offers that serve it."""
        from directory.models import LearningEnvironment

        served = self.model.service_municipalities.through.objects.filter(municipality_id=code)
        held_here = LearningEnvironment.objects.active().in_municipality(code)
        return self.filter(
            models.Q(pk__in=self._offer_ids_at(held_here))
            | models.Q(format="udgaaende", pk__in=served.values("offer_id"))
        )

    def in_region(self, code: int) -> OfferQuerySet:
        """Offers at a place in the region, or outreach offers serving one of its municipalities."""
        from directory.models import LearningEnvironment

        served = self.model.service_municipalities.through.objects.filter(municipality__region_id=code)
        held_here = LearningEnvironment.objects.active().in_region(code)
        return self.filter(
            models.Q(pk__in=self._offer_ids_at(held_here))
            | models.Q(format="udgaaende", pk__in=served.values("offer_id"))
        )

    def matching_text(self, text: str) -> OfferQuerySet:
        """Offers whose title, summary, description or organisation name match the words.

        PostgreSQL: full-text search with the 'danish' configuration (stemming, so
        "dyrene" finds "dyr"); django.contrib.postgres's search classes work without the
        app installed. SQLite: every word must occur (icontains) in one of the fields.
        """
        if connection.vendor == "postgresql":
            vector = SearchVector("title", "summary", "description", "organisation__name", config="danish")
            query = SearchQuery(text, config="danish", search_type="websearch")
            return self.alias(search_vector=vector).filter(search_vector=query)
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

    def reaching_point(self, latitude: float, longitude: float, max_reach_km: float) -> OfferQuerySet:
        """Outreach offers with a place within their own service radius of the point.

        ``max_reach_km`` (the largest service radius in use) bounds the search: only
        places in that box are candidates (the lat/lng index), then each offer's own
        radius is checked exactly.
        """
        from directory.models import LearningEnvironment

        candidates = LearningEnvironment.objects.active().in_box(
            bounding_box(latitude, longitude, max_reach_km)
        )
        places_in_reach = (
            LearningEnvironment.objects.active()
            .located()
            .filter(offers=models.OuterRef("pk"))
            .annotate(distance_term=distance_term(latitude, longitude))
            .filter(
                distance_term__lte=term_for_distance_polynomial(models.OuterRef("service_radius_km") * 1.0)
            )
        )
        return (
            self.filter(format="udgaaende", service_radius_km__isnull=False)
            .at_environments(candidates)
            .filter(models.Exists(places_in_reach))
        )

    def serving_municipality(self, code: int) -> OfferQuerySet:
        """Outreach offers that list the municipality in their service area."""
        served = self.model.service_municipalities.through.objects.filter(municipality_id=code)
        return self.filter(format="udgaaende", pk__in=served.values("offer_id"))

    def without_service_area(self) -> OfferQuerySet:
        """All but the outreach offers that say where they go (a radius or municipalities):
        those match by their area, not by where their base is."""
        served = self.model.service_municipalities.through.objects.filter(offer_id=models.OuterRef("pk"))
        return self.exclude(
            models.Q(format="udgaaende") & (models.Q(service_radius_km__isnull=False) | models.Exists(served))
        )

    def with_distance_term(self, latitude: float, longitude: float) -> OfferQuerySet:
        """Annotate ``distance_term``: the haversine term of the offer's nearest active place."""
        from directory.models import LearningEnvironment

        nearest = (
            LearningEnvironment.objects.active()
            .located()
            .filter(offers=models.OuterRef("pk"))
            .annotate(distance_term=distance_term(latitude, longitude))
            .order_by("distance_term")
            .values("distance_term")[:1]
        )
        return self.annotate(distance_term=models.Subquery(nearest, output_field=models.FloatField()))

    def _offer_ids_at(self, environments: models.QuerySet) -> models.QuerySet:
        through = self.model.environments.through
        return through.objects.filter(learningenvironment__in=environments.values("pk")).values("offer_id")
