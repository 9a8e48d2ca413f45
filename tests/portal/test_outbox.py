"""E-mail that is never lost and never sent twice (portal/mail.py)."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.celery import app
from portal.mail import queue_mail
from portal.models import OutboxMessage
from portal.tasks import clear_expired_sessions, flush_outbox
from requests_app.models import InformationRequest
from tests.requests_app.test_public_form import _form


@pytest.mark.django_db
def test_a_queued_mail_is_sent_after_commit_and_only_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(key="k1", to=["a@example.com"], subject="Chào", body="Nội dung")
        queue_mail(key="k1", to=["a@example.com"], subject="Chào", body="Nội dung")

    flush_outbox.delay().get()

    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().sent_at is not None


@pytest.mark.django_db
def test_a_mail_that_failed_is_sent_by_the_next_flush(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(key="k2", to=["a@example.com"], subject="Chào", body="Nội dung")
    waiting = OutboxMessage.objects.get()
    assert waiting.sent_at is None and waiting.attempts == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    flush_outbox.delay().get()
    flush_outbox.delay().get()

    assert len(mail.outbox) == 1
    waiting.refresh_from_db()
    assert waiting.sent_at is not None and waiting.attempts == 2


def _new_connections():
    """Make the next publish open a connection to the broker URL now set (test-only)."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.worker
def test_with_the_broker_down_a_submission_succeeds_and_its_mail_goes_out_once_later(
    live_worker, client, agency_a, migrated_data
):
    broker = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there: Redis is "down"
    _new_connections()
    try:
        response = client.post(reverse("requests_app:submit"), _form(agency_a))
    finally:
        app.conf.broker_url = broker
        _new_connections()

    assert response.status_code == 302  # the request is saved and the receipt shown
    request_obj = InformationRequest.objects.get()
    waiting = OutboxMessage.objects.get()
    assert waiting.sent_at is None

    # The broker is back: beat's flush runs (twice, as it would a minute apart).
    flush_outbox.apply_async(queue=live_worker.queue)
    flush_outbox.apply_async(queue=live_worker.queue)
    marker = Session.objects.create(
        session_key="marker", session_data="x", expire_date=timezone.now()
    )
    clear_expired_sessions.apply_async(queue=live_worker.queue)  # runs after both flushes
    deadline = time.monotonic() + 60
    while Session.objects.filter(pk=marker.pk).exists():
        assert time.monotonic() < deadline, "the worker did not finish within 60s"
        time.sleep(0.2)

    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    sent = live_worker.sent_mails()
    assert len(sent) == 1
    assert request_obj.tracking_code in sent[0]
