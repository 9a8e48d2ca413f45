"""A citizen's whole journey in a real browser: find the agency, find what it has published,
ask for it, follow the request until it is answered (GitHub issue 9).

The same story is told on a desktop with JavaScript, on a small phone without it, and in
English. The officer's side is played by the workflow functions the admin calls.
"""

import pytest

from tests.e2e.citizen import (
    EN,
    VI,
    find_agency,
    history,
    officer_answers,
    request_it,
    screenshot,
    search_its_catalog,
    status,
    track,
    wait_for_mail,
)

pytestmark = pytest.mark.browser

AGENCY = "Sở Tư pháp tỉnh An Giang"
ENTRY = "Báo cáo công khai dự toán ngân sách năm 2026"
ANSWER = "Gửi kèm báo cáo dự toán ngân sách năm 2026."


def test_journey_1_a_citizen_finds_asks_and_follows_a_request_on_a_desktop(
    live_server, page, province, focal_officer, mailbox
):
    find_agency(page, live_server.url, VI, "so tu phap", AGENCY)
    assert page.get_by_text("Văn phòng Sở").is_visible()  # the focal point that receives requests
    search_its_catalog(page, VI, "du toan ngan sach", ENTRY)
    screenshot(page, "entry")
    code = request_it(page, VI)
    screenshot(page, "receipt")

    receipts = wait_for_mail(mailbox, code)
    assert len(receipts) == 1
    assert "Đã tiếp nhận" in receipts[0]

    track(page, VI, code)
    assert status(page) == "Đã tiếp nhận"
    officer_answers(code, focal_officer, ANSWER)
    page.reload()

    screenshot(page, "tracking")
    assert status(page) == VI.provided
    assert any(VI.provided in event and ANSWER in event for event in history(page, VI))
    assert len(wait_for_mail(mailbox, code, count=3)) == 3  # received, accepted, answered
    assert page.console_errors == []


def test_journey_4_the_same_on_a_small_phone_without_javascript(
    live_server, phone, province, focal_officer
):
    find_agency(phone, live_server.url, VI, "so tu phap", AGENCY)
    screenshot(phone, "agency")
    search_its_catalog(phone, VI, "du toan ngan sach", ENTRY)
    assert phone.get_by_role("link", name="Toàn văn").is_visible()  # the published document
    phone.get_by_role("link", name=VI.request_this, exact=True).click()
    screenshot(phone, "request-form")
    phone.go_back()
    code = request_it(phone, VI)

    track(phone, VI, code)
    officer_answers(code, focal_officer, ANSWER)
    phone.reload()

    screenshot(phone, "tracking")
    assert status(phone) == VI.provided
    assert any(ANSWER in event for event in history(phone, VI))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_journey_5_the_same_in_english(live_server, page, province, focal_officer):
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))

    find_agency(page, live_server.url, EN, "so tu phap", AGENCY)
    assert page.get_by_role("heading", name="Focal point for information requests").is_visible()
    search_its_catalog(page, EN, "du toan ngan sach", ENTRY)
    code = request_it(page, EN)
    track(page, EN, code)
    officer_answers(code, focal_officer, ANSWER)
    page.reload()

    assert status(page) == EN.provided
    assert any(EN.provided in event and ANSWER in event for event in history(page, EN))
    # Every page of the journey stayed in English.
    assert [url for url in visited if not url.startswith(live_server.url + "/en/")] == []
    assert page.evaluate("document.documentElement.lang") == "en"
