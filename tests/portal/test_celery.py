"""Celery: JSON, ids not instances, and a real worker executing a task sent through Redis."""

import datetime
import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from portal.celery import app
from portal.tasks import clear_expired_sessions
from tests.conftest import needs, uses_postgresql


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


@pytest.mark.django_db
def test_task_runs_in_process_in_the_embedded_mode():
    _expired_and_live_sessions()

    removed = clear_expired_sessions.delay().get(timeout=5)

    assert removed == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["con-han"]


def _database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def live_worker(transactional_db):
    needs(settings.BROKER_IS_REAL, "needs CELERY_BROKER_URL pointing at Redis; .ci/run sets it")
    needs(uses_postgresql(), "the worker process shares the test database only on PostgreSQL")
    queue = f"test-{uuid.uuid4().hex[:12]}"  # never picked up by another worker on this Redis
    name = f"{queue}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": _database_url_of_the_test_database(),
        "DATABASE_POOL": "0",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool",
            "solo",
            "--queues",
            queue,
            "--hostname",
            name,
            "--loglevel",
            "INFO",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    app.conf.task_always_eager = False
    try:
        _wait_until_ready(worker, name)
        yield queue
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        worker.wait(timeout=30)


def _wait_until_ready(worker, name, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"the worker exited early:\n{worker.stdout.read()}")
        if app.control.ping(destination=[name], timeout=1):
            return
    worker.terminate()
    pytest.fail(f"the worker did not answer within {timeout}s:\n{worker.stdout.read()}")


@pytest.mark.worker
def test_task_sent_through_redis_is_executed_by_a_real_worker(live_worker):
    _expired_and_live_sessions()

    clear_expired_sessions.apply_async(queue=live_worker)

    deadline = time.monotonic() + 30
    while Session.objects.filter(session_key="het-han").exists():
        assert time.monotonic() < deadline, "the worker did not run the task within 30s"
        time.sleep(0.2)
    assert Session.objects.filter(session_key="con-han").exists()
