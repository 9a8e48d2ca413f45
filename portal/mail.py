"""E-mail that is never lost: queue in the database, send from Celery after commit.

``queue_mail`` writes an ``OutboxMessage`` inside the caller's transaction and asks Celery to
send it once the transaction commits. If the broker is unreachable at that moment the request
that queued it still succeeds; ``flush_outbox`` (Celery beat, every minute) sends what is left.
Sending locks the row and checks ``sent_at`` first, so a message is never sent twice.
"""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def queue_mail(*, key: str, to: list[str], subject: str, body: str) -> OutboxMessage | None:
    recipients = [address for address in to if address]
    if not recipients:
        return None
    message, created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"to": recipients, "subject": subject[:255], "body": body}
    )
    if created:
        transaction.on_commit(lambda: _dispatch(message.pk))
    return message


def _dispatch(message_id: int) -> None:
    from portal.tasks import deliver_outbox_message

    try:
        deliver_outbox_message.delay(message_id)
    except Exception:  # the broker is down: the periodic flush will send it
        logger.warning("Broker unavailable; outbox message %s waits for the flush", message_id)


def deliver(message_id: int) -> bool:
    """Send one queued message unless it has been sent; True if sent now."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False  # already sent, or being sent by another worker right now
        message.attempts += 1
        try:
            send_mail(message.subject, message.body, None, message.to)
        except Exception as error:  # the mail server's problem: keep it for the next flush
            message.last_error = str(error)[:2000]
            message.save(update_fields=["attempts", "last_error"])
            logger.warning("Sending outbox message %s failed: %s", message_id, error)
            return False
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def pending_ids(limit: int = 500) -> list[int]:
    return list(
        OutboxMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
