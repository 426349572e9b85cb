from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.models.base import TimeStampedModel, VersionedModel
from directory.querysets import OrganisationQuerySet


class Organisation(VersionedModel, TimeStampedModel):
    """A provider of teaching: an institution, a company, a municipal school service."""

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Institution")
        MUNICIPALITY = "kommune", _("Kommunal skoletjeneste / Åben Skole")
        COMPANY = "virksomhed", _("Virksomhed")
        ASSOCIATION = "forening", _("Forening")
        OTHER = "andet", _("Andet")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.INSTITUTION)
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    municipality = models.ForeignKey(
        "maps.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    is_network_member = models.BooleanField(_("medlem af det nationale netværk"), default=False)
    external_id = models.CharField(_("eksternt id"), max_length=100, blank=True, db_index=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="kommune") | models.Q(municipality__isnull=False),
                name="municipal_service_has_municipality",
                violation_error_message=_("En kommunal skoletjeneste skal være knyttet til en kommune."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})
