"""Readable ASCII slugs from Vietnamese names ("Sở Tư pháp" → "so-tu-phap")."""

from django.utils.text import slugify

from portal.text import fold


def unique_slug(instance, text: str, max_length: int = 110) -> str:
    base = slugify(fold(text))[:max_length].strip("-") or "co-quan"
    manager = type(instance)._default_manager
    candidate, n = base, 2
    while manager.filter(slug=candidate).exclude(pk=instance.pk).exists():
        candidate = f"{base}-{n}"
        n += 1
    return candidate
