"""List pages and the API run a fixed number of queries, whatever their length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogs.models import DisclosureMethod
from tests import factories

pytestmark = pytest.mark.django_db


def _add_entries(agency, n):
    methods = list(DisclosureMethod.objects.all()[:2])
    for _ in range(n):
        entry = factories.CatalogEntryFactory(agency=agency)
        entry.disclosure_forms.set(methods)
        factories.CatalogFileFactory(entry=entry)


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


URLS = [
    ("catalogs:list", {}),
    ("catalogs:list", {"q": "ngan sach", "page_size": "100"}),
    ("api:entries", {"page_size": "100"}),
    ("api:agencies", {"page_size": "100"}),
    ("catalogs:feed", {}),
]


@pytest.mark.parametrize(("name", "params"), URLS)
def test_same_number_of_queries_for_5_and_for_100_entries(client, agency_a, name, params):
    _add_entries(agency_a, 5)
    small = _queries(client, reverse(name), params)
    _add_entries(agency_a, 95)
    large = _queries(client, reverse(name), params)

    assert small == large


def test_agency_catalog_page_query_count_does_not_grow(client, agency_a):
    url = reverse("catalogs:agency_list", args=[agency_a.slug])
    _add_entries(agency_a, 5)
    small = _queries(client, url)
    _add_entries(agency_a, 95)

    assert _queries(client, url) == small


def test_exports_query_count_does_not_grow_with_rows(client, agency_a):
    _add_entries(agency_a, 5)
    small = _queries(client, reverse("catalogs:export_csv"))
    _add_entries(agency_a, 95)

    assert _queries(client, reverse("catalogs:export_csv")) == small


def test_agencies_api_query_count_does_not_grow_with_agencies(client):
    def add_agencies(n):
        for _ in range(n):
            agency = factories.AgencyFactory()
            factories.FocalPointFactory(agency=agency)
            factories.CatalogEntryFactory(agency=factories.AgencyFactory(parent=agency))

    add_agencies(5)
    small = _queries(client, reverse("api:agencies"), {"page_size": "100"})
    add_agencies(45)

    assert _queries(client, reverse("api:agencies"), {"page_size": "100"}) == small
