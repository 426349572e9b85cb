"""Subscribers, their saved searches, the digests sent to them and the coordinators' issues.

A subscription's filters are the search page's own query string (``subject=biologi&near=…``):
the digest runs them through the site's search engine (network/newsletter/matching.py), so a
subscription means exactly what the search page showed when it was made.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_link_key() -> str:
    return secrets.token_hex(16)


class Subscriber(models.Model):
    """One e-mail address. Nothing is sent to it (but the confirmation) before it is confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer bekræftelse")
        ACTIVE = "active", _("Aktiv")
        FAILING = "failing", _("Adressen afviser post")
        UNSUBSCRIBED = "unsubscribed", _("Afmeldt")

    class Rhythm(models.TextChoices):
        WEEKLY = "weekly", _("Hver uge")
        MONTHLY = "monthly", _("Hver måned")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    language = models.CharField(_("sprog"), max_length=5, choices=settings.LANGUAGES, default="da")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    rhythm = models.CharField(_("hvor ofte"), max_length=8, choices=Rhythm.choices, default=Rhythm.WEEKLY)
    wants_network_news = models.BooleanField(_("netværkets nyhedsbrev"), default=False)
    consent_text = models.TextField(_("samtykke"), blank=True)
    consented_at = models.DateTimeField(_("samtykke givet"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    # Only a hash of the confirmation link's token is kept; the link expires.
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirm_token_expires_at = models.DateTimeField(null=True, blank=True)
    # The manage and unsubscribe links are an HMAC of the id and this key (tokens.py): a new key
    # (after deletion and a new subscription) invalidates every old link.
    link_key = models.CharField(max_length=32, default=new_link_key)
    failure_reason = models.CharField(_("afvisning"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    unsubscribed_at = models.DateTimeField(_("afmeldt"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnent")
        verbose_name_plural = _("abonnenter")
        constraints = [
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")), name="newsletter_subscriber_email_lower"
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(confirmed_at__isnull=False),
                name="newsletter_subscriber_active_is_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["status", "rhythm"], name="newsletter_subscriber_due")]

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    """A saved search: the search form's query parameters, confirmed through the subscriber."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    # Canonical query string (sorted, without page/ordering): identical filters compare equal,
    # so the digest runs each distinct search once and nobody holds the same search twice.
    filters = models.CharField(_("filtre"), max_length=1000, blank=True)
    # What the visitor typed for the area ("8000 Aarhus C"); the filters hold the point.
    area_label = models.CharField(_("område"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("søgning")
        verbose_name_plural = _("søgninger")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "filters"], name="newsletter_subscription_once")
        ]

    def __str__(self) -> str:
        return self.filters or "*"


class DigestSending(models.Model):
    """One subscriber's digest for one period: written in the transaction that queues the
    e-mail, so a second run (or a run after a crash) finds it and sends nothing again."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Sendt til køen")
        EMPTY = "empty", _("Intet nyt – ingen e-mail")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digests")
    period = models.CharField(_("periode"), max_length=10)  # "2026-W49" or "2026-12"
    covers_from = models.DateTimeField(_("fra"))
    covers_until = models.DateTimeField(_("til"))
    outcome = models.CharField(_("udfald"), max_length=8, choices=Outcome.choices)
    offer_count = models.PositiveIntegerField(_("tilbud"), default=0)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("sendt oversigt")
        verbose_name_plural = _("sendte oversigter")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "period"], name="newsletter_digest_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(covers_from__lte=models.F("covers_until")), name="newsletter_digest_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id} {self.period}"


class Issue(models.Model):
    """A coordinator's editorial newsletter: written, previewed, tested, then sent to all."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    intro = models.TextField(_("indledning"))
    offers = models.ManyToManyField("directory.Offer", verbose_name=_("tilbud"), blank=True, related_name="+")
    # News articles (network.knowledge) and events (network.events) by id: those apps may be
    # absent (network_news.py reads them lazily), so these migrations do not depend on them.
    article_ids = models.JSONField(_("nyheder"), default=list, blank=True)
    event_ids = models.JSONField(_("arrangementer"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("nyhedsbrev")
        verbose_name_plural = _("nyhedsbreve")
        ordering = ["-sent_at", "-created_at"]

    def __str__(self) -> str:
        return self.title


class IssueSending(models.Model):
    """One issue to one subscriber, at most once (a second send skips those already queued)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="sendings")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="issues")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_issue_once_per_subscriber"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"
