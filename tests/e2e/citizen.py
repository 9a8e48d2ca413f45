"""The steps of a citizen's journey, in the words the citizen reads (Vietnamese or English).

Each helper is one thing a person does on the portal, so that a journey reads as their story.
The words are spelled out here rather than taken from the catalogues: a wrong translation must
make the journey fail, as it would leave the citizen lost.
"""

import re
import time
from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from requests_app import workflow

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
ARTIFACTS = Path(settings.VAR_DIR) / "e2e"


@dataclass(frozen=True)
class Words:
    prefix: str  # the language's URL prefix
    find_agency: str
    agency_name: str
    search: str
    open_lists: str
    catalog_search: str
    request_this: str
    by_email: str
    send: str
    received: str
    track: str
    code: str
    secret: str
    show: str
    request_heading: str  # "… {code}"
    history: str
    provided: str


VI = Words(
    prefix="",
    find_agency="Tìm cơ quan",
    agency_name="Tên",
    search="Tìm kiếm",
    open_lists="Xem danh mục của cơ quan",
    catalog_search="Tìm kiếm",
    request_this="Yêu cầu cung cấp thông tin này",
    by_email="Gửi qua thư điện tử",
    send="Gửi yêu cầu",
    received="Yêu cầu của bạn đã được tiếp nhận",
    track="Tra cứu yêu cầu",
    code="Mã tra cứu",
    secret="Địa chỉ thư điện tử, hoặc 4 số cuối của giấy tờ tùy thân",
    show="Xem yêu cầu",
    request_heading="Yêu cầu {code}",
    history="Quá trình giải quyết",
    provided="Đã cung cấp toàn bộ",
)

EN = Words(
    prefix="/en",
    find_agency="Find an agency",
    agency_name="Name",
    search="Search",
    open_lists="Open this agency's lists",
    catalog_search="Search",
    request_this="Request this information",
    by_email="E-mail attachment",
    send="Send the request",
    received="Your request has been received",
    track="Track a request",
    code="Tracking code",
    secret="Your e-mail address, or the last 4 digits of your identity document number",
    show="Show my request",
    request_heading="Request {code}",
    history="History",
    provided="Provided in full",
)

# What Nguyễn Thị Hoa writes on the form, by the fields' ids.
HOA = {
    "full_name": "Nguyễn Thị Hoa",
    "id_number": "091188004321",
    "address": "Ấp Bình An, xã Tri Tôn",
    "email": "hoa@example.com",
    "purpose": "Tìm hiểu chi tiêu công của tỉnh",
}
HOA_SECRET = "4321"  # the last 4 digits of her identity card


def field(page, label):
    """The field of that label, whether or not it is marked required (" *")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def find_agency(page, base_url, words, typed, name):
    """From the home page, through the directory's search, to the agency's own page."""
    page.goto(base_url + words.prefix + "/")
    page.get_by_role("link", name=words.find_agency, exact=True).click()
    field(page, words.agency_name).fill(typed)
    page.get_by_role("button", name=words.search, exact=True).click()
    page.get_by_role("link", name=name, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == name


def search_its_catalog(page, words, typed, title):
    """Open the agency's lists of information, search them, open the entry found."""
    page.get_by_role("link", name=words.open_lists, exact=True).click()
    field(page, words.catalog_search).fill(typed)
    page.get_by_role("button", name=words.search, exact=True).click()
    page.get_by_role("link", name=title, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == title


def request_it(page, words, citizen=HOA):
    """Follow the entry's request link; the form knows the agency and the information asked."""
    page.get_by_role("link", name=words.request_this, exact=True).click()
    for field, value in citizen.items():
        page.locator(f"#id_{field}").fill(value)
    page.get_by_label(words.by_email, exact=True).check()
    page.get_by_role("button", name=words.send, exact=True).click()
    return read_receipt(page, words)


def read_receipt(page, words):
    assert page.get_by_role("heading", level=1).inner_text() == words.received
    return page.locator(".receipt .code").inner_text()


def track(page, words, code, secret=HOA_SECRET):
    """Open the tracking page from the menu and prove the request is one's own."""
    page.get_by_role("navigation").get_by_role("link", name=words.track, exact=True).click()
    field(page, words.code).fill(code)
    field(page, words.secret).fill(secret)
    page.get_by_role("button", name=words.show, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        words.request_heading.format(code=code)
    )


def officer_answers(code, officer, note):
    """What the focal-point officer does in the admin: accept the request, then answer it."""
    from requests_app.models import InformationRequest

    request_obj = InformationRequest.objects.get(tracking_code=code)
    workflow.transition(request_obj, "accept", actor=officer, complexity="simple")
    workflow.transition(request_obj, "provide_full", actor=officer, note=note)


def history(page, words):
    section = page.get_by_role("region", name=words.history)
    return section.get_by_role("listitem").all_inner_texts()


def status(page):
    return page.locator(".status-line .tag").inner_text()


def wait_for_mail(mailbox, text, count=1, timeout=60):
    """The mails holding ``text``, once ``count`` have arrived (a worker sends them meanwhile)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [mail for mail in mailbox() if text in mail]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def axe_problems(page):
    """axe-core's WCAG 2.1 AA report of the page, or "" when nothing is violated."""
    results = Axe().run(page, options=WCAG_AA)
    return results.generate_report() if results.violations_count else ""


def screenshot(page, name):
    """Keep what the citizen saw: the whole page, and its first screen (small enough for docs)."""
    width = page.viewport_size["width"]
    folder = ARTIFACTS / "screenshots"
    (folder / "screen").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    page.screenshot(path=folder / "screen" / f"{name}-{width}.png")
