"""sitemap.xml: every public page, so search engines find offers by their Danish titles."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import LearningEnvironment, Offer, Organisation
from maps.models import Municipality


class OfferSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Offer.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, offer: Offer):
        return offer.updated_at


class EnvironmentSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return LearningEnvironment.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, environment: LearningEnvironment):
        return environment.updated_at


class OrganisationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, organisation: Organisation):
        return organisation.updated_at


class MunicipalitySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Municipality.objects.order_by("code")

    def location(self, municipality: Municipality) -> str:
        return reverse("directory:municipality_detail", kwargs={"slug": municipality.slug})


SITEMAPS = {
    "tilbud": OfferSitemap,
    "steder": EnvironmentSitemap,
    "organisationer": OrganisationSitemap,
    "kommuner": MunicipalitySitemap,
}
