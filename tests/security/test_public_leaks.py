"""Nothing that is not public reaches an anonymous visitor, wherever they look.

The province below holds everything that must stay out of sight: drafts, entries classified
not accessible, the files of conditional entries, requesters' identities and contacts, a
complaint's sender, officers' internal notes, a report not yet published. An anonymous visitor
then walks the site from the home page in both languages, following every link, and reads the
feeds, the sitemap, the API, the CSV and XLSX exports and the published report's files: none
of the secrets may appear in anything they receive.
"""

import datetime
import io
import re
import zipfile
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from agencies.demo import demo_pdf
from catalogs.models import CatalogEntry
from reports import compilation, services
from requests_app import workflow
from requests_app.models import Complaint, ResponseFile
from tests import factories
from tests.history import play

pytestmark = pytest.mark.django_db
D = datetime.date

SECRETS = {
    "draft title": "Dự thảo đề án sáp nhập trường học Xã Bình An",
    "not accessible title": "Biên bản họp kín về giá đất Cà Mau",
    "conditional file": "hop-dong-bi-mat-nha-thau.pdf",
    "requester name": "Lâm Thị Bí Mật",
    "requester id": "091234567890",
    "requester address": "Số 77 hẻm Kín, phường Vĩnh Thông",
    "requester e-mail": "bimat.lam@example.com",
    "requester phone": "0909 111 222",
    "member": "Trương Văn Thành Viên",
    "complaint sender": "Ông Khiếu Nại Kín",
    "complaint content": "Nội dung khiếu nại riêng tư về cán bộ",
    "internal note": "Ghi chú nội bộ: chờ ý kiến lãnh đạo",
    "unpublished report text": "Nhận xét chưa công bố của Sở Tư pháp",
    "provided file": "tai-lieu-da-cung-cap-rieng.pdf",
}
# Everything a visitor can fetch besides the pages the links lead to.
ENTRY_POINTS = ["/", "/en/", "/sitemap.xml", "/danh-muc/moi.atom", "/api/",
                "/api/co-quan/", "/api/danh-muc/", "/danh-muc/xuat.csv", "/danh-muc/xuat.xlsx",
                "/bao-cao/", "/robots.txt"]  # fmt: skip
MAX_PAGES = 400


@pytest.fixture
def province(time_machine, officer_a, agency_a, agency_b, doj_user):
    time_machine.move_to(datetime.datetime(2026, 1, 20, 2, 0, tzinfo=datetime.UTC))
    factories.FocalPointFactory(agency=agency_a)
    factories.CatalogEntryFactory(agency=agency_a, title="Kế hoạch sử dụng đất năm 2026")
    factories.CatalogEntryFactory(
        agency=agency_a, title=SECRETS["draft title"], status="draft", published_at=None
    )
    factories.CatalogEntryFactory(
        agency=agency_a,
        title=SECRETS["not accessible title"],
        classification=CatalogEntry.Classification.NOT_ACCESSIBLE,
        not_accessible_ground="internal_meeting",
    )
    conditional = factories.CatalogEntryFactory(
        agency=agency_b, title="Hợp đồng thi công đường ven biển", catalog="conditional"
    )
    factories.CatalogFileFactory(
        entry=conditional, file=ContentFile(demo_pdf("HĐ"), name=SECRETS["conditional file"])
    )
    request_obj = play(
        agency_a,
        officer_a,
        received=D(2025, 10, 6),
        steps=[("accept", D(2025, 10, 6), {"complexity": "simple"})],
        extra={
            "full_name": SECRETS["requester name"],
            "id_number": SECRETS["requester id"],
            "address": SECRETS["requester address"],
            "email": SECRETS["requester e-mail"],
            "phone": SECRETS["requester phone"],
            "requester_kind": "organisation",
            "organisation_name": "Hợp tác xã Tân Hiệp",
        },
    )
    request_obj.members.create(full_name=SECRETS["member"], id_number="091000111222", reason="x")
    ResponseFile.objects.create(
        request=request_obj,
        file=ContentFile(demo_pdf("TL"), name=SECRETS["provided file"]),
    )
    workflow.transition(
        request_obj, "provide_full", actor=officer_a, internal_note=SECRETS["internal note"]
    )
    Complaint.objects.create(
        agency=agency_a,
        kind="complaint",
        full_name=SECRETS["complaint sender"],
        email="khieunai@example.com",
        content=SECRETS["complaint content"],
    )
    draft = services.request_compilation(D(2025, 1, 1), D(2025, 6, 30))
    compilation.run(draft.pk, str(draft.run_id))
    draft.refresh_from_db()
    services.save_narrative(
        draft,
        situation=SECRETS["unpublished report text"],
        difficulties="x",
        recommendations="y",
        actor=doj_user,
    )
    return request_obj


def _readable(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content or b""
    if body.startswith(b"PK"):  # a spreadsheet: read the text of every part
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8", "replace")


def _links(text: str, base: str) -> list[str]:
    found = re.findall(r'(?:href|src)="([^"#]+)"', text) + re.findall(r"<loc>([^<]+)</loc>", text)
    found += re.findall(r'"(?:url|next|previous|file_url|html_url)":\s*"([^"]+)"', text)
    links = []
    for link in found:
        url = urlsplit(urljoin(base, link.replace("&amp;", "&")))
        if url.netloc not in ("", "testserver"):
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if not path.startswith(("/admin", "/static/", "/tai-khoan")):
            links.append(path)
    return links


def test_an_anonymous_visitor_finds_no_secret_anywhere(client, province):
    queue, seen, leaks = deque(ENTRY_POINTS), set(), []
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200:
            continue
        text = _readable(response)
        leaks += [(what, path) for what, secret in SECRETS.items() if secret in text]
        queue.extend(link for link in _links(text, path) if link not in seen)

    assert leaks == []
    # The walk saw the site, not just its front door: agency pages, entries, files, reports.
    assert len(seen) > 40
    assert any(p.startswith("/co-quan/") for p in seen) and any("/danh-muc/" in p for p in seen)
    assert any(p.startswith("/en/") for p in seen)


def test_the_tracking_page_shows_personal_data_only_after_the_second_factor(client, province):
    status = reverse("requests_app:status", args=[province.tracking_code])

    blind = client.get(status, follow=True).content.decode()

    assert SECRETS["requester name"] not in blind and SECRETS["requester id"] not in blind
