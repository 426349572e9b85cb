from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.models.base import TimeStampedModel, VersionedModel
from directory.querysets import OfferQuerySet

ALL_MONTHS = 0b1111_1111_1111
MONTH_NAMES = [
    _("januar"), _("februar"), _("marts"), _("april"), _("maj"), _("juni"),
    _("juli"), _("august"), _("september"), _("oktober"), _("november"), _("december"),
]  # fmt: skip


def month_bit(month: int) -> int:
    """Bit for month 1–12 in Offer.months."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, not {month}")
    return 1 << (month - 1)


def months_to_mask(months: list[int]) -> int:
    mask = 0
    for month in months:
        mask |= month_bit(month)
    return mask


def mask_to_months(mask: int) -> list[int]:
    return list(_months_of(mask))


@cache
def _months_of(mask: int) -> tuple[int, ...]:
    """A mask's months, worked out once per mask (4,096 at most): every offer on a page asks."""
    return tuple(month for month in range(1, 13) if mask & month_bit(month))


# A history row snapshots the offer's links too, so revert and diffs cover them. A module
# constant so the services can write one version after both fields and links are saved.
OFFER_HISTORY = HistoricalRecords(
    m2m_fields=["subjects", "environments", "languages", "service_municipalities"]
)


class Offer(VersionedModel, TimeStampedModel):
    """A teaching offer ("undervisningstilbud") that classes can book."""

    class Format(models.TextChoices):
        ON_SITE = "paa-stedet", _("Besøg på stedet")
        OUTREACH = "udgaaende", _("Udgående (vi kommer til skolen)")
        DIGITAL = "digitalt", _("Digitalt")
        LOAN = "udlaan", _("Udlån (materialekasse)")
        SELF_GUIDED = "egen-haand", _("Besøg på egen hånd")

    class PriceKind(models.TextChoices):
        # AMOUNT with 0 kr. is how offers were free before the kinds existed; it still reads "Gratis".
        AMOUNT = "beloeb", _("Beløb")
        FREE = "gratis", _("Gratis")
        FREE_LOCAL = "gratis-kommune", _("Gratis for kommunens egne skoler")
        UNKNOWN = "ukendt", _("Pris ikke oplyst")

    class PriceUnit(models.TextChoices):
        TOTAL = "", _("i alt")
        CLASS = "klasse", _("pr. klasse")
        PUPIL = "elev", _("pr. elev")
        GROUP = "gruppe", _("pr. gruppe")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        PENDING = "pending", _("Afventer godkendelse")
        PUBLISHED = "published", _("Offentliggjort")
        ARCHIVED = "archived", _("Arkiveret")

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField(_("kort beskrivelse"), max_length=300, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    subjects = models.ManyToManyField(
        "directory.Subject", verbose_name=_("fag og temaer"), related_name="offers"
    )
    grade_from = models.ForeignKey(
        "directory.Grade", verbose_name=_("fra klassetrin"), on_delete=models.PROTECT, related_name="+"
    )
    grade_to = models.ForeignKey(
        "directory.Grade", verbose_name=_("til klassetrin"), on_delete=models.PROTECT, related_name="+"
    )
    format = models.CharField(_("form"), max_length=12, choices=Format.choices, default=Format.ON_SITE)
    # Duration: minutes, or a range of minutes ("2-3 timer"), or whole days ("2 dage").
    duration_minutes = models.PositiveIntegerField(
        _("varighed (minutter)"),
        null=True,
        blank=True,
        help_text=_("Den korteste varighed, hvis den varierer."),
    )
    duration_max_minutes = models.PositiveIntegerField(_("højst (minutter)"), null=True, blank=True)
    duration_days = models.PositiveSmallIntegerField(_("varighed (dage)"), null=True, blank=True)
    min_participants = models.PositiveIntegerField(_("min deltagere"), null=True, blank=True)
    max_participants = models.PositiveIntegerField(_("max deltagere"), null=True, blank=True)
    max_classes = models.PositiveSmallIntegerField(_("klasser pr. besøg"), null=True, blank=True)
    adults_per_group = models.PositiveSmallIntegerField(
        _("voksne pr. gruppe"), null=True, blank=True, help_text=_("Hvor mange voksne skolen skal sende med.")
    )
    price_kind = models.CharField(
        _("pristype"), max_length=16, choices=PriceKind.choices, default=PriceKind.AMOUNT
    )
    price_dkk = models.DecimalField(
        _("pris (kr.)"), max_digits=9, decimal_places=2, default=0, help_text=_("0 betyder gratis.")
    )
    price_unit = models.CharField(_("prisenhed"), max_length=8, choices=PriceUnit.choices, blank=True)
    price_note = models.CharField(_("prisnote"), max_length=200, blank=True)
    requirements = models.TextField(_("krav til skolen"), blank=True)
    learning_goals = models.TextField(_("læringsmål"), blank=True)
    keywords = models.CharField(
        _("nøgleord"), max_length=300, blank=True, help_text=_("Adskilt af komma, fx 'vikinger, skibe'.")
    )
    # The provider's own words for when: dates, weekdays, time slots ("fredag kl. 10-14").
    period_note = models.CharField(_("periode og tider"), max_length=200, blank=True)
    languages = models.ManyToManyField(
        "directory.Language", verbose_name=_("sprog"), related_name="offers", blank=True
    )
    # Months the offer runs, as a 12-bit mask (bit 0 = January): one integer that both
    # SQLite and PostgreSQL can filter with a bitwise AND.
    months = models.PositiveSmallIntegerField(_("måneder"), default=ALL_MONTHS)
    booking_url = models.URLField(_("bookinglink"), blank=True)
    booking_email = models.EmailField(_("booking-e-mail"), blank=True)
    booking_phone = models.CharField(_("booking-telefon"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    environments = models.ManyToManyField(
        "directory.LearningEnvironment", verbose_name=_("steder"), related_name="offers", blank=True
    )
    # Outreach offers serve an area: listed municipalities, a radius around their places, or both.
    service_municipalities = models.ManyToManyField(
        "maps.Municipality", verbose_name=_("betjente kommuner"), related_name="served_by_offers", blank=True
    )
    service_radius_km = models.PositiveIntegerField(_("betjent radius (km)"), null=True, blank=True)
    external_id = models.CharField(_("eksternt id"), max_length=100, blank=True)

    history = OFFER_HISTORY
    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("undervisningstilbud")
        verbose_name_plural = _("undervisningstilbud")
        indexes = [
            models.Index(fields=["status", "grade_from", "grade_to"], name="offer_status_grades"),
            # The search's hot columns by id, densely packed (see directory/search/offers.py),
            # and the largest outreach radius in one index probe.
            models.Index(
                fields=["id", "status", "grade_from", "grade_to", "format", "service_radius_km"],
                name="offer_search_columns",
            ),
            models.Index(fields=["status", "format", "service_radius_km"], name="offer_status_format_reach"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade_from__lte=models.F("grade_to")),
                name="offer_grade_range_ordered",
                violation_error_message=_(
                    "'Fra klassetrin' skal ligge før eller være lig med 'til klassetrin'."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(price_dkk__gte=0),
                name="offer_price_not_negative",
                violation_error_message=_("Prisen kan ikke være negativ."),
            ),
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=ALL_MONTHS),
                name="offer_months_valid",
                violation_error_message=_("Vælg mindst én måned."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_participants__isnull=True) | models.Q(max_participants__gte=1),
                name="offer_max_participants_positive",
                violation_error_message=_("Max deltagere skal være mindst 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__isnull=True) | models.Q(duration_minutes__gte=1),
                name="offer_duration_positive",
                violation_error_message=_("Varigheden skal være mindst 1 minut."),
            ),
            models.CheckConstraint(
                condition=models.Q(duration_max_minutes__isnull=True)
                | models.Q(
                    duration_minutes__isnull=False, duration_max_minutes__gte=models.F("duration_minutes")
                ),
                name="offer_duration_range_ordered",
                violation_error_message=_("Den længste varighed kan ikke være kortere end den korteste."),
            ),
            models.CheckConstraint(
                condition=models.Q(duration_days__isnull=True)
                | models.Q(
                    duration_days__gte=1, duration_minutes__isnull=True, duration_max_minutes__isnull=True
                ),
                name="offer_duration_days_or_minutes",
                violation_error_message=_("Angiv varigheden i minutter eller i dage, ikke begge."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_participants__isnull=True)
                | models.Q(min_participants__gte=1, max_participants__isnull=True)
                | models.Q(min_participants__gte=1, max_participants__gte=models.F("min_participants")),
                name="offer_participants_range_ordered",
                violation_error_message=_("Min deltagere kan ikke være flere end max deltagere."),
            ),
            models.CheckConstraint(
                condition=(models.Q(max_classes__isnull=True) | models.Q(max_classes__gte=1))
                & (models.Q(adults_per_group__isnull=True) | models.Q(adults_per_group__gte=1)),
                name="offer_group_rules_positive",
                violation_error_message=_("Klasser og voksne pr. gruppe skal være mindst 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(price_kind__in=["beloeb", "gratis-kommune"])
                | models.Q(price_dkk=0, price_unit=""),
                name="offer_price_kind_without_amount",
                violation_error_message=_("Et gratis tilbud eller en ukendt pris har intet beløb."),
            ),
            models.CheckConstraint(
                condition=models.Q(service_radius_km__isnull=True)
                | models.Q(service_radius_km__gte=1, service_radius_km__lte=500),
                name="offer_service_radius_range",
                violation_error_message=_("Den betjente radius skal ligge mellem 1 og 500 km."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="offer_external_id_unique_per_organisation",
                violation_error_message=_(
                    "Der findes allerede et tilbud med dette eksterne id i organisationen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directory:offer_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        # The check constraint compares raw ids; say it in words before the database does.
        if (
            self.grade_from_id is not None
            and self.grade_to_id is not None
            and self.grade_from_id > self.grade_to_id
        ):
            raise ValidationError(
                {"grade_to": _("'Til klassetrin' kan ikke ligge før 'fra klassetrin'.")}, code="grade_range"
            )
        if self.service_radius_km and self.format != self.Format.OUTREACH:
            raise ValidationError(
                {"service_radius_km": _("Kun udgående tilbud har et betjent område.")}, code="service_area"
            )

    @property
    def is_free(self) -> bool:
        if self.price_kind == self.PriceKind.AMOUNT:
            return self.price_dkk == 0
        return self.price_kind == self.PriceKind.FREE

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.replace(";", ",").split(",") if word.strip()]

    @property
    def month_list(self) -> list[int]:
        return mask_to_months(self.months)
