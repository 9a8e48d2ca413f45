"""The steps of the staff's journeys, in the words an officer or the Department of Justice reads.

Each helper is one thing a person does in the admin or on the report pages, so that a journey
reads as their working day. The Vietnamese words are spelled out here rather than taken from
the catalogues: a wrong or missing translation must make the journey fail.
"""

import re
from pathlib import Path

from tests import pdfs

PASSWORD = "Mat-khau-2026!"

# The officer's admin.
REQUESTS = "Yêu cầu cung cấp thông tin"
ACCEPT = "Tiếp nhận là yêu cầu hợp lệ (bắt đầu tính thời hạn)"
COMPLEXITY = "Mức độ"
COMPLEX = "Phức tạp, không có sẵn hoặc cần lấy ý kiến đơn vị khác"
EXTEND = "Gia hạn"
EXTENSION_REASON = "Lý do gia hạn"
PROVIDE_PART = "Cung cấp một phần, từ chối phần còn lại"
WRITTEN_REASON = "Lý do bằng văn bản"
MESSAGE = "Nội dung gửi người yêu cầu"
HANDLING_NOTICE = "Mẫu 03: Thông báo giải quyết yêu cầu"
EXTENSION_NOTICE = "Mẫu 04: Thông báo gia hạn"
REFUSAL_NOTICE = "Mẫu 05: Thông báo từ chối"
NOT_FOUND = "Không tìm thấy trang"

# The Department of Justice's report pages.
REPORTS = "Báo cáo"
DASHBOARD = "Bảng theo dõi các cơ quan"
COMPILE = "Tổng hợp"
FIGURES = "Số liệu toàn tỉnh"
TEXTS = {
    "Tình hình công khai và cung cấp thông tin": "Các cơ quan đã công khai danh mục thông tin.",
    "Khó khăn, vướng mắc": "Một số xã chưa có cán bộ đầu mối.",
    "Kiến nghị, đề xuất": "Bố trí cán bộ đầu mối ở mọi xã.",
}
SAVE_TEXTS = "Lưu nội dung"
REVIEWED = "Đánh dấu đã xem xét"
PUBLISH = "Công bố trên cổng thông tin"
PUBLISHED = "Đã công bố"
REPORT_PDF = "Báo cáo (PDF)"
REPORT_XLSX = "Số liệu (Excel, mỗi phần một trang tính)"


def field(page, label):
    """The field of that label; the admin writes a colon after labels, the report pages a
    star after required ones."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?( \*)?$"))


def follow(page, target):
    """Click a link or a button and wait for the page it leads to (Playwright's click only
    waits for the navigation to start)."""
    with page.expect_navigation():
        target.click()


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(page, base_url, user):
    """The admin's login form, as a member of staff fills it in."""
    page.goto(base_url + "/admin/login/")
    field(page, "Tên đăng nhập").fill(user.username)
    field(page, "Mật khẩu").fill(PASSWORD)
    follow(page, page.get_by_role("button", name="Đăng nhập", exact=True))
    assert "/admin/login/" not in page.url, page.locator(".errornote").all_inner_texts()


# --- the officer's admin ------------------------------------------------------------------


def open_the_requests(page):
    """From any admin page to the list of the agency's information requests (in the table of
    models; the app's heading above it bears the same name)."""
    models = page.get_by_role("rowheader", name=REQUESTS, exact=True)
    follow(page, models.get_by_role("link").first)


def listed_codes(page) -> list[str]:
    """The tracking codes in the list of requests (each opens its request)."""
    return page.locator("#result_list tbody th").all_inner_texts()


def listed_deadline(page, code) -> str:
    """What the list shows in the deadline column ("hạn") of the request with that code."""
    row = page.locator("#result_list tbody tr", has=page.get_by_role("link", name=code))
    return row.locator("td.field-due_display").inner_text()


def open_request(page, code):
    follow(page, page.get_by_role("link", name=code, exact=True))


def shown(page, label) -> str:
    """The read-only value shown next to ``label`` on the request's page."""
    return page.locator(
        f"xpath=//label[normalize-space()='{label}:']/following-sibling::div[@class='readonly']"
    ).inner_text()


