"""Housekeeping tasks shared by the whole site. Tasks take ids, never model instances."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal import mail


@shared_task
def deliver_outbox_message(message_id: int) -> bool:
    """Send one queued e-mail; does nothing if it was already sent."""
    return mail.deliver(message_id)


@shared_task
def flush_outbox() -> int:
    """Send every e-mail still waiting (the broker was down, or the mail server failed)."""
    return sum(mail.deliver(message_id) for message_id in mail.pending_ids())


@shared_task
def clear_expired_sessions() -> int:
    """Delete sessions past their expiry date; returns how many were removed. Safe to rerun."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
