"""Celery: JSON, ids not instances, and a real worker executing a task sent through Redis."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.celery import app
from portal.tasks import clear_expired_sessions


def _expired_and_live_sessions():
    past = timezone.now() - datetime.timedelta(days=1)
    future = timezone.now() + datetime.timedelta(days=1)
    Session.objects.create(session_key="het-han", session_data="x", expire_date=past)
    Session.objects.create(session_key="con-han", session_data="x", expire_date=future)


def test_celery_is_configured_for_json_only():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit
    assert "clear-expired-sessions" in app.conf.beat_schedule


def test_beat_flushes_the_outbox_every_minute_and_anonymises_every_night():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule

    assert schedule["flush-outbox"]["task"] == "portal.tasks.flush_outbox"
    assert schedule["flush-outbox"]["schedule"] <= 60
    nightly = schedule["anonymise-old-requests"]
    assert nightly["task"] == "requests_app.tasks.anonymise_old_requests"
    assert nightly["schedule"].hour == {3} and nightly["schedule"].day_of_month == set(range(1, 32))
    assert all(entry["task"] in app.tasks for entry in schedule.values())  # no misspelt task


@pytest.mark.django_db
def test_task_runs_in_process_in_the_embedded_mode():
    _expired_and_live_sessions()

    removed = clear_expired_sessions.delay().get(timeout=5)

    assert removed == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["con-han"]


@pytest.mark.worker
def test_task_sent_through_redis_is_executed_by_a_real_worker(live_worker):
    _expired_and_live_sessions()

    clear_expired_sessions.apply_async(queue=live_worker.queue)

    deadline = time.monotonic() + 30
    while Session.objects.filter(session_key="het-han").exists():
        assert time.monotonic() < deadline, "the worker did not run the task within 30s"
        time.sleep(0.2)
    assert Session.objects.filter(session_key="con-han").exists()
