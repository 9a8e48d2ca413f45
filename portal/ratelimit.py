"""A small fixed-window rate limit on the shared cache, for forms anyone can post.

No third-party service: the counter lives in the Django cache (Redis in production), keyed by
the client's address.
"""

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind the project's reverse proxy the first forwarded address is the client.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, bucket: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for this client; False once it exceeds ``limit`` in the window."""
    key = f"ratelimit:{bucket}:{client_address(request)}"
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return True
    return hits <= limit
