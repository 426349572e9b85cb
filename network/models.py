"""The network's people. Members log in with their e-mail address."""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with a login. Staff users are the network's coordinators."""

    username = None
    email = models.EmailField(_("e-mail"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Membership(models.Model):
    """A user's place in an organisation. Editors edit its listings; admins also manage people."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Redaktør")
        ADMIN = "admin", _("Administrator")

    user = models.ForeignKey(
        "network.User", verbose_name=_("bruger"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["editor", "admin"]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """An e-mailed link to join an organisation. Only a hash of the token is stored, so a
    database leak does not hand out working links; a link works once and until it expires."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("rolle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        "network.User", verbose_name=_("inviteret af"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"))
    accepted_at = models.DateTimeField(_("accepteret"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        "network.User",
        verbose_name=_("accepteret af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["editor", "admin"]), name="invitation_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class PendingChange(models.Model):
    """A proposed edit of a published offer by a provider whose changes need approval.

    The public version stays untouched until a coordinator approves; `data` holds the
    proposed values of the changed fields only (JSON: ids for relations, strings for
    decimals), so the queue can show them field by field against the live offer.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer")
        APPROVED = "approved", _("Godkendt")
        REJECTED = "rejected", _("Afvist")

    offer = models.ForeignKey(
        "directory.Offer", verbose_name=_("tilbud"), on_delete=models.CASCADE, related_name="pending_changes"
    )
    data = models.JSONField(_("foreslåede ændringer"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        "network.User", verbose_name=_("indsendt af"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("indsendt"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "network.User",
        verbose_name=_("afgjort af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    reason = models.TextField(_("begrundelse"), blank=True)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("ændring til godkendelse")
        verbose_name_plural = _("ændringer til godkendelse")
        constraints = [
            # One open proposal per offer and editor: an editor's new edit replaces their own
            # open one, but never another editor's (that one would be lost without a trace).
            models.UniqueConstraint(
                fields=["offer", "submitted_by"],
                condition=models.Q(status="pending"),
                name="pending_change_one_open_per_offer_and_editor",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected"]),
                name="pending_change_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} ({self.get_status_display()})"
