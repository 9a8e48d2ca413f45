"""The staff's journeys in a real browser (GitHub issue 9): an officer handles a request in the
admin through to a partial refusal, with its official notices; the Department of Justice
compiles, reviews and publishes the year's report, which a real Celery worker computes.

Every step under test is a click on what the person sees; only the data they start from
(the requests, the year 2025 already worked through) is made by the factories.
"""

import datetime

import openpyxl
import pytest

from agencies.models import Agency
from portal.templatetags.portal_tags import official_date
from tests import factories, pdfs
from tests.conftest import needs
from tests.e2e import staff
from tests.e2e.citizen import screenshot, wait_for_mail
from tests.history import play

pytestmark = pytest.mark.browser

OTHER_AGENCY = "Đặc khu Phú Quốc"
GROUND = "Thông tin tiếp cận có điều kiện chưa đáp ứng điều kiện (Điều 7)"
TITLE = "Tiếp cận thông tin năm 2025 — Tỉnh An Giang"
WHY_REFUSED = "Hồ sơ dự thầu chứa bí mật kinh doanh; nhà thầu chưa đồng ý cung cấp."


@pytest.fixture
def signing_agency(province):
    """The agency as its notices print it: the body above it and who signs (Decree 30)."""
    province.superior_body = "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    province.document_code = "STP"
    province.place_name = "Long Xuyên"
    province.signer_title = "GIÁM ĐỐC"
    province.signer_name = "Trương Thị Thùy"
    province.save()
    return province


@pytest.fixture
def two_requests(signing_agency, mailbox):
    """A request just received online by the officer's agency, and one of another agency.

    (After the mailbox: with the worker running, their receipts are mailed by it too.)"""
    own = factories.make_request(
        signing_agency, information="Hồ sơ dự thầu gói thầu số 3 và biên bản chấm thầu"
    )
    other = factories.make_request(Agency.objects.get(name=OTHER_AGENCY))
    return own, other


def test_journey_2_an_officer_extends_a_request_then_provides_part_and_refuses_the_rest(
    live_server, page, signing_agency, focal_officer, mailbox, two_requests, tmp_path
):
    needs(pdfs.tools_ready(), pdfs.TOOLS_MISSING)
    own, other = two_requests
    code = own.tracking_code
    staff.log_in(page, live_server.url, staff.with_password(focal_officer))

    staff.open_the_requests(page)
    assert staff.listed_codes(page) == [code]  # the other agency's request is not listed
    assert staff.listed_deadline(page, code) == "—"  # no time limit runs before acceptance
    staff.open_request(page, code)

    done = staff.take_step(page, staff.ACCEPT, choose={staff.COMPLEXITY: staff.COMPLEX})
    assert done == f"Đã thực hiện: {staff.ACCEPT}."
    first_due = staff.shown(page, "Hạn")
    assert staff.issue_notice(page, staff.HANDLING_NOTICE).startswith("Đã ban hành văn bản số")

    done = staff.take_step(
        page, staff.EXTEND, write={staff.EXTENSION_REASON: "cần lấy ý kiến của nhà thầu."}
    )
    assert done == f"Đã thực hiện: {staff.EXTEND}."
    extended_due = staff.shown(page, "Hạn sau gia hạn")
    assert _date(extended_due) > _date(first_due)
    staff.issue_notice(page, staff.EXTENSION_NOTICE)

    done = staff.take_step(
        page,
        staff.PROVIDE_PART,
        tick=[GROUND],
        write={
            staff.WRITTEN_REASON: WHY_REFUSED,
            staff.MESSAGE: "Gửi kèm biên bản chấm thầu.",
        },
    )
    assert done == f"Đã thực hiện: {staff.PROVIDE_PART}."
    staff.issue_notice(page, staff.REFUSAL_NOTICE)
    screenshot(page, "admin-request")

    notices = staff.notice_links(page)
    assert list(notices) == [
        staff.HANDLING_NOTICE,
        staff.EXTENSION_NOTICE,
        staff.REFUSAL_NOTICE,
    ]
    texts = {}
    for kind, link in notices.items():
        path, content_type = staff.open_file(page, link, tmp_path)
        page.go_back()
        assert content_type == "application/pdf"
        texts[kind] = staff.pdf_text(path)
        assert code in texts[kind]
    assert (
        f"Do cần lấy ý kiến của nhà thầu, {signing_agency.name} thông báo gia hạn thời hạn giải"
        f" quyết yêu cầu đến {official_date(_date(extended_due))}"
    ) in texts[staff.EXTENSION_NOTICE]
    assert GROUND in texts[staff.REFUSAL_NOTICE]
    assert WHY_REFUSED in texts[staff.REFUSAL_NOTICE]

    staff.open_the_requests(page)
    assert staff.listed_deadline(page, code) == extended_due

    page.goto(f"{live_server.url}/admin/requests_app/informationrequest/{other.pk}/change/")
    assert page.get_by_role("heading", level=1).inner_text() == staff.NOT_FOUND
    assert other.tracking_code not in page.content()
    # The requester was told of each step: the receipt, the acceptance, the extension, the answer.
    assert len(wait_for_mail(mailbox, code, count=4)) == 4


