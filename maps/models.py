"""Denmark's administrative geography: the 5 regions and 98 municipalities.

The rows are reference data, loaded by a data migration from maps/data/.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.PositiveSmallIntegerField(_("regionskode"), primary_key=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__gte=1081, code__lte=1085), name="region_code_in_range"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.PositiveSmallIntegerField(_("kommunekode"), primary_key=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField(_("breddegrad"))
    longitude = models.FloatField(_("længdegrad"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__gte=101, code__lte=999), name="municipality_code_3_digits"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=54.5, latitude__lte=57.8, longitude__gte=8.0, longitude__lte=15.3
                ),
                name="municipality_centre_in_denmark",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        return municipality_short_name(self.name)


def municipality_short_name(official_name: str) -> str:
    """'Aarhus' for 'Aarhus Kommune', 'København' for 'Københavns Kommune'."""
    name = official_name.removesuffix(" Kommune")
    return {"Københavns": "København", "Vesthimmerlands": "Vesthimmerland"}.get(name, name)


class GeocodeCache(models.Model):
    """A geocoder's answer to a normalised query, so re-saving or re-importing does not ask again.

    Keyed by query and backend: switching GEOCODER starts a fresh cache rather than mixing
    answers. Entries older than settings.GEOCODE_CACHE_DAYS are ignored and refreshed.
    """

    query = models.CharField(_("forespørgsel"), max_length=300)
    backend = models.CharField(_("geokoder"), max_length=200)
    latitude = models.FloatField(_("breddegrad"))
    longitude = models.FloatField(_("længdegrad"))
    precision = models.CharField(_("præcision"), max_length=12)
    source = models.CharField(_("kilde"), max_length=200)
    label = models.CharField(_("fundet som"), max_length=300, blank=True)
    municipality_code = models.PositiveSmallIntegerField(_("kommunekode"), null=True, blank=True)
    region_code = models.PositiveSmallIntegerField(_("regionskode"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("geokodet adresse (cache)")
        verbose_name_plural = _("geokodede adresser (cache)")
        constraints = [
            models.UniqueConstraint(fields=["query", "backend"], name="geocode_cache_query_backend_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="geocode_cache_coordinates_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.label}"
