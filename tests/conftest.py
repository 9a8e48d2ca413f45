import importlib
import os

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _vietnamese():
    """Each test starts in the default language, whatever the previous request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def role_groups(transactional_db):
    """Re-create the groups of the data migrations, which a transactional test's flush removes.

    (Serialized rollback cannot do it here: Playwright's event loop gives the test code another
    database connection object than the one the serialized data hangs on.)
    """
    importlib.import_module("agencies.migrations.0002_roles").create_roles(django_apps, None)
    importlib.import_module("catalogs.migrations.0003_roles").grant_permissions(django_apps, None)


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


def needs(condition: bool, reason: str) -> None:
    """Skip when a service is missing; in CI (PORTAL_REQUIRE_SERVICES=1) fail instead."""
    if condition:
        return
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def uses_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
