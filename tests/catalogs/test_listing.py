"""Citizens narrow the catalog pages with filters, sort them, page through them, see the count."""

import datetime
import re

import pytest
from django.urls import reverse

from catalogs.models import CatalogEntry, DisclosureMethod
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date

LAND = "Quy hoạch sử dụng đất năm 2024"
BUDGET = "Dự toán ngân sách năm 2025"
TENDER = "Hồ sơ dự thầu gói thầu số 3"


@pytest.fixture
def entries(agency_a, agency_b):
    land = factories.CatalogEntryFactory(
        agency=agency_a, title=LAND, category="g", created_on=D(2024, 5, 2)
    )
    land.disclosure_forms.set(DisclosureMethod.objects.filter(code="gazette"))
    budget = factories.CatalogEntryFactory(
        agency=agency_a,
        title=BUDGET,
        category="dd",
        created_on=D(2025, 3, 3),
        status=CatalogEntry.Status.EXPIRED,
    )
    budget.disclosure_forms.set(DisclosureMethod.objects.filter(code="portal"))
    factories.CatalogEntryFactory(
        agency=agency_b, title=TENDER, catalog="conditional", category="k", created_on=D(2025, 6, 2)
    )


def _page(client, params=None, url=None) -> str:
    response = client.get(url or reverse("catalogs:list"), params or {})
    assert response.status_code == 200
    return response.content.decode()


def _titles(page: str) -> list[str]:
    return re.findall(r'class="entry-title" href="[^"]*">([^<]*)</a>', page)


def _count(page: str) -> str:
    return re.search(r'<p class="result-count"[^>]*>([^<]*)</p>', page).group(1)


# (query string, titles shown, newest first)
FILTERS = [
    ({"catalog": "conditional"}, [TENDER]),
    ({"category": "g"}, [LAND]),
    ({"form": "gazette"}, [LAND]),
    ({"year": "2024"}, [LAND]),
    ({"status": "expired"}, [BUDGET]),
    ({"year": "2025", "catalog": "public"}, [BUDGET]),
]


@pytest.mark.parametrize(("params", "titles"), FILTERS)
def test_a_citizen_narrows_the_list_with_a_filter(client, entries, params, titles):
    page = _page(client, params)

    assert _titles(page) == titles
    assert _count(page) == f"{len(titles)} mục"


def test_a_citizen_narrows_the_list_to_one_agency(client, entries, agency_b):
    page = _page(client, {"agency": agency_b.slug})

    assert _titles(page) == [TENDER]


@pytest.mark.parametrize(
    ("sort", "titles"),
    [
        ("", [TENDER, BUDGET, LAND]),
        ("newest", [TENDER, BUDGET, LAND]),
        ("oldest", [LAND, BUDGET, TENDER]),
        ("title", [BUDGET, TENDER, LAND]),
    ],
)
def test_a_citizen_sorts_the_list(client, entries, sort, titles):
    assert _titles(_page(client, {"sort": sort})) == titles


def test_the_agency_page_lists_only_that_agencys_entries(client, entries, agency_a):
    page = _page(client, url=reverse("catalogs:agency_list", args=[agency_a.slug]))

    assert _titles(page) == [BUDGET, LAND]
    assert _count(page) == "2 mục"


def test_long_lists_are_paginated_and_keep_the_filters(client, agency_a):
    for n in range(23):
        factories.CatalogEntryFactory(agency=agency_a, category="g", title=f"Văn bản số {n:02d}")
    factories.CatalogEntryFactory(agency=agency_a, category="a")

    first = _page(client, {"category": "g"})
    second = _page(client, {"category": "g", "page": "2"})

    assert len(_titles(first)) == 20
    assert len(_titles(second)) == 3
    assert set(_titles(first)).isdisjoint(_titles(second))
    assert _count(first) == _count(second) == "23 mục"
    assert "Trang 2/2" in second
    assert 'href="?category=g&amp;page=2"' in first


def test_when_nothing_matches_the_citizen_is_offered_to_request_it_from_that_agency(
    client, entries, agency_a
):
    everywhere = _page(client, {"q": "giay phep xay dung"})
    at_agency = _page(
        client,
        {"q": "giay phep xay dung"},
        url=reverse("catalogs:agency_list", args=[agency_a.slug]),
    )

    assert "Không có mục phù hợp" in everywhere
    assert f'href="{reverse("requests_app:submit")}">Yêu cầu cung cấp thông tin</a>' in everywhere
    assert f'href="{reverse("requests_app:submit")}?agency={agency_a.slug}"' in at_agency
    assert "quyền yêu cầu" not in _page(client, {"q": "quy hoach"})  # only when nothing found
