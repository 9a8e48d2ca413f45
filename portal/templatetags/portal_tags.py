"""Template filters shared by every app's templates."""

from django import template

from portal.richtext import safe_rich_text

register = template.Library()


@register.filter
def rich_text(value):
    """Render stored rich text; it is sanitised again on the way out."""
    return safe_rich_text(value)
