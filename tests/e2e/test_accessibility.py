"""Accessibility in a real browser (GitHub issue 9): axe-core finds no WCAG 2.1 AA violation on
any page a citizen or a reader of the reports opens; the request form can be completed with the
keyboard alone; its errors are announced and lead to their fields.

axe-core is the npm package's build, shipped inside axe-playwright-python and injected into
each page by the test. The results per page are written to var/e2e/axe.json for the record.
"""

import json

import pytest
from django.utils.text import slugify

from tests import factories
from tests.e2e.citizen import ARTIFACTS, HOA, VI, axe_problems, read_receipt, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def tracked_request(province):
    return factories.make_request(province, email=HOA["email"], id_number=HOA["id_number"])


def _pages(agency, report):
    entry = agency.catalog_entries.get(catalog="public")
    return {
        "home": "/",
        "home (English)": "/en/",
        "agency directory": "/co-quan/",
        "agency directory, searched": "/co-quan/?q=tu+phap&kind=department",
        "agency page": f"/co-quan/{agency.slug}/",
        "internal regulation": f"/co-quan/{agency.slug}/quy-che/",
        "catalog list": "/danh-muc/",
        "catalog list, searched": "/danh-muc/?q=ngan+sach&catalog=public",
        "agency's catalog": f"/co-quan/{agency.slug}/danh-muc/",
        "catalog entry": entry.get_absolute_url(),
        "conditional entry": agency.catalog_entries.get(catalog="conditional").get_absolute_url(),
        "request form": "/yeu-cau/gui/",
        "tracking lookup": "/yeu-cau/tra-cuu/",
        "complaint form": f"/yeu-cau/phan-anh/{agency.slug}/",
        "reports": "/bao-cao/",
        "published report": report.get_absolute_url(),
        "page not found": "/khong-co-trang-nay/",
    }


def _record(results):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))


def _send_the_empty_form(page, base_url):
    page.goto(base_url + "/yeu-cau/gui/")
    page.get_by_role("button", name=VI.send, exact=True).click()


def _track(page, base_url, request_obj):
    page.goto(base_url + "/yeu-cau/tra-cuu/")
    page.locator("#id_code").fill(request_obj.tracking_code)
    page.get_by_label(VI.secret, exact=False).fill(HOA["email"])
    page.get_by_role("button", name=VI.show, exact=True).click()


def test_no_page_has_a_wcag_aa_violation(
    live_server, page, province, published_report, tracked_request
):
    results = {}
    for name, path in _pages(province, published_report).items():
        page.goto(live_server.url + path)
        results[name] = axe_problems(page)
        screenshot(page, slugify(name))
    _send_the_empty_form(page, live_server.url)
    results["request form with its errors shown"] = axe_problems(page)
    screenshot(page, "request-form-errors")
    _track(page, live_server.url, tracked_request)
    assert page.get_by_role("heading", level=1).inner_text() == (
        VI.request_heading.format(code=tracked_request.tracking_code)
    )
    results["tracking page of a request"] = axe_problems(page)
    _record({name: problems or "no violations" for name, problems in results.items()})

    assert {name: problems for name, problems in results.items() if problems} == {}


def test_the_request_form_can_be_completed_with_the_keyboard_alone(live_server, page, province):
    page.goto(live_server.url + f"/yeu-cau/gui/?agency={province.slug}")
    to_type = {f"id_{name}": value for name, value in HOA.items()}
    to_type["id_information"] = "Dự toán ngân sách năm 2026"

    for _press in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "({id: document.activeElement.id, name: document.activeElement.name,"
            " text: document.activeElement.textContent.trim()})"
        )
        if focused["id"] in to_type:
            page.keyboard.type(to_type.pop(focused["id"]))
        elif focused["name"] == "delivery_form":
            _choose_by_arrows(page, "email")
        elif focused["text"] == VI.send:
            page.keyboard.press("Enter")
            break

    assert to_type == {}
    assert read_receipt(page, VI)


def _choose_by_arrows(page, value):
    """In a group of radios the arrow keys move the choice, as a keyboard user does."""
    for _press in range(10):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")


def test_form_errors_are_announced_and_each_leads_to_its_field(live_server, page, province):
    _send_the_empty_form(page, live_server.url)

    summary = page.get_by_role("alert")
    assert "Yêu cầu chưa được gửi." in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "errors"  # read out first
    assert page.title().startswith("Lỗi")
    links = summary.get_by_role("link").all()
    assert len(links) >= 4
    for link in links:
        target = link.get_attribute("href")[1:]
        link.click()
        assert page.evaluate("document.activeElement.id") == target, link.inner_text()
        assert _error_read_with(page, target) in link.inner_text()


def _error_read_with(page, field_id):
    """The error text a screen reader reads with the field: its aria-describedby (on the
    field, or on the fieldset of a group of radios) names the element holding it."""
    return page.evaluate(
        """(id) => {
            const field = document.getElementById(id);
            const described = field.closest('fieldset[aria-describedby]') || field;
            if (field.getAttribute('aria-invalid') !== 'true' && described === field) return null;
            return described.getAttribute('aria-describedby').split(' ')
                .map((ref) => document.getElementById(ref))
                .filter((el) => el && el.classList.contains('error'))
                .map((el) => el.textContent.trim()).join(' ');
        }""",
        field_id,
    )


def test_first_tab_reaches_the_skip_link_which_moves_to_the_content(live_server, page, province):
    page.goto(live_server.url + "/co-quan/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")

    assert focused == "Bỏ qua, đến nội dung chính"
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible(live_server, page, province):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")

    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")

    assert outline == "solid"
