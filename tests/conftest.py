import gettext
import importlib
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django.utils.translation import trans_real

from portal.celery import app
from tests import factories


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations(django_db_blocker):
    """A bare `pytest` on a fresh clone sees the Vietnamese pages too (make test compiles them)."""
    call_command("compile_translations", verbosity=0)
    # pytest-django's django.setup() has loaded the catalogues already, before any fixture: on a
    # fresh clone there were no .mo files yet, so forget that empty load and read them again.
    trans_real._translations = {}
    trans_real._default = None
    # Python's gettext keeps each .mo it read by path: without this, the first run after a .po
    # change still shows the catalogue compiled before it.
    gettext._translations.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _vietnamese():
    """Each test starts in the default language, whatever the previous request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


DATA_MIGRATIONS = (
    ("agencies.migrations.0002_roles", "create_roles"),
    ("catalogs.migrations.0002_disclosure_methods_and_search_index", "create_forms"),
    ("catalogs.migrations.0003_roles", "grant_permissions"),
    ("requests_app.migrations.0002_law_2016_rule_set", "seed"),
    ("requests_app.migrations.0003_roles", "grant_permissions"),
    ("requests_app.migrations.0006_circular_46_fee_table", "seed"),
    ("requests_app.migrations.0007_fee_permissions", "grant_permissions"),
    ("requests_app.migrations.0010_complaint_permissions", "grant_permissions"),
    ("reports.migrations.0002_roles", "grant_permissions"),
)


@pytest.fixture
def migrated_data(transactional_db):
    """Re-create what the data migrations made (role groups, forms of disclosure, the 2016 rule
    set), which a transactional test's flush removes.

    (Serialized rollback cannot do it here: Playwright's event loop gives the test code another
    database connection object than the one the serialized data hangs on.)
    """
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture
def agency_a(db):
    return factories.AgencyFactory(name="Sở Tài chính")


@pytest.fixture
def agency_b(db):
    return factories.AgencyFactory(name="Đặc khu Phú Quốc", kind="commune")


@pytest.fixture
def officer_a(agency_a):
    return factories.OfficerFactory(agency=agency_a).user


@pytest.fixture
def officer_b(agency_b):
    return factories.OfficerFactory(agency=agency_b).user


@pytest.fixture
def doj_user(db):
    return factories.DojUserFactory()


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def patient_pool():
    """Let many threads wait for one of the pool's connections as long as it takes.

    Concurrency tests run fifty threads on this process's pool (DATABASE_POOL_MAX, 10); on a
    busy machine the last ones wait more than the pool's 10 s and fail with PoolTimeout, which
    is not what they measure (a gunicorn worker never runs fifty threads at once).
    """
    pool = getattr(connection, "pool", None)  # PostgreSQL with DATABASE_POOL only
    if pool is None:
        yield
        return
    timeout, pool.timeout = pool.timeout, 300
    try:
        yield
    finally:
        pool.timeout = timeout


def needs(condition: bool, reason: str) -> None:
    """Skip when a service is missing; in CI (PORTAL_REQUIRE_SERVICES=1) fail instead."""
    if condition:
        return
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def uses_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass(frozen=True)
class LiveWorker:
    queue: str
    mail_dir: Path
    process: subprocess.Popen

    def sent_mails(self) -> list[str]:
        return [p.read_text() for p in sorted(self.mail_dir.glob("*.log"))]


@pytest.fixture
def live_worker(transactional_db, tmp_path):
    """A Celery worker process on its own queue; yields (queue, the directory its mail goes to)."""
    needs(settings.BROKER_IS_REAL, "needs CELERY_BROKER_URL pointing at Redis; .ci/run sets it")
    needs(uses_postgresql(), "the worker process shares the test database only on PostgreSQL")
    queue = f"test-{uuid.uuid4().hex[:12]}"  # never picked up by another worker on this Redis
    name = f"{queue}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url_of_the_test_database(),
        "DATABASE_POOL": "0",
        # What the worker itself queues (outbox deliveries) stays on its own queue, instead of
        # going to the shared default queue where another worker could pick it up.
        "CELERY_QUEUE": queue,
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        # The files it stores (a report's PDF) go where the test's live server reads them.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
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
    default_queue, app.conf.task_default_queue = app.conf.task_default_queue, queue
    try:
        _wait_until_ready(worker, name)
        yield LiveWorker(queue, tmp_path / "mail", worker)
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = default_queue
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
