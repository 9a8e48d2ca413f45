"""Daily housekeeping of the catalogs."""

from celery import shared_task
from django.utils import timezone

from .services import end_expired_disclosures


@shared_task
def end_expired_entries() -> int:
    """Mark entries whose disclosure period is over as ended; idempotent, catches up."""
    return end_expired_disclosures(timezone.localdate())