@pytest.fixture
def year_2025(province, focal_officer):
    """The year 2025 as the agencies worked through it: three requests to the Department of
    Justice (two provided, one refused), two to Phú Quốc (one provided, one still pending)."""
    simple = {"complexity": "simple"}
    D = datetime.date
    for received, answered in ((D(2025, 3, 3), D(2025, 3, 5)), (D(2025, 6, 2), D(2025, 6, 12))):
        play(
            province,
            focal_officer,
            received=received,
            steps=[("accept", received, simple), ("provide_full", answered, {})],
        )
    refused = {"grounds": [{"code": "a17_already_public"}], "reason": "Đã công khai."}
    play(
        province,
        focal_officer,
        received=D(2025, 10, 6),
        steps=[("accept", D(2025, 10, 6), simple), ("refuse", D(2025, 10, 7), refused)],
    )
    commune = Agency.objects.get(name=OTHER_AGENCY)
    its_officer = factories.OfficerFactory(agency=commune).user
    play(
        commune,
        its_officer,
        received=D(2025, 5, 12),
        channel="post",
        steps=[("accept", D(2025, 5, 12), simple), ("provide_full", D(2025, 5, 15), {})],
    )
    play(commune, its_officer, received=D(2025, 12, 22))
    return {province.name: 3, commune.name: 2}  # the requests each received in 2025


def test_journey_3_the_department_of_justice_compiles_reviews_and_publishes_the_year(
    live_server, page, live_worker, year_2025, tmp_path
):
    needs(pdfs.tools_ready(), pdfs.TOOLS_MISSING)
    staff.log_in(page, live_server.url, staff.with_password(factories.DojUserFactory()))

    page.goto(live_server.url + "/bao-cao/")
    staff.follow(page, page.get_by_role("link", name=staff.DASHBOARD, exact=True))
    screenshot(page, "dashboard")
    assert sorted(staff.dashboard_agencies(page)) == sorted(
        Agency.objects.values_list("name", flat=True)
    )

    staff.follow(
        page,
        page.get_by_role("navigation", name="Đường dẫn").get_by_role(
            "link", name=staff.REPORTS, exact=True
        ),
    )
    staff.compile_a_report(page)
    staff.wait_for_the_figures(page)  # the page follows the worker and reloads itself
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert not page.locator("#report-progress").is_visible()

    assert staff.write_the_texts(page) == "Đã lưu nội dung báo cáo."
    assert staff.press(page, staff.REVIEWED) == "Báo cáo đã được đánh dấu là đã xem xét."
    assert staff.press(page, staff.PUBLISH) == "Báo cáo đã được công bố trên cổng thông tin."
    assert staff.report_state(page) == staff.PUBLISHED
    screenshot(page, "published-report")

    downloads = page.get_by_role("region", name="Tải về")
    path, content_type = staff.open_file(
        page, downloads.get_by_role("link", name=staff.REPORT_PDF), tmp_path, timeout=120_000
    )
    assert content_type == "application/pdf"
    text = staff.pdf_text(path)
    assert all(name in text for name in year_2025)
    assert "DỰ THẢO" not in text  # the published report, not the draft rendered before
    page.go_back()

    path = staff.download(page, downloads.get_by_role("link", name=staff.REPORT_XLSX), tmp_path)
    received = _received_by_agency(path)
    assert {name: received[name] for name in year_2025} == year_2025
    assert received["Tổng cộng"] == sum(year_2025.values())


def _received_by_agency(path) -> dict[str, int]:
    """The "Received" column of the sheet "Requests in the period", by agency."""
    sheet = openpyxl.load_workbook(path, read_only=True)["Yêu cầu trong kỳ"]
    header, *rows = sheet.iter_rows(values_only=True)
    column = header.index("Đã tiếp nhận")
    return {row[0]: row[column] for row in rows}


def _date(shown: str) -> datetime.date:
    return datetime.datetime.strptime(shown, "%d/%m/%Y").date()
