from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.models.base import TimeStampedModel, VersionedModel
from directory.querysets import EnvironmentQuerySet


class LearningEnvironment(VersionedModel, TimeStampedModel):
    """A physical place where an organisation teaches: a museum building, a forest, a farm."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        ARCHIVED = "archived", _("Arkiveret")

    class Precision(models.TextChoices):
        ADDRESS = "address", _("Adresse")
        STREET = "street", _("Vej")
        POSTCODE = "postcode", _("Postnummer")
        TOWN = "town", _("By")
        MUNICIPALITY = "municipality", _("Kommune")
        MANUAL = "manual", _("Sat manuelt på kortet")
        UNKNOWN = "unknown", _("Ukendt")

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="environments",
    )
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    category = models.ForeignKey(
        "directory.Category",
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        related_name="environments",
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)

    street_address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)

    # Plain numeric coordinates (WGS84) with a composite index: the search's first,
    # cheap stage is a bounding box on this index; the exact distance comes after.
    latitude = models.FloatField(_("breddegrad"), null=True, blank=True)
    longitude = models.FloatField(_("længdegrad"), null=True, blank=True)
    coordinate_source = models.CharField(
        _("koordinaternes kilde"),
        max_length=80,
        blank=True,
        help_text=_("Hvilken geokoder eller 'manual' for en nål sat i hånden."),
    )
    coordinate_precision = models.CharField(
        _("koordinaternes præcision"), max_length=12, choices=Precision.choices, default=Precision.UNKNOWN
    )
    coordinates_locked = models.BooleanField(
        _("koordinater låst"),
        default=False,
        help_text=_("Sat i hånden: en senere adresseændring flytter ikke nålen, medmindre man beder om det."),
    )
    municipality = models.ForeignKey(
        "maps.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="environments",
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        "maps.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="environments",
        null=True,
        blank=True,
    )

    accessibility = models.TextField(_("tilgængelighed"), blank=True)
    facilities = models.TextField(
        _("faciliteter"), blank=True, help_text=_("Madpakkerum, toiletter, garderobe …")
    )
    transport_notes = models.TextField(_("transport"), blank=True)
    external_id = models.CharField(_("eksternt id"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = EnvironmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("læringsmiljø")
        verbose_name_plural = _("læringsmiljøer")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="environment_lat_lng"),
            models.Index(fields=["status", "municipality"], name="environment_status_munic"),
            # A place's position by id without reading the row (offer-driven searches).
            models.Index(fields=["id", "status", "latitude", "longitude"], name="environment_id_position"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="environment_latitude_range",
                violation_error_message=_("Breddegraden skal ligge mellem -90 og 90."),
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="environment_longitude_range",
                violation_error_message=_("Længdegraden skal ligge mellem -180 og 180."),
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="environment_coordinates_paired",
                violation_error_message=_("Angiv både bredde- og længdegrad, eller ingen af dem."),
            ),
            models.CheckConstraint(
                condition=models.Q(postcode="") | models.Q(postcode__regex=r"^[0-9]{4}$"),
                name="environment_postcode_four_digits",
                violation_error_message=_("Et dansk postnummer har fire cifre."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="environment_external_id_unique_per_organisation",
                violation_error_message=_(
                    "Der findes allerede et sted med dette eksterne id i organisationen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:environment_detail", kwargs={"slug": self.slug})

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self) -> str:
        """'Moesgård Allé 15, 8270 Højbjerg' — what a geocoder and a reader want."""
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.street_address, town) if part)
