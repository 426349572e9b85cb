"""Outgoing e-mail. A request only enqueues; the one task queue sends (TASKS in settings).

`queue_email` is what services call. It enqueues when the surrounding transaction commits, so
a rolled-back write sends nothing. The task retries transient SMTP failures with back-off
(where the backend can defer, i.e. the database and RQ backends) and reports an address the
server refuses for good through the `email_rejected` signal, so the newsletter can stop
mailing it.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)

# Sent with `address` and `reason` when the SMTP server refuses a recipient permanently (5xx).
email_rejected = Signal()

RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=3))


def queue_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Send this e-mail from the queue once the current transaction commits."""
    payload = {
        "subject": subject,
        "body": body,
        "to": list(to),
        "html": html,
        "headers": headers or {},
        # Task arguments are JSON: attachments travel base64-encoded.
        "attachments": [
            [name, base64.b64encode(content).decode("ascii"), mimetype]
            for name, content, mimetype in attachments or []
        ],
        "reply_to": reply_to or [],
    }
    transaction.on_commit(lambda: send_email.enqueue(**payload))


def build_message(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[list[str]] | None = None,
    reply_to: list[str] | None = None,
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
        reply_to=reply_to or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for name, encoded, mimetype in attachments or []:
        message.attach(name, base64.b64decode(encoded), mimetype)
    return message


def _is_permanent(error: smtplib.SMTPException) -> bool:
    """5xx answers are final (unknown mailbox, policy); 4xx and dropped connections pass."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


@task(queue_name="mail")
def send_email(*, attempt: int = 0, **payload) -> str:
    """Send one e-mail. Returns what happened, for the task result: sent, retrying or rejected."""
    message = build_message(**payload)
    try:
        message.send()
    except smtplib.SMTPException as error:
        if _is_permanent(error):
            for address in payload["to"]:
                email_rejected.send(sender=send_email, address=address, reason=str(error))
            log.warning("SMTP server refused %s for good: %s", payload["to"], error)
            return "rejected"
        return _retry_later(payload, attempt, error)
    except OSError as error:  # connection refused, timeout: the server is away, try again later
        return _retry_later(payload, attempt, error)
    return "sent"


def _retry_later(payload: dict, attempt: int, error: Exception) -> str:
    if attempt >= len(RETRY_DELAYS) or not send_email.get_backend().supports_defer:
        raise error
    delay = RETRY_DELAYS[attempt]
    log.warning("Sending to %s failed (%s); retrying in %s", payload["to"], error, delay)
    send_email.using(run_after=timezone.now() + delay).enqueue(attempt=attempt + 1, **payload)
    return "retrying"
