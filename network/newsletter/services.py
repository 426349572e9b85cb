"""Writes about subscribers: subscribe, confirm, change, unsubscribe, delete, mark failing.

Subscribing never says whether an address is known: the same page follows every request, and
only the mailbox learns more (a confirmation link, for a new search as for a new address).
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.newsletter import emails, tokens
from network.newsletter.models import Subscriber, Subscription

log = logging.getLogger(__name__)


@transaction.atomic
def subscriber_subscribe(
    *,
    email: str,
    filters: str,
    area_label: str = "",
    language: str,
    rhythm: str = Subscriber.Rhythm.WEEKLY,
    wants_network_news: bool = False,
    consent_text: str,
) -> Subscriber:
    """Hold the search as unconfirmed and mail a confirmation link. The same address again
    gets a fresh link (and the new search, if it is new) but no second subscriber."""
    email = email.strip().lower()
    now = timezone.now()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email, defaults={"language": language, "rhythm": rhythm}
    )
    token, token_hash = tokens.new_confirm_token()
    subscriber.confirm_token_hash = token_hash
    subscriber.confirm_token_expires_at = now + tokens.CONFIRM_VALID
    subscriber.consent_text, subscriber.consented_at = consent_text, now
    if subscriber.status != Subscriber.Status.ACTIVE:
        # A stranger may type anyone's address: the choices take effect only when confirmed
        # from the mailbox, and an active subscriber's settings stay as they are until then.
        subscriber.language, subscriber.rhythm = language, rhythm
        subscriber.wants_network_news = wants_network_news
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.PENDING
    subscriber.save()
    Subscription.objects.get_or_create(
        subscriber=subscriber, filters=filters, defaults={"area_label": area_label[:200]}
    )
    emails.send_confirmation(subscriber=subscriber, token=token)
    return subscriber


def subscriber_for_confirmation(token: str) -> Subscriber:
    """The subscriber a confirmation link belongs to, or a ValidationError saying why not."""
    subscriber = Subscriber.objects.filter(confirm_token_hash=tokens.confirm_token_hash(token)).first()
    if not token or subscriber is None:
        raise ValidationError(
            _("Linket er ugyldigt eller allerede brugt. Tilmeld dig igen for at få et nyt."), code="invalid"
        )
    if subscriber.confirm_token_expires_at is None or subscriber.confirm_token_expires_at <= timezone.now():
        raise ValidationError(_("Linket er udløbet. Tilmeld dig igen for at få et nyt."), code="expired")
    return subscriber


@transaction.atomic
def subscriber_confirm(*, token: str) -> Subscriber:
    """Activate the address and every search waiting for it. The link works once."""
    found = subscriber_for_confirmation(token)
    subscriber = Subscriber.objects.select_for_update().get(pk=found.pk)
    if subscriber.confirm_token_hash != found.confirm_token_hash:  # used meanwhile, by a double click
        raise ValidationError(_("Linket er allerede brugt."), code="used")
    now = timezone.now()
    subscriber.status = Subscriber.Status.ACTIVE
    subscriber.confirmed_at = subscriber.confirmed_at or now
    subscriber.confirm_token_hash, subscriber.confirm_token_expires_at = "", None
    subscriber.failure_reason, subscriber.unsubscribed_at = "", None
    subscriber.save()
    subscriber.subscriptions.filter(confirmed_at__isnull=True).update(confirmed_at=now)
    return subscriber


def subscriber_for_link(token: str) -> Subscriber:
    """The subscriber behind a manage or unsubscribe link; a ValidationError if it is wrong."""
    pk = tokens.subscriber_id_of(token)
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk is not None else None
    if subscriber is None or not tokens.manage_token_matches(subscriber, token):
        raise ValidationError(_("Linket er ugyldigt. Brug linket i den seneste e-mail."), code="invalid")
    return subscriber


@transaction.atomic
def subscriber_update(
    *, subscriber: Subscriber, language: str, rhythm: str, wants_network_news: bool
) -> Subscriber:
    subscriber.language, subscriber.rhythm = language, rhythm
    subscriber.wants_network_news = wants_network_news
    subscriber.save(update_fields=["language", "rhythm", "wants_network_news"])
    return subscriber


@transaction.atomic
def subscription_remove(*, subscriber: Subscriber, subscription_id: int) -> bool:
    deleted, _rows = subscriber.subscriptions.filter(pk=subscription_id).delete()
    return bool(deleted)


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop every e-mail at once. Idempotent: a second click changes nothing."""
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.confirm_token_hash, subscriber.confirm_token_expires_at = "", None
        subscriber.save(
            update_fields=["status", "unsubscribed_at", "confirm_token_hash", "confirm_token_expires_at"]
        )
    return subscriber


@transaction.atomic
def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Forget the address and everything about it (searches, digests sent, issues sent)."""
    subscriber.delete()


@transaction.atomic
def subscriber_mark_failing(*, email: str, reason: str) -> int:
    return Subscriber.objects.filter(email=email.strip().lower()).update(
        status=Subscriber.Status.FAILING, failure_reason=reason[:300]
    )


def subscriber_mark_failing_receiver(sender, address: str, reason: str, **kwargs) -> None:
    """network.mail's ``email_rejected`` signal: the server refused this address for good."""
    if subscriber_mark_failing(email=address, reason=reason):
        log.info("Newsletter address %s marked failing: %s", address, reason)
