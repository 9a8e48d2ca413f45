"""Public pages served from the cache to visitors who carry no cookie.

A visitor without cookies has no session, no messages, no CSRF token and no login, so a
public page is the same for every such visitor; its language comes from its address (the
English pages live under /en/). Views marked ``@for_visitors`` have their responses kept, and
``PublicPageCacheMiddleware`` (high in the middleware stack, after the HTTPS redirect) answers
the next cookie-less visitor from the cache without running the rest of the stack. A response
that sets a cookie, is not a plain 200 or is marked private is never kept, and anyone with a
cookie — an officer, someone who has just sent a form — gets the page rendered afresh.

Every change to what public pages show (an entry published, reclassified or corrected, an
agency's contacts, a regulation, a report) starts a new generation of the cache once its
transaction commits, so that nothing withdrawn from the public stays visible from the cache;
otherwise pages are kept PORTAL_PUBLIC_CACHE_SECONDS (0 turns the cache off).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION = "public-pages-generation"


def for_visitors(view):
    """Let the middleware keep this view's response for visitors without cookies."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


def _key(request) -> str | None:
    if not settings.PORTAL_PUBLIC_CACHE_SECONDS or request.method != "GET" or request.COOKIES:
        return None
    generation = cache.get_or_set(GENERATION, 1, None)
    address = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"public-page:{generation}:{hashlib.sha256(address).hexdigest()}"


def _keepable(response) -> bool:
    return (
        getattr(response, "public_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request)
        if key is not None and (kept := cache.get(key)) is not None:
            return kept
        response = self.get_response(request)
        if key is not None and _keepable(response):
            cache.set(key, response, settings.PORTAL_PUBLIC_CACHE_SECONDS)
        return response


def start_new_generation() -> None:
    try:
        cache.incr(GENERATION)
    except ValueError:  # no generation yet, or it was evicted
        cache.set(GENERATION, 2, None)


def _changed(**_kwargs) -> None:
    transaction.on_commit(start_new_generation)


def refresh_on_change(*models) -> None:
    """Apps call this in ready() for the models their public pages show."""
    for model in models:
        uid = f"public-cache:{model._meta.label}"
        post_save.connect(_changed, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(_changed, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _changed, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}:m2m"
            )
