"""Events of the knowledge centre and the people registered for them.

The rules that must hold whatever writes the rows (admin, services, shell) are database
constraints: an event ends after it starts, costs nothing or more, has a place or a link;
an e-mail address holds one live registration per event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models.base import TimeStampedModel


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        """Public events: published or cancelled (a cancelled event stays visible, marked)."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now=None) -> EventQuerySet:
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None) -> EventQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def of_kind(self, kind: str) -> EventQuerySet:
        return self.filter(kind=kind)

    def in_region(self, region_code: int) -> EventQuerySet:
        return self.filter(venue__region_id=region_code)

    def in_month(self, year: int, month: int) -> EventQuerySet:
        return self.filter(starts_at__year=year, starts_at__month=month)


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        THEME_DAY = "temadag", _("Temadag")
        CONFERENCE = "konference", _("Konference")
        COURSE = "kursus", _("Kursus")
        STUDY_GROUP = "studiegruppe", _("Studiegruppe")
        NETWORK_MEETING = "netvaerksmoede", _("Netværksmøde")
        WEBINAR = "webinar", _("Webinar")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        PUBLISHED = "published", _("Offentliggjort")
        CANCELLED = "cancelled", _("Aflyst")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.THEME_DAY)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField(_("kort beskrivelse"), max_length=300, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    audience = models.CharField(
        _("målgruppe"),
        max_length=300,
        blank=True,
        help_text=_("Fx pædagoger i dagtilbud, lærere, Åben Skole-koordinatorer."),
    )
    starts_at = models.DateTimeField(_("starter"), db_index=True)
    ends_at = models.DateTimeField(_("slutter"), db_index=True)
    venue = models.ForeignKey(
        "directory.LearningEnvironment",
        verbose_name=_("sted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("link til online deltagelse"),
        blank=True,
        help_text=_("Vises kun for tilmeldte deltagere (i bekræftelsen og på deres tilmeldingsside)."),
    )
    organiser = models.ForeignKey(
        "directory.Organisation", verbose_name=_("arrangør"), on_delete=models.PROTECT, related_name="events"
    )
    price_dkk = models.DecimalField(_("pris (kr.)"), max_digits=9, decimal_places=2, default=0)
    capacity = models.PositiveIntegerField(
        _("antal pladser"), null=True, blank=True, help_text=_("Tom: ingen grænse.")
    )
    registration_deadline = models.DateTimeField(_("tilmeldingsfrist"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    reminder_sent_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(price_dkk__gte=0), name="event_price_not_negative"),
            models.CheckConstraint(
                condition=Q(venue__isnull=False) | Q(is_online=True), name="event_has_a_place"
            ),
            models.CheckConstraint(
                condition=Q(is_online=False) | ~Q(online_url=""), name="event_online_has_link"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "cancelled"]), name="event_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_free(self) -> bool:
        return self.price_dkk == 0

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED or self.starts_at <= now:
            return False
        return self.registration_deadline is None or now <= self.registration_deadline


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Tilmeldt")
        WAITING = "waiting", _("På venteliste")
        CANCELLED = "cancelled", _("Afmeldt")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("arbejdssted"), max_length=200, blank=True)
    role = models.CharField(_("stilling/rolle"), max_length=200, blank=True)
    needs = models.TextField(_("kost- og tilgængelighedsbehov"), blank=True)
    consent = models.BooleanField(_("samtykke"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Only a hash of the cancel link's token is stored: a leaked table cancels nobody.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("tilmeldt"), auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField(_("rykket op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afmeldt"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="registration_one_live_per_email",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled"]),
                name="registration_status_valid",
            ),
            models.CheckConstraint(condition=Q(consent=True), name="registration_has_consent"),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.email})"
