"""Public pages served from the cache to visitors who carry no cookie.

A visitor without cookies has no session, no messages, no CSRF token and no login: the page
is the same for every such visitor in a given language (the cache varies on the headers the
response names, Accept-Language among them). Anyone with a cookie — an officer, someone who
has just sent a form — gets the page rendered afresh. Django's cache middleware also refuses
to store a response that sets a cookie or is marked private.

Every change to what public pages show (an entry published, reclassified or corrected, an
agency's contacts, a regulation, a report) starts a new generation of the cache once its
transaction commits, so that nothing withdrawn from the public stays visible from the cache;
otherwise pages are kept PORTAL_PUBLIC_CACHE_SECONDS (0 turns the cache off).
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.views.decorators.cache import cache_page

GENERATION = "public-pages-generation"


def for_visitors(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PORTAL_PUBLIC_CACHE_SECONDS
        if not seconds or request.COOKIES:
            return view(request, *args, **kwargs)
        prefix = f"public:{cache.get_or_set(GENERATION, 1, None)}"
        return cache_page(seconds, key_prefix=prefix)(view)(request, *args, **kwargs)

    return wrapper


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
