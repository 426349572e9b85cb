"""Who is asking (behind the proxy too) and how often: login lockout and password-reset limits.

The client address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT proxies stand in front of the
site; then it is the address the outermost trusted proxy saw, read from X-Forwarded-For
counted from the right, so a client cannot pick it by sending the header itself. Without
this, every login behind the proxy came from one address and five failures locked out everyone.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
HOUR = 60 * 60


def client_ip(request) -> str | None:
    """The client's address (django-axes calls this too: AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote  # not through our proxies (a health check on the host, say)
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _counted(key: str, limit: int) -> bool:
    """One more request under `key` this hour; False once past `limit`.

    The counter lives in the cache, shared by all workers when CACHE_URL names Redis. With the
    cache down the increment fails and the request is let through (logged): a reset mail is
    better than a site that refuses everyone.
    """
    cache.add(key, 0, timeout=HOUR)
    try:
        count = cache.incr(key)
    except ValueError:  # the key vanished (evicted, or no cache): start again
        cache.set(key, 1, timeout=HOUR)
        count = 1
    if count is None:
        logger.warning("Password-reset limit not counted: the cache does not answer.")
        return True
    return count <= limit


def password_reset_allowed(*, email: str, ip: str | None) -> bool:
    """At most PASSWORD_RESET_PER_ADDRESS mails an hour to one address, PASSWORD_RESET_PER_IP
    requests an hour from one client, whether or not the address has an account."""
    address_key = "password-reset:address:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_address = _counted(address_key, settings.PASSWORD_RESET_PER_ADDRESS)
    by_ip = _counted(f"password-reset:ip:{ip}", settings.PASSWORD_RESET_PER_IP)
    if not (by_address and by_ip):
        logger.warning(
            "Password reset refused: too many requests (%s).", "address" if not by_address else "ip"
        )
    return by_address and by_ip
