"""E-mail that is never lost and never sent twice (portal/mail.py)."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portal.celery import app
from portal.mail import queue_mail
from portal.models import OutboxMessage
from portal.tasks import clear_expired_sessions, flush_outbox
from requests_app.models import InformationRequest
from tests.requests_app.test_public_form import REDIS_DOWN, _form


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


@pytest.fixture
def fresh_rate_limits():
    """The submission limit counts in the cache, which on Redis outlives the previous run."""
    cache.clear()


def _wait_for_the_worker(live_worker, name):
    """Send a marker task after everything sent so far and wait until the worker has run it.

    The worker runs one task at a time in the order received (--pool solo, prefetch 1), so
    when the marker session is gone every task sent before it has run.
    """
    marker = Session.objects.create(session_key=name, session_data="x", expire_date=timezone.now())
    clear_expired_sessions.apply_async(queue=live_worker.queue)
    deadline = time.monotonic() + 60
    while Session.objects.filter(pk=marker.pk).exists():
        assert time.monotonic() < deadline, "the worker did not finish within 60s"
        time.sleep(0.2)


@pytest.mark.worker
def test_with_the_broker_down_a_submission_succeeds_and_its_mail_goes_out_once_later(
    live_worker, client, agency_a, migrated_data, fresh_rate_limits, monkeypatch
):
    # Only this process loses Redis, as broker and as cache: nothing listens on port 1, while
    # the shared Redis and the worker keep running. Celery reads CELERY_BROKER_URL from the
    # environment (which .ci/run sets) before its own configuration, so both are pointed there.
    down = "redis://127.0.0.1:1/0"
    broker = app.conf.broker_url
    with monkeypatch.context() as patch, override_settings(CACHES=REDIS_DOWN):
        patch.setenv("CELERY_BROKER_URL", down)
        app.conf.broker_url = down
        _new_connections()
        assert app.connection_for_write().port == 1
        try:
            response = client.post(reverse("requests_app:submit"), _form(agency_a), follow=True)
        finally:
            app.conf.broker_url = broker
    _new_connections()

    request_obj = InformationRequest.objects.get()
    assert response.status_code == 200  # the request is saved and the receipt shown
    assert request_obj.tracking_code in response.content.decode()
    _wait_for_the_worker(live_worker, "marker-before")
    waiting = OutboxMessage.objects.get()
    assert waiting.sent_at is None  # nothing reached the worker while the broker was down
    assert live_worker.sent_mails() == []

    # The broker is back: beat's flush runs (twice, as it would a minute apart).
    flush_outbox.apply_async(queue=live_worker.queue)
    flush_outbox.apply_async(queue=live_worker.queue)
    _wait_for_the_worker(live_worker, "marker-after")  # runs after both flushes

    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    sent = live_worker.sent_mails()
    assert len(sent) == 1
    assert request_obj.tracking_code in sent[0]
