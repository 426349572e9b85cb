"""The directory's query vocabulary: small chainable pieces that selectors combine."""

from __future__ import annotations

from django.db import models


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