def take_step(page, step, *, choose=None, write=None, tick=()):
    """Follow the step's button on the request's page, fill its page in, confirm it.

    ``choose`` picks options of drop-downs and ``write`` fills fields, by their labels; ``tick``
    ticks check boxes by their labels. Returns the message the admin shows afterwards.
    """
    follow(page, page.get_by_role("link", name=step, exact=True))
    for label, option in (choose or {}).items():
        field(page, label).select_option(label=option)
    for label, text in (write or {}).items():
        field(page, label).fill(text)
    for label in tick:
        page.get_by_label(label, exact=True).check()
    follow(page, page.get_by_role("button", name=step, exact=True))
    return message(page)


def message(page) -> str:
    """The admin's message after an action, or the error on the page that stayed open."""
    return " ".join(page.locator(".messagelist li, .errornote").all_inner_texts())


def issue_notice(page, kind) -> str:
    follow(page, page.get_by_role("button", name=kind, exact=True))
    return message(page)


def notice_links(page):
    """The numbers of the notices issued, each a link to its PDF, by the notice's kind."""
    rows = page.locator("#notices-group tbody tr.has_original")
    links = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        number = row.locator("td.field-reference_link")
        links[row.locator("td.field-kind").inner_text().strip()] = number.get_by_role("link")
    return links


# --- the Department of Justice's report pages ---------------------------------------------


def dashboard_agencies(page) -> list[str]:
    """The agencies the dashboard's table lists, one per row."""
    table = page.get_by_role(
        "table", name="Các cơ quan: mức độ tuân thủ và tình hình giải quyết yêu cầu"
    )
    return table.locator("tbody th a").all_inner_texts()


def compile_a_report(page):
    """The compile form offers last year's calendar year for the whole province: just send it."""
    follow(page, page.get_by_role("button", name=COMPILE, exact=True))


def wait_for_the_figures(page, timeout=180_000):
    """Wait until the page, which follows the compilation and reloads itself, shows the
    province's figures; whether it showed a progress bar first (a fast worker may skip it)."""
    progress_shown = page.locator("#report-progress").is_visible()
    page.get_by_role("heading", name=FIGURES, exact=True).wait_for(timeout=timeout)
    return progress_shown


def write_the_texts(page):
    for label, text in TEXTS.items():
        field(page, label).fill(text)
    follow(page, page.get_by_role("button", name=SAVE_TEXTS, exact=True))
    return message_on_the_portal(page)


def press(page, button):
    follow(page, page.get_by_role("button", name=button, exact=True))
    return message_on_the_portal(page)


def message_on_the_portal(page) -> str:
    return " ".join(page.locator(".messages .message").all_inner_texts()).strip()


def report_state(page) -> str:
    return page.locator("p.meta strong").first.inner_text()


# --- downloads ----------------------------------------------------------------------------


def open_file(page, link, folder: Path, *, timeout=30_000):
    """Follow a link to a file the browser shows (a PDF); the file and its content type.

    The page may first show an interim page (202: a PDF being prepared) that reloads itself
    until the file comes: its arrival is awaited for ``timeout`` milliseconds.
    """
    url = link.evaluate("a => a.href")
    with page.expect_response(lambda r: r.url == url and r.status == 200, timeout=timeout) as got:
        link.click()
    # Chromium shows the PDF in its viewer, which stands in for the document's body: the bytes
    # are fetched again in the same session, as the viewer's "download" button does.
    path = folder / f"{len(list(folder.glob('*.pdf')))}.pdf"
    path.write_bytes(page.request.get(url).body())
    return path, got.value.headers.get("content-type", "")


def download(page, link, folder: Path):
    """Follow a link to a file the browser saves (a spreadsheet); where it was saved."""
    with page.expect_download() as arrival:
        link.click()
    path = folder / arrival.value.suggested_filename
    arrival.value.save_as(path)
    return path


def pdf_text(path) -> str:
    """The PDF's text as pdftotext reads it, with runs of spaces of the layout made single."""
    return re.sub(r"\s+", " ", pdfs.text(path))
