"""Use cases of the catalogs app: publishing, correcting and ending entries."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import PUBLIC_STATUSES, Classification, EntryStatus
from .models import CatalogCorrection, CatalogEntry


class CatalogError(Exception):
    """An operation on an entry is not allowed; the message says why, for the officer."""


# What a citizen reads on an entry's page: changing any of it after publication is a
# correction the page must show (Law Art 22).
PUBLIC_FIELDS = (
    "title",
    "number_symbol",
    "created_on",
    "creating_unit",
    "category",
    "summary",
    "disclosed_on",
    "disclosure_period",
    "disclosure_ends_on",
    "place",
    "access_url",
    "consent_ground",
    "consent_holder",
    "consent_how",
)


def publish(entry: CatalogEntry) -> CatalogEntry:
    if entry.status != EntryStatus.DRAFT:
        raise CatalogError(_("Only a draft entry can be published."))
    if entry.classification == Classification.NOT_ACCESSIBLE:
        raise CatalogError(_("An entry classified as not accessible cannot be published."))
    entry.status = EntryStatus.PUBLISHED
    entry.published_at = timezone.now()
    if entry.disclosed_on is None:
        entry.disclosed_on = timezone.localdate()
    entry.save(update_fields=["status", "published_at", "disclosed_on", "updated_at"])
    return entry


def is_published(entry: CatalogEntry) -> bool:
    return entry.status in PUBLIC_STATUSES


def record_correction(entry: CatalogEntry, before: dict, *, reason: str, actor=None):
    """Record what changed on a published entry and why; mark it corrected.

    ``before`` maps field names to their values before the edit; only the public fields that
    really changed are kept, as {"field", "before", "after"} with values stored as text (dates
    in ISO form, choices as codes) so the page can show them in the reader's language.
    """
    changes = [
        {"field": name, "before": _stored(old), "after": _stored(getattr(entry, name))}
        for name, old in before.items()
        if name in PUBLIC_FIELDS and old != getattr(entry, name)
    ]
    if not changes:
        return None
    if not reason.strip():
        raise CatalogError(_("Say what was wrong: a published entry keeps a correction history."))
    with transaction.atomic():
        correction = CatalogCorrection.objects.create(
            entry=entry, reason=reason.strip(), changes=changes, actor=actor
        )
        CatalogEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.CORRECTED)
    entry.status = EntryStatus.CORRECTED
    return correction


def _stored(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def end_expired_disclosures(today: datetime.date) -> int:
    """Mark as ended the entries whose disclosure period is over. Safe to rerun."""
    return CatalogEntry.objects.filter(
        status__in=(EntryStatus.PUBLISHED, EntryStatus.CORRECTED),
        disclosure_ends_on__lt=today,
    ).update(status=EntryStatus.EXPIRED, updated_at=timezone.now())
