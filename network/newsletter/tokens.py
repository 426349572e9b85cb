"""The links in the e-mails.

- Confirmation: a random token, stored only as its SHA-256 hash, valid for a few days and
  used once (the hash is cleared when it is used).
- Manage and unsubscribe: ``<id>-<hmac>``, an HMAC (SECRET_KEY) of the subscriber's id and its
  ``link_key``. Nothing secret is stored, the links work as long as the subscription exists,
  and a new ``link_key`` voids every old link.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils.crypto import constant_time_compare, salted_hmac

CONFIRM_VALID = timedelta(days=3)
_SALT = "network.newsletter.manage-link"


def new_confirm_token() -> tuple[str, str]:
    """(token for the link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, confirm_token_hash(token)


def confirm_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def manage_token(subscriber) -> str:
    digest = salted_hmac(_SALT, f"{subscriber.pk}:{subscriber.link_key}", algorithm="sha256").hexdigest()
    return f"{subscriber.pk}-{digest[:40]}"


def subscriber_id_of(token: str) -> int | None:
    """The id a manage token claims (to be checked with ``manage_token_matches``), or None."""
    pk, _, digest = token.partition("-")
    if not pk.isdigit() or len(pk) > 18 or not digest:
        return None
    return int(pk)


def manage_token_matches(subscriber, token: str) -> bool:
    return constant_time_compare(manage_token(subscriber), token)
