"""Template filters shared by every app's templates."""

import datetime

from django import template

from portal.citations import cite
from portal.richtext import safe_rich_text

register = template.Library()


@register.filter
def rich_text(value):
    """Render stored rich text; it is sanitised again on the way out."""
    return safe_rich_text(value)


@register.filter
def official_date(value: datetime.date, place: str = "") -> str:
    """The date line of an administrative document (Decree 30/2020/NĐ-CP, Appendix I).

    Days below 10 and the months January and February take a leading zero:
    "Rạch Giá, ngày 05 tháng 02 năm 2026", "ngày 15 tháng 8 năm 2025".
    """
    if not value:
        return ""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    line = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {line}" if place else line


@register.filter
def vnd(value) -> str:
    """An amount in đồng with dots between thousands: 36.000."""
    return f"{int(value or 0):,}".replace(",", ".")


@register.filter
def paragraphs(text: str) -> list[str]:
    """Plain text as its paragraphs: one per line, blank lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def citation(reference: str) -> str:
    """A rule set's legal reference in the page's language (portal/citations.py)."""
    return cite(reference)
