"""Vietnamese first, English second: URLs, the language switch, complete catalogues, formats."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
pytestmark = pytest.mark.django_db


def test_home_is_vietnamese_without_prefix_and_english_under_en(client):
    vi = client.get("/")
    en = client.get("/en/")

    assert vi.status_code == en.status_code == 200
    assert '<html lang="vi">' in vi.content.decode()
    assert "Tiếp cận thông tin tỉnh An Giang" in vi.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert "Access to information in An Giang province" in en.content.decode()


def test_unprefixed_pages_stay_vietnamese_for_an_english_browser(client):
    response = client.get("/co-quan/", headers={"accept-language": "en-US,en;q=0.9"})

    assert '<html lang="vi">' in response.content.decode()


def test_every_page_links_to_itself_in_the_other_language(client, agency_a):
    path = f"/co-quan/{agency_a.slug}/"
    vi = client.get(path + "?x=1").content.decode()
    en = client.get("/en" + path).content.decode()

    assert f'href="/en{path}?x=1" hreflang="en"' in vi
    assert f'href="{path}" hreflang="vi"' in en


def test_vietnamese_catalogue_is_complete():
    catalogue = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 200


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Extract the strings afresh and compare with the committed catalogue."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed; .ci/run installs it")
    copy = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "tests", "*.pyc", "node_modules"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "vi", "--no-obsolete"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))

    missing = sorted(entry.msgid for entry in fresh if not entry.translated())
    assert missing == []


def test_vietnamese_dates_are_read_day_first():
    with translation.override("vi"):
        assert forms.DateField().clean("02/09/2025").isoformat() == "2025-09-02"
        assert forms.DateField().clean("02-09-2025").isoformat() == "2025-09-02"


def test_admin_speaks_vietnamese(client, officer_a):
    client.force_login(officer_a)

    page = client.get(reverse("admin:index")).content.decode()

    assert "Tiếp cận thông tin — trang quản trị" in page
    assert "Cơ quan và đầu mối" in page
