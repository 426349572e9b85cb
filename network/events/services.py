"""Writes for events: create, update, publish, cancel; register, cancel a registration, remind.

Registration locks the event's row (SELECT … FOR UPDATE) before it counts the seats, so two
people registering at the same moment are served one after the other and nobody is
overbooked. Cancelling a seat moves the first on the waiting list up in the same transaction.
E-mail is queued on commit (network/mail.py): a rolled-back write sends nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.events import emails
from network.events.models import Event, Registration

LIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITING]


class RegistrationRefused(Exception):
    """A registration that cannot be made. `field` names the form field it belongs to (or None)."""

    def __init__(self, message: str, *, code: str, field: str | None = None):
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


def _locked(pk: int) -> Event:
    """The event's row, locked until the transaction ends (only that row: `of` leaves the joined ones)."""
    return Event.objects.select_for_update(of=("self",)).select_related("venue", "organiser").get(pk=pk)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "arrangement"
    slug, number = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def event_create(*, user, fields: dict[str, Any]) -> Event:
    """A new event (a draft unless fields say otherwise); full_clean reports bad input per field."""
    with transaction.atomic():
        event = Event(created_by=user if user and user.is_authenticated else None, **fields)
        event.slug = _unique_slug(event.title)
        event.full_clean()
        event.save()
    return event


def event_update(*, event: Event, fields: dict[str, Any]) -> Event:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        # More seats (or none) may let people in from the waiting list.
        _promote_waiting(locked)
    return locked


def event_publish(*, event: Event) -> Event:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status == Event.Status.DRAFT:
            locked.status = Event.Status.PUBLISHED
            locked.save(update_fields=["status", "updated_at"])
    return locked


def event_cancel(*, event: Event) -> int:
    """Cancel the event and tell everyone registered or waiting. Returns how many were told."""
    with transaction.atomic():
        locked = _locked(event.pk)
        if locked.status == Event.Status.CANCELLED:
            return 0
        locked.status = Event.Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        people = emails.event_participants_to_notify(locked)
        for registration in people:
            emails.send_event_cancelled(registration)
    return len(people)


def _validated_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RegistrationRefused(
            _("Skriv en gyldig e-mailadresse."), code="invalid_email", field="email"
        ) from None
    return email


def _check_open(event: Event, now: datetime) -> None:
    if event.status == Event.Status.CANCELLED:
        raise RegistrationRefused(_("Arrangementet er aflyst."), code="cancelled")
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationRefused(_("Arrangementet er ikke åbent for tilmelding."), code="not_published")
    if event.starts_at <= now:
        raise RegistrationRefused(_("Arrangementet er begyndt."), code="started")
    if event.registration_deadline and now > event.registration_deadline:
        raise RegistrationRefused(_("Tilmeldingsfristen er overskredet."), code="deadline")


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    role: str = "",
    needs: str = "",
    consent: bool,
    join_waiting_list: bool = False,
    now: datetime | None = None,
) -> tuple[Registration, str]:
    """Register, or put on the waiting list when asked and full. Returns the row and its cancel token."""
    email = _validated_email(email)
    if not consent:
        raise RegistrationRefused(
            _("Du skal give samtykke for at blive tilmeldt."), code="consent", field="consent"
        )
    now = now or timezone.now()
    token, token_hash = _new_token()
    try:
        with transaction.atomic():
            # The lock: concurrent registrations for this event wait here, then count what the first wrote.
            locked = _locked(event.pk)
            _check_open(locked, now)
            if locked.registrations.filter(email=email, status__in=LIVE).exists():
                raise _duplicate()
            confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
            full = locked.capacity is not None and confirmed >= locked.capacity
            if full and not join_waiting_list:
                raise RegistrationRefused(
                    _("Arrangementet er fuldt booket. Du kan skrive dig på ventelisten."), code="full"
                )
            registration = Registration.objects.create(
                event=locked,
                name=name.strip(),
                email=email,
                organisation_name=organisation_name.strip(),
                role=role.strip(),
                needs=needs.strip(),
                consent=True,
                status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
                token_hash=token_hash,
            )
    except IntegrityError:
        # The partial unique index caught a second live registration for the address.
        raise _duplicate() from None
    # Composed after the commit, outside the lock: the next registrant need not wait for the e-mail.
    emails.send_registration_received(registration, token)
    return registration, token


def _duplicate() -> RegistrationRefused:
    return RegistrationRefused(
        _("Denne e-mailadresse er allerede tilmeldt arrangementet."), code="duplicate", field="email"
    )


def registration_cancel(*, token: str, now: datetime | None = None) -> Registration | None:
    """Cancel the registration behind a link; the first on the waiting list moves up. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        found = (
            Registration.objects.filter(token_hash=hash_token(token))
            .values_list("event_id", flat=True)
            .first()
        )
        if found is None:
            return None
        event = _locked(found)
        registration = Registration.objects.get(token_hash=hash_token(token))
        registration.event = event
        if registration.status == Registration.Status.CANCELLED:
            return registration
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        emails.send_cancellation_receipt(registration)
        if event.status == Event.Status.PUBLISHED and event.starts_at > now:
            _promote_waiting(event)
    return registration


def _promote_waiting(event: Event) -> list[Registration]:
    """Fill free seats from the waiting list in order. The caller holds the event's row lock."""
    if event.status != Event.Status.PUBLISHED:
        return []
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    free = None if event.capacity is None else max(0, event.capacity - confirmed)
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        token, registration.token_hash = _new_token()
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at", "token_hash"])
        emails.send_moved_up(registration, token)
    return promoted


def reminders_send(*, now: datetime | None = None, ahead: timedelta = timedelta(hours=48)) -> dict[str, int]:
    """Remind the confirmed participants of events starting within `ahead`. Each event once."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + ahead,
    ).values_list("pk", flat=True)
    events = reminded = 0
    for pk in list(due):
        with transaction.atomic():
            event = _locked(pk)
            if event.reminder_sent_at is not None:  # another worker got here first
                continue
            event.reminder_sent_at = now
            event.save(update_fields=["reminder_sent_at"])
            for registration in event.registrations.filter(status=Registration.Status.CONFIRMED):
                emails.send_reminder(registration)
                reminded += 1
            events += 1
    return {"events": events, "participants": reminded}
