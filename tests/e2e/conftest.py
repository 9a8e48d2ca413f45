"""Browser tests: Playwright drives Debian's Chromium (its own browser download is unreachable)."""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from agencies.services import publish_regulation
from reports import services as reports
from tests import factories
from tests.conftest import needs, uses_postgresql
from tests.history import play

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling out on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}; .ci/run installs it")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM must allow it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A small phone on a slow link, with JavaScript switched off."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="vi-VN"
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def province(transactional_db, migrated_data):
    """A few agencies with everything a public page shows."""
    parent = factories.AgencyFactory(
        name="Sở Tư pháp tỉnh An Giang", website="https://stp.angiang.gov.vn"
    )
    factories.AgencyFactory(name="Phòng Phổ biến pháp luật", parent=parent)
    factories.FocalPointFactory(agency=parent, name="Văn phòng Sở", reception_hours="7h00–17h00")
    publish_regulation(
        factories.InternalRegulationFactory(
            agency=parent,
            title="Quy chế cung cấp thông tin của Sở Tư pháp",
            decision_date=datetime.date(2025, 8, 1),
            effective_date=datetime.date(2025, 8, 15),
            body="<h2>Chương I</h2><p><strong>Điều 1.</strong> Phạm vi</p>",
        )
    )
    factories.AgencyFactory(name="Đặc khu Phú Quốc", kind="commune")
    entry = factories.CatalogEntryFactory(
        agency=parent, title="Báo cáo công khai dự toán ngân sách năm 2026"
    )
    factories.CatalogFileFactory(entry=entry)
    factories.CatalogEntryFactory(
        agency=parent, title="Hồ sơ dự thầu gói thầu số 3", catalog="conditional"
    )
    return parent


@pytest.fixture
def published_report(province, focal_officer, doj_user):
    """The province's report of 2025, compiled from a few requests and published."""
    simple = {"complexity": "simple"}
    for received in (datetime.date(2025, 3, 3), datetime.date(2025, 9, 8)):
        play(
            province,
            focal_officer,
            received=received,
            steps=[("accept", received, simple), ("provide_full", received, {})],
        )
    play(province, focal_officer, received=datetime.date(2025, 12, 22))
    report = reports.request_compilation(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), actor=doj_user
    )
    report.refresh_from_db()
    report = reports.save_narrative(
        report,
        situation="Các cơ quan đã công khai danh mục thông tin.",
        difficulties="Một số xã chưa có cán bộ đầu mối.",
        recommendations="Bố trí cán bộ đầu mối ở mọi xã.",
        actor=doj_user,
    )
    reports.mark_reviewed(report, actor=doj_user)
    return reports.publish(report, actor=doj_user)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The per-address limits on sending and tracking count in the cache, which on Redis
    outlives the previous run: every browser test comes from 127.0.0.1."""
    cache.clear()


@pytest.fixture
def focal_officer(province):
    return factories.OfficerFactory(agency=province).user


@pytest.fixture
def mailbox(request):
    """The mails the portal has sent, as a function returning their text.

    With PostgreSQL and Redis a real Celery worker process sends them from the outbox (the
    production path); on SQLite the tasks run in the live server's thread into Django's test
    outbox. CI (PORTAL_REQUIRE_SERVICES=1) always takes the worker, so it cannot slip back.
    """
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1" or (
        settings.BROKER_IS_REAL and uses_postgresql()
    ):
        return request.getfixturevalue("live_worker").sent_mails
    return lambda: [f"{m.subject}\n{m.body}" for m in mail.outbox]
