"""Bad input in the admin gets a clear message in Vietnamese and saves nothing."""

import pytest
from django.urls import reverse

from agencies.models import Agency
from tests import factories

pytestmark = pytest.mark.django_db


def _agency_form(agency, **changes):
    data = {
        "name": agency.name,
        "short_name": agency.short_name,
        "slug": agency.slug,
        "kind": agency.kind,
        "parent": agency.parent_id or "",
        "administrative_code": agency.administrative_code,
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
        "is_active": "on",
        "area_rate": agency.area_rate,
        "focal_points-TOTAL_FORMS": "0",
        "focal_points-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_a_circular_hierarchy_is_refused(client, doj_user):
    top = factories.AgencyFactory(name="Sở Nông nghiệp và Môi trường")
    unit = factories.AgencyFactory(name="Chi cục Kiểm lâm", parent=top)
    client.force_login(doj_user)

    response = client.post(
        reverse("admin:agencies_agency_change", args=[top.pk]), _agency_form(top, parent=unit.pk)
    )

    assert response.status_code == 200
    assert "vòng lặp" in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None


def test_a_duplicate_administrative_code_is_refused(client, doj_user):
    factories.AgencyFactory(name="Phường Rạch Giá", administrative_code="31151")
    other = factories.AgencyFactory(name="Phường Vĩnh Thông")
    client.force_login(doj_user)

    response = client.post(
        reverse("admin:agencies_agency_change", args=[other.pk]),
        _agency_form(other, administrative_code="31151"),
    )

    assert response.status_code == 200
    assert "đã được dùng cho cơ quan khác" in response.content.decode()
    assert Agency.objects.filter(administrative_code="31151").count() == 1


def test_an_active_focal_point_without_any_contact_is_refused(client, officer_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_focalpoint_add"),
        {"arrangement": "unit", "name": "Văn phòng", "is_active": "on"},
    )

    assert response.status_code == 200
    assert "phải có ít nhất số điện thoại" in response.content.decode()


def test_an_effective_date_before_the_decision_is_refused(client, officer_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế",
            "decision_number": "3/QĐ-STC",
            "decision_date": "15/09/2025",
            "effective_date": "01/09/2025",
        },
    )

    assert response.status_code == 200
    assert "không thể trước ngày ký quyết định" in response.content.decode()


def test_a_malformed_date_is_explained(client, officer_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế",
            "decision_number": "3/QĐ-STC",
            "decision_date": "31/02/2025",
            "effective_date": "ngày mai",
        },
    )

    assert response.status_code == 200
    assert response.content.decode().count("Nhập một ngày hợp lệ") >= 2


def test_a_bad_focal_point_row_keeps_the_whole_agency_form_unsaved(client, officer_a, agency_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_agency_change", args=[agency_a.pk]),
        {
            "address": "Số 9 đường Trần Phú",
            "phone": "0297 3 111 222",
            "email": "stc@angiang.gov.vn",
            "focal_points-TOTAL_FORMS": "2",
            "focal_points-INITIAL_FORMS": "0",
            "focal_points-0-arrangement": "unit",
            "focal_points-0-name": "Văn phòng Sở",
            "focal_points-0-phone": "0297 3 111 223",
            "focal_points-0-is_active": "on",
            "focal_points-1-arrangement": "individual",
            "focal_points-1-name": "Nguyễn Văn Không Liên Lạc",
            "focal_points-1-is_active": "on",
        },
    )

    assert response.status_code == 200
    assert "phải có ít nhất số điện thoại" in response.content.decode()
    agency_a.refresh_from_db()
    assert agency_a.phone != "0297 3 111 222"
    assert not agency_a.focal_points.exists()
