"""The read-only JSON API: paginated, filterable, and clear about bad input."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_entries_are_paginated_with_links(client, agency_a):
    for _ in range(3):
        factories.CatalogEntryFactory(agency=agency_a)

    data = client.get(reverse("api:entries"), {"page_size": 2}).json()

    assert data["count"] == 3
    assert data["pages"] == 2
    assert len(data["results"]) == 2
    assert "page=2" in data["next"]
    assert data["previous"] is None


def test_entries_filter_by_agency_and_category(client, agency_a, agency_b):
    wanted = factories.CatalogEntryFactory(agency=agency_a, category="g")
    factories.CatalogEntryFactory(agency=agency_a, category="dd")
    factories.CatalogEntryFactory(agency=agency_b, category="g")

    data = client.get(reverse("api:entries"), {"agency": agency_a.slug, "category": "g"}).json()

    assert [item["id"] for item in data["results"]] == [wanted.pk]
    assert data["results"][0]["category_label"].startswith("g)")


def test_vietnamese_is_not_escaped(client):
    factories.CatalogEntryFactory(title="Dự toán ngân sách")

    body = client.get(reverse("api:entries")).content.decode()

    assert "Dự toán ngân sách" in body


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"category": "zz"}, 400),
        ({"year": "hai nghìn"}, 400),
        ({"page_size": "1000"}, 400),
        ({"page_size": "abc"}, 400),
        ({"page": "abc"}, 400),
        ({"page": "99"}, 404),
    ],
)
def test_bad_input_answers_with_a_reason(client, params, status):
    factories.CatalogEntryFactory()

    response = client.get(reverse("api:entries"), params)

    assert response.status_code == status
    assert "error" in response.json()


def test_agencies_carry_their_compliance(client, agency_a):
    factories.FocalPointFactory(agency=agency_a)

    data = client.get(reverse("api:agencies"), {"q": "so tai chinh"}).json()

    assert data["results"][0]["compliance"] == {
        "has_active_focal_point": True,
        "has_current_regulation": False,
        "has_published_catalog": False,
    }


def test_documentation_page_lists_the_endpoints(client):
    page = client.get(reverse("api:index")).content.decode()

    assert "/api/danh-muc/" in page
    assert "/api/co-quan/" in page
