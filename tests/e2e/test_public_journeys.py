"""A citizen's journey in a real browser: accessible, usable on a phone, without JavaScript."""

import pytest

pytestmark = pytest.mark.browser


def _public_paths(agency):
    return [
        "/",
        "/en/",
        "/co-quan/",
        "/co-quan/?q=tu+phap&kind=department",
        f"/co-quan/{agency.slug}/",
        f"/co-quan/{agency.slug}/quy-che/",
        "/danh-muc/",
        "/danh-muc/?q=ngan+sach&catalog=public",
        f"/co-quan/{agency.slug}/danh-muc/",
        f"/danh-muc/{agency.catalog_entries.first().pk}/",
        f"/danh-muc/{agency.catalog_entries.last().pk}/",
        "/api/",
        "/khong-co-trang-nay/",
    ]


def test_public_pages_fit_a_360px_phone_without_javascript(live_server, phone, province):
    too_wide = {}
    for path in _public_paths(province):
        phone.goto(live_server.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[path] = width

    assert too_wide == {}


def test_language_switch_keeps_the_citizen_on_the_same_page(live_server, page, province):
    page.goto(live_server.url + f"/co-quan/{province.slug}/")

    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()

    assert page.url == live_server.url + f"/en/co-quan/{province.slug}/"
    assert page.get_by_role("heading", name="Focal point for information requests").is_visible()


def test_public_pages_break_no_content_security_policy_rule(live_server, page, province):
    for path in _public_paths(province):
        page.goto(live_server.url + path)

    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_citizen_sends_a_request_from_a_phone_without_javascript_and_tracks_it(
    live_server, phone, province
):
    phone.goto(live_server.url + f"/yeu-cau/gui/?agency={province.slug}")
    for field, value in (
        ("full_name", "Nguyễn Thị Hoa"),
        ("id_number", "091188004321"),
        ("address", "Ấp Bình An, xã Tri Tôn"),
        ("email", "hoa@example.com"),
        ("information", "Dự toán ngân sách năm 2026"),
        ("purpose", "Tìm hiểu chi tiêu công"),
    ):
        phone.locator(f"#id_{field}").fill(value)
    phone.get_by_label("Gửi qua thư điện tử").check()

    phone.get_by_role("button", name="Kiểm tra thông tin đã công khai").click()
    assert phone.get_by_role(
        "link", name="Báo cáo công khai dự toán ngân sách năm 2026"
    ).is_visible()
    phone.get_by_role("button", name="Gửi yêu cầu").click()

    code = phone.locator(".receipt .code").inner_text()
    phone.goto(live_server.url + "/yeu-cau/tra-cuu/")
    phone.get_by_label("Mã tra cứu").fill(code)
    phone.get_by_label("Địa chỉ thư điện tử, hoặc 4 số cuối của giấy tờ tùy thân").fill("4321")
    phone.get_by_role("button", name="Xem yêu cầu").click()
    assert phone.get_by_role("heading", level=1).inner_text() == f"Yêu cầu {code}"
    assert phone.get_by_text("Đã tiếp nhận").first.is_visible()


def test_with_javascript_the_form_suggests_published_entries_while_typing(
    live_server, page, province
):
    page.goto(live_server.url + "/yeu-cau/gui/")

    page.locator("#id_information").type("du toan ngan sach", delay=20)

    suggestion = page.locator("#suggestions").get_by_role(
        "link", name="Báo cáo công khai dự toán ngân sách năm 2026"
    )
    suggestion.wait_for(timeout=5000)
    assert suggestion.is_visible()
