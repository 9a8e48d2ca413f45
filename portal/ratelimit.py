"""A small fixed-window rate limit on the shared cache, for forms anyone can post.

No third-party service: the counter lives in the Django cache (Redis in production), keyed by
the client's address.
"""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request) -> str | None:
    """The client's IP address, or None when the request carries none (django-axes uses this)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind the project's reverse proxy: the right-most address is the one the proxy saw;
        # anything to its left was sent by the client and could be anything.
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or None


def allow(
    request, bucket: str, *, limit: int, window_seconds: int, fail_open: bool = False
) -> bool:
    """Count one hit for this client; False once it exceeds ``limit`` in the window.

    If the cache cannot be reached (Redis is down), the answer is ``fail_open``: True for the
    forms whose content must never be lost (a citizen's request, a complaint), False for
    lookups that the limit protects from guessing.
    """
    name = f"{bucket}:{client_address(request) or 'unknown'}"
    try:
        return allow_key(name, limit=limit, window_seconds=window_seconds)
    except Exception:  # the cache server is down
        logger.warning(
            "Cache unavailable: the %s limit lets %s", bucket, "all" if fail_open else "none"
        )
        return fail_open


def allow_key(name: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for ``name`` (a client, a tracking code…); False once over ``limit``."""
    return record_hit(name, window_seconds=window_seconds) <= limit


def record_hit(name: str, *, window_seconds: int) -> int:
    """Count one hit for ``name`` in its window and return the count so far."""
    key = f"ratelimit:{name}"
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1


def hits(name: str) -> int:
    return cache.get(f"ratelimit:{name}", 0)
