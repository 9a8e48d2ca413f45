"""The public directory, each agency's access-to-information page, and what citizens see there."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency
from agencies.services import publish_regulation
from tests import factories

pytestmark = pytest.mark.django_db


def _names(response):
    return [agency.name for agency in response.context["page"].object_list]


@pytest.mark.parametrize(
    "typed",
    [
        "so tu phap",
        "SỞ TƯ PHÁP",
        "Sở Tư pháp",
        unicodedata.normalize("NFD", "Sở Tư pháp"),
        "  tu   phap ",
    ],
)
def test_directory_search_ignores_accents_case_and_normalisation(client, typed):
    factories.AgencyFactory(name="Sở Tư pháp tỉnh An Giang")
    factories.AgencyFactory(name="Sở Tài chính tỉnh An Giang")

    response = client.get(reverse("agencies:directory"), {"q": typed})

    assert _names(response) == ["Sở Tư pháp tỉnh An Giang"]


def test_d_with_stroke_is_found_typed_as_plain_d(client):
    factories.AgencyFactory(name="Đặc khu Phú Quốc", kind="commune")

    response = client.get(reverse("agencies:directory"), {"q": "dac khu phu quoc"})

    assert _names(response) == ["Đặc khu Phú Quốc"]


def test_directory_filters_by_kind_and_shows_the_count(client):
    factories.AgencyFactory(name="Sở Y tế", kind="department")
    factories.AgencyFactory(name="Xã Tri Tôn", kind="commune")
    factories.AgencyFactory(name="Xã Ba Chúc", kind="commune")

    response = client.get(reverse("agencies:directory"), {"kind": "commune"})

    assert sorted(_names(response)) == ["Xã Ba Chúc", "Xã Tri Tôn"]
    assert "2 cơ quan" in response.content.decode()


def test_directory_compliance_filter_lists_agencies_without_focal_point(client):
    with_focal = factories.AgencyFactory(name="Sở Y tế")
    factories.FocalPointFactory(agency=with_focal)
    factories.AgencyFactory(name="Sở Ngoại vụ")

    response = client.get(reverse("agencies:directory"), {"compliance": "no_focal_point"})

    assert _names(response) == ["Sở Ngoại vụ"]


def test_directory_nests_units_under_their_agency(client):
    parent = factories.AgencyFactory(name="Sở Nội vụ")
    factories.AgencyFactory(name="Ban Thi đua - Khen thưởng", parent=parent)

    response = client.get(reverse("agencies:directory"))

    assert _names(response) == ["Sở Nội vụ"]
    assert [c.name for c in response.context["page"][0].active_children] == [
        "Ban Thi đua - Khen thưởng"
    ]


def test_directory_badges_show_compliance(client):
    compliant = factories.AgencyFactory(name="Sở Tư pháp")
    factories.FocalPointFactory(agency=compliant)
    publish_regulation(factories.InternalRegulationFactory(agency=compliant))
    factories.AgencyFactory(name="Sở Ngoại vụ")

    page = client.get(reverse("agencies:directory")).content.decode()

    assert page.count('badge-ok">Đã có đầu mối</li>') == 1
    assert page.count('badge-ok">Đã công bố quy chế</li>') == 1
    assert page.count('badge-missing">Chưa có đầu mối</li>') == 1
    assert page.count('badge-missing">Chưa có quy chế</li>') == 1


def test_inactive_agencies_are_not_listed(client):
    successor = factories.AgencyFactory(name="Phường Rạch Giá", kind="commune")
    factories.AgencyFactory(name="UBND thành phố Rạch Giá", is_active=False, successor=successor)

    response = client.get(reverse("agencies:directory"), {"q": "rach gia"})

    assert _names(response) == ["Phường Rạch Giá"]


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "not-a-kind"},
        {"compliance": "<script>"},
        {"q": "x" * 5000},
        {"q": "sở\x00tư"},
        {"page": "99999"},
        {"page": "-1"},
        {"page": "abc"},
    ],
)
def test_bad_directory_input_gives_a_normal_page(client, query):
    factories.AgencyFactory(name="Sở Tư pháp")

    response = client.get(reverse("agencies:directory"), query)

    assert response.status_code == 200


def test_query_string_that_is_not_utf8_gives_a_normal_page(client):
    response = client.get(reverse("agencies:directory") + "?q=%ED%A0%80%FF&kind=%C0")

    assert response.status_code == 200


def test_an_invalid_filter_value_is_explained(client):
    response = client.get(reverse("agencies:directory"), {"kind": "not-a-kind"})

    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_an_invalid_filter_value_is_explained_in_english_on_the_english_page(client):
    response = client.get("/en/co-quan/", {"kind": "not-a-kind"})

    assert "Select a valid choice." in response.content.decode()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("view", ["agencies:directory", "home"])
def test_page_runs_the_same_number_of_queries_for_5_and_for_50_agencies(client, view):
    def make(n):
        for _ in range(n):
            agency = factories.AgencyFactory()
            factories.FocalPointFactory(agency=agency)
            factories.AgencyFactory(parent=agency)

    make(5)
    small = _count_queries(client, reverse(view))
    make(45)
    large = _count_queries(client, reverse(view))

    assert small == large


def test_filtered_directory_query_count_does_not_grow(client):
    for n in range(3):
        factories.AgencyFactory(name=f"Xã Mẫu {n}", kind="commune")
    small = _count_queries(client, reverse("agencies:directory") + "?kind=commune")
    for n in range(30):
        factories.AgencyFactory(name=f"Xã Thêm {n}", kind="commune")
    large = _count_queries(client, reverse("agencies:directory") + "?kind=commune")

    assert small == large


def test_agency_page_has_the_six_contents_of_decree_13_art_11(client):
    agency = factories.AgencyFactory(name="Sở Tư pháp", email="stp@angiang.gov.vn")
    factories.FocalPointFactory(
        agency=agency,
        name="Văn phòng Sở",
        phone="0297 3 862 001",
        reception_hours="Thứ Hai đến thứ Sáu",
    )
    publish_regulation(
        factories.InternalRegulationFactory(agency=agency, title="Quy chế cung cấp thông tin")
    )

    page = client.get(agency.get_absolute_url()).content.decode()

    assert 'id="lists-title"' in page  # 1. the lists
    assert "Văn phòng Sở" in page and "0297 3 862 001" in page  # 2. the focal point
    assert "mailto:stp@angiang.gov.vn" in page  # 3. address for requests and complaints
    assert "Biểu mẫu và hướng dẫn" in page  # 4-5. forms and guidance
    assert "Quy chế cung cấp thông tin" in page  # the internal regulation


def test_agency_page_links_to_where_each_of_the_six_contents_is_served(client):
    agency = factories.AgencyFactory(name="Sở Tư pháp", website="https://stp.angiang.gov.vn")

    page = client.get(agency.get_absolute_url()).content.decode()

    lists = reverse("catalogs:agency_list", args=[agency.slug])
    assert f'href="{lists}"' in page  # 1 and 6: the lists, and the files they link to
    assert f'href="{reverse("requests_app:submit")}?agency={agency.slug}"' in page  # 3 and 4
    assert f'href="{reverse("requests_app:complaint", args=[agency.slug])}"' in page  # 3
    assert f'href="{reverse("home")}#how-title"' in page  # 5: guidance, costs
    assert 'href="https://stp.angiang.gov.vn"' in page  # 6: the agency's own site


def test_agency_without_focal_point_says_so(client):
    agency = factories.AgencyFactory()

    page = client.get(agency.get_absolute_url()).content.decode()

    assert "chưa chỉ định đầu mối" in page


def test_inactive_agency_page_points_to_its_successor(client):
    successor = factories.AgencyFactory(name="Đặc khu Phú Quốc", kind="commune")
    old = factories.AgencyFactory(
        name="UBND thành phố Phú Quốc", is_active=False, successor=successor
    )

    page = client.get(old.get_absolute_url()).content.decode()

    assert "đã chấm dứt hoạt động" in page
    assert successor.get_absolute_url() in page


def test_inactive_focal_point_is_not_shown(client):
    agency = factories.AgencyFactory()
    factories.FocalPointFactory(agency=agency, name="Cán bộ đã nghỉ", is_active=False)

    page = client.get(agency.get_absolute_url()).content.decode()

    assert "Cán bộ đã nghỉ" not in page


def test_unknown_agency_gives_404(client):
    assert client.get(reverse("agencies:detail", args=["khong-ton-tai"])).status_code == 404


def test_slug_is_made_from_the_vietnamese_name():
    agency = Agency.objects.create(name="Sở Đặc biệt Tư pháp", kind="department")
    twin = Agency.objects.create(name="Sở Đặc biệt Tư pháp", kind="department")

    assert agency.slug == "so-dac-biet-tu-phap"
    assert twin.slug == "so-dac-biet-tu-phap-2"


def test_home_page_counts_compliance_across_the_province(client):
    compliant = factories.AgencyFactory()
    factories.FocalPointFactory(agency=compliant)
    publish_regulation(
        factories.InternalRegulationFactory(
            agency=compliant, effective_date=datetime.date(2025, 9, 1)
        )
    )
    factories.AgencyFactory()

    counts = client.get(reverse("home")).context["counts"]

    assert counts["total"] == 2
    assert counts["has_active_focal_point"] == 1
    assert counts["has_current_regulation"] == 1


def test_the_hierarchy_shows_every_level_and_units_of_abolished_bodies(client):
    department = factories.AgencyFactory(name="Sở Nông nghiệp và Môi trường")
    branch = factories.AgencyFactory(name="Chi cục Kiểm lâm", parent=department)
    factories.AgencyFactory(name="Hạt Kiểm lâm Phú Quốc", parent=branch)
    abolished = factories.AgencyFactory(name="UBND huyện Kiên Hải", is_active=False)
    factories.AgencyFactory(name="Phòng Văn hóa huyện cũ", parent=abolished)

    page = client.get(reverse("agencies:directory"))

    top = [a.name for a in page.context["page"].object_list]
    assert "Phòng Văn hóa huyện cũ" in top
    assert "Hạt Kiểm lâm Phú Quốc" in page.content.decode()
    assert "Chi cục Kiểm lâm" not in top
