"""Public pages from the cache for visitors without cookies, never anything withdrawn."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogs import services
from catalogs.models import CatalogEntry
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def cached(settings, migrated_data):
    settings.PORTAL_PUBLIC_CACHE_SECONDS = 60
    cache.clear()


def queries_for(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        body = client.get(path).content.decode()
    return len(queries), body


def test_a_visitor_without_cookies_gets_the_page_from_the_cache(client):
    factories.CatalogEntryFactory(title="Kế hoạch sử dụng đất năm 2026")

    first, page = queries_for(client, "/danh-muc/")
    again, cached = queries_for(client, "/danh-muc/")

    assert first > 0 and again == 0
    assert "Kế hoạch sử dụng đất năm 2026" in page and cached == page


def test_a_visitor_with_a_cookie_gets_the_page_afresh(client):
    factories.CatalogEntryFactory()
    client.get("/danh-muc/")
    client.cookies["sessionid"] = "x"

    again, _page = queries_for(client, "/danh-muc/")

    assert again > 0


def test_a_withdrawn_entry_leaves_the_cached_pages_at_once(client):
    entry = factories.CatalogEntryFactory(title="Biên bản họp về giá đất")
    assert "Biên bản họp về giá đất" in client.get("/danh-muc/").content.decode()

    entry.classification = CatalogEntry.Classification.NOT_ACCESSIBLE
    entry.not_accessible_ground = "internal_meeting"
    entry.save()

    assert "Biên bản họp về giá đất" not in client.get("/danh-muc/").content.decode()


def test_a_newly_published_entry_appears_at_once(client):
    agency = factories.AgencyFactory()
    client.get(f"/co-quan/{agency.slug}/danh-muc/")
    draft = factories.CatalogEntryFactory(
        agency=agency, title="Quyết định giá đất mới", status="draft", published_at=None
    )

    services.publish(draft)

    assert (
        "Quyết định giá đất mới" in client.get(f"/co-quan/{agency.slug}/danh-muc/").content.decode()
    )


def test_english_and_vietnamese_pages_are_cached_apart(client):
    vietnamese = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert '<html lang="vi">' in vietnamese and '<html lang="en">' in english


def test_a_page_from_the_cache_keeps_its_security_headers(client):
    fresh = client.get("/co-quan/")
    kept = client.get("/co-quan/")

    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert kept[header] == fresh[header]
    assert kept.content == fresh.content


def test_forms_with_a_csrf_token_are_never_kept(client):
    client.get("/yeu-cau/gui/")
    client.cookies.clear()

    again, page = queries_for(client, "/yeu-cau/gui/")

    assert again > 0 and "csrfmiddlewaretoken" in page
