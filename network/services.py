"""Writes about people: invitations, memberships, roles."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from directory.models import Organisation
from network.mail import queue_email
from network.models import Invitation, Membership, User

INVITATION_VALID_DAYS = 14


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str, *, served_at: str | None = None) -> str:
    """The link in an invitation: SITE_URL when set, else the address the inviting request
    came to (``served_at``, e.g. http://10.0.0.5:8080), else the SITE_URL default."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("members:invitation_accept", kwargs={"token": token})
    base = settings.SITE_URL if settings.SITE_URL_IS_SET or not served_at else served_at
    return base.rstrip("/") + path


@transaction.atomic
def membership_invite(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: User | None,
    served_at: str | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link. Returns the invitation and the raw token
    (only its hash is stored, so this is the one moment the token exists)."""
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Ukendt rolle.")})
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Personen er allerede med i organisationen.")})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
    )
    body = _(
        "Du er inviteret til at redigere %(organisation)s på %(site)s.\n\n"
        "Følg linket for at vælge en adgangskode og komme i gang (linket virker én gang og udløber %(date)s):\n"
        "%(url)s\n"
    ) % {
        "organisation": organisation.name,
        "site": settings.SITE_NAME,
        "date": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y"),
        "url": invitation_url(token, served_at=served_at),
    }
    subject = _("Invitation til %(site)s") % {"site": settings.SITE_NAME}
    queue_email(subject=subject, body=body, to=[email])
    return invitation, token


def invitation_for_token(token: str) -> Invitation:
    """The usable invitation behind a link, or a ValidationError saying why not."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None:
        raise ValidationError(_("Invitationslinket er ugyldigt."), code="invalid")
    if invitation.accepted_at is not None:
        raise ValidationError(_("Invitationslinket er allerede brugt."), code="used")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("Invitationslinket er udløbet. Bed om en ny invitation."), code="expired")
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    password: str = "",
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    """Join the organisation. A new person sets a password; someone who already has an
    account must be logged in as the invited address."""
    invitation = invitation_for_token(token)
    # Lock the row so two simultaneous clicks cannot both use the link.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Invitationslinket er allerede brugt."), code="used")
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise ValidationError(
                _("Der findes allerede en konto for %(email)s. Log ind med den og åbn linket igen.")
                % {"email": invitation.email},
                code="login_required",
            )
        member = existing
    else:
        candidate = User(email=invitation.email, first_name=first_name, last_name=last_name)
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise ValidationError({"password1": error.messages}) from error
        member = User.objects.create_user(
            email=invitation.email, password=password, first_name=first_name, last_name=last_name
        )
    membership, created = Membership.objects.get_or_create(
        user=member, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at, invitation.accepted_by = timezone.now(), member
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _guard_last_admin(membership: Membership) -> None:
    others = Membership.objects.filter(
        organisation=membership.organisation, role=Membership.Role.ADMIN
    ).exclude(pk=membership.pk)
    if membership.role == Membership.Role.ADMIN and not others.exists():
        raise ValidationError(_("Organisationen skal have mindst én administrator."), code="last_admin")


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Ukendt rolle.")})
    if role != Membership.Role.ADMIN:
        _guard_last_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    _guard_last_admin(membership)
    membership.delete()


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None:
        invitation.delete()
