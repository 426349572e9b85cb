"""The e-mails to participants, composed from templates and handed to the one mail queue."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from network.events import ics
from network.events.models import Event, Registration
from network.mail import queue_email


def registration_url(token: str) -> str:
    with translation.override("da"):
        path = reverse("events:registration", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def _send(
    *, template: str, subject: str, registration: Registration, token: str | None, attach: bool
) -> None:
    event = registration.event
    context = {
        "event": event,
        "registration": registration,
        "manage_url": registration_url(token) if token else "",
        "event_url": settings.SITE_URL.rstrip("/") + event.get_absolute_url(),
        "SITE_NAME": settings.SITE_NAME,
        "show_online_url": registration.status == Registration.Status.CONFIRMED and event.is_online,
    }
    attachments = []
    if attach:
        content = ics.calendar_bytes([event], for_participant=True)
        attachments.append((ics.event_filename(event), content, "text/calendar"))
    queue_email(
        subject=subject,
        body=render_to_string(f"events/email/{template}.txt", context),
        to=[registration.email],
        attachments=attachments,
    )


def send_registration_received(registration: Registration, token: str) -> None:
    event = registration.event
    if registration.status == Registration.Status.CONFIRMED:
        subject = _("Du er tilmeldt: %(title)s") % {"title": event.title}
        _send(template="confirmation", subject=subject, registration=registration, token=token, attach=True)
    else:
        subject = _("Du er på ventelisten: %(title)s") % {"title": event.title}
        _send(template="waiting", subject=subject, registration=registration, token=token, attach=False)


def send_moved_up(registration: Registration, token: str) -> None:
    # Only a token's hash is stored, so moving up issues a fresh link (the waiting-list one stops working).
    subject = _("Du har fået en plads: %(title)s") % {"title": registration.event.title}
    _send(template="moved_up", subject=subject, registration=registration, token=token, attach=True)


def send_cancellation_receipt(registration: Registration) -> None:
    subject = _("Din afmelding er modtaget: %(title)s") % {"title": registration.event.title}
    _send(
        template="cancelled_registration",
        subject=subject,
        registration=registration,
        token=None,
        attach=False,
    )


def send_event_cancelled(registration: Registration) -> None:
    subject = _("Aflyst: %(title)s") % {"title": registration.event.title}
    _send(template="event_cancelled", subject=subject, registration=registration, token=None, attach=True)


def send_reminder(registration: Registration) -> None:
    subject = _("Påmindelse: %(title)s") % {"title": registration.event.title}
    _send(template="reminder", subject=subject, registration=registration, token=None, attach=True)


def event_participants_to_notify(event: Event) -> list[Registration]:
    live = [Registration.Status.CONFIRMED, Registration.Status.WAITING]
    return list(event.registrations.filter(status__in=live))
