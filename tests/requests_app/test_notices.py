"""Official notices as PDF: right state, right number, Decree 30 layout, every diacritic."""

import datetime
import re
import subprocess
import threading
import unicodedata

import pytest
from django.db import connection
from django.urls import reverse

from requests_app import fees, notices, workflow
from requests_app.models import FeeItem, InformationRequest, Notice
from tests import factories, pdfs
from tests.conftest import needs, uses_postgresql

D = datetime.date


@pytest.fixture(autouse=True)
def _pdf_tools():
    needs(pdfs.tools_ready(), pdfs.TOOLS_MISSING)


@pytest.fixture
def agency():
    return factories.AgencyFactory(
        name="Sở Tài chính tỉnh An Giang",
        superior_body="ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        document_code="STC",
        place_name="Rạch Giá",
        signer_title="GIÁM ĐỐC",
        signer_name="Nguyễn Văn Hòa",
        area_rate=70,
        payment_instructions="Nộp vào tài khoản thu ngân sách tại Kho bạc Nhà nước khu vực XX.",
    )


@pytest.fixture
def officer(agency):
    return factories.OfficerFactory(agency=agency).user


@pytest.fixture(autouse=True)
def early_february(time_machine):
    time_machine.move_to(datetime.datetime(2026, 2, 5, 9, 0, tzinfo=datetime.UTC))


def _text(notice: Notice) -> str:
    return pdfs.text(notice.pdf.path)


def _request(agency, **fields):
    return factories.make_request(
        agency, full_name="Đỗ Thị Ưng Ánh", address="Ấp Rạch Sỏi, phường Rạch Giá", **fields
    )


NAME = "Đỗ Thị Ưng Ánh"  # Đ, ỗ, ư, ứ, á: letters Liberation v1 and DejaVu get wrong


@pytest.mark.django_db
def test_the_receipt_carries_code_number_date_and_diacritics(agency):
    req = _request(agency)

    text = _text(notices.issue(req, "02", actor=None))

    assert req.tracking_code in text
    assert "Số: 01/TB-STC" in text
    assert "Rạch Giá, ngày 05 tháng 02 năm 2026" in text
    assert NAME in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "PHIẾU TIẾP NHẬN" in text


@pytest.mark.django_db
def test_form_03_lists_the_circular_46_costs_at_the_agencys_rate(agency, officer):
    req = _request(agency, delivery_form="post")
    workflow.transition(req, "accept", actor=officer, complexity="complex")
    fees.add_item(req, FeeItem.objects.get(code="1.1"), 20)  # 20 × 3.000 × 70 % = 42.000
    fees.add_item(req, FeeItem.objects.get(code="1.1"), 2, size=2)  # A3: 2 × 2 × 3.000 × 70 %
    fees.add_postage(req, 25_000)
    workflow.transition(req, "ask_payment", actor=officer, payment_due_on=D(2026, 2, 27))

    text = _text(notices.issue(req, "03", actor=officer))

    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert "1 20 trang A4 3.000 42.000" in rows  # item 1.1, A4
    assert "2 3.000 8.400" in rows and any("×2" in row for row in rows)  # item 1.1, A3
    assert "3 Cước bưu chính (theo giá cước) 1 gói 25.000 25.000" in rows
    assert "Tổng cộng 75.400" in rows
    assert re.search(r"Kho\s+bạc\s+Nhà\s+nước", text)
    assert "ngày 27 tháng 02 năm 2026" in text
    assert "áp dụng mức 70%" in text


@pytest.mark.django_db
def test_extension_refusal_and_redirection_notices(agency, officer):
    extended = _request(agency)
    workflow.transition(extended, "accept", actor=officer, complexity="complex")
    workflow.transition(
        extended, "extend", actor=officer, extension_reason="cần ý kiến của Sở Xây dựng"
    )
    refused = _request(agency)
    workflow.transition(refused, "accept", actor=officer, complexity="simple")
    workflow.transition(
        refused,
        "refuse",
        actor=officer,
        grounds=[{"code": "a6_not_accessible", "art6_subtype": "internal_meeting"}],
        reason="Biên bản họp nội bộ.",
    )
    redirected = _request(agency)
    workflow.transition(
        redirected,
        "redirect",
        actor=officer,
        responsible_agency_name="Sở Xây dựng tỉnh An Giang",
        note="Gửi Sở Xây dựng.",
    )

    texts = [
        _text(notices.issue(r, kind, actor=officer))
        for r, kind in ((extended, "04"), (refused, "05"), (redirected, "redirect"))
    ]

    assert "gia hạn" in texts[0] and "cần ý kiến của Sở Xây dựng" in texts[0]
    assert "Điều 28" in texts[1] and "cuộc họp nội bộ" in texts[1] and "khiếu nại" in texts[1]
    assert "(điểm a khoản 1 Điều 28 Luật Tiếp cận thông tin)" in " ".join(texts[1].split())
    assert "Law Art" not in texts[1]  # the rule set's reference, read in Vietnamese
    assert "Sở Xây dựng tỉnh An Giang" in texts[2] and "khoản 3 Điều 26" in texts[2]
    numbers = [n.reference for n in Notice.objects.order_by("number")]
    assert numbers == ["01/TB-STC", "02/TB-STC", "03/TB-STC"]


def _every_vietnamese_letter() -> str:
    """The 12 vowels in each of the 6 tones, and đ, in both cases: 146 letters in 26 words."""
    tones = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc huyền hỏi ngã nặng
    words = ["".join(unicodedata.normalize("NFC", v + t) for t in tones) for v in "aăâeêioôơuưy"]
    lower = " ".join([*words, "đ"])
    return f"{lower} {lower.upper()}"


LETTERS = _every_vietnamese_letter()
KINDS = ["02", "03", "04", "05", "redirect"]


def _ready_for(kind, agency, officer, **fields):
    """A request in a state where notice ``kind`` may be issued."""
    req = _request(agency, **fields)
    if kind == "redirect":
        workflow.transition(
            req,
            "redirect",
            actor=officer,
            responsible_agency_name="Sở Xây dựng tỉnh An Giang",
            note="Gửi Sở Xây dựng.",
        )
    elif kind != "02":
        workflow.transition(req, "accept", actor=officer, complexity="complex")
    if kind == "04":
        workflow.transition(req, "extend", actor=officer, extension_reason="cần thêm ý kiến")
    if kind == "05":
        workflow.transition(
            req,
            "refuse",
            actor=officer,
            grounds=[{"code": "a17_already_public"}],
            reason="Đã công khai trên cổng.",
        )
    return req


# Dates each notice states besides its date line, in the official form (leading 0 for the
# days 1–9 and the months 1–2 only): receipt time, time limits of Law Arts 29–31.
DATES = {
    "02": "vào lúc 16:00 ngày 05 tháng 02 năm 2026",
    "03": "chậm nhất ngày 05 tháng 3 năm 2026",
    "04": "đến ngày 20 tháng 3 năm 2026 (thời hạn ban đầu: ngày 05 tháng 3 năm 2026)",
    "05": "ngày 05 tháng 02 năm 2026, về:",
    "redirect": "Sở Xây dựng tỉnh An Giang",
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_every_notice_carries_code_number_dates_and_every_vietnamese_letter(agency, officer, kind):
    notices.issue(_request(agency), "02", actor=None)  # the agency's first notice this year
    req = _ready_for(kind, agency, officer, information=LETTERS)

    notice = notices.issue(req, kind, actor=officer)

    plain = subprocess.run(
        ["pdftotext", notice.pdf.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(plain.split())
    assert notice.reference == "02/TB-STC"
    assert "Số: 02/TB-STC" in flat
    assert req.tracking_code in flat
    assert "Rạch Giá, ngày 05 tháng 02 năm 2026" in flat
    assert DATES[kind] in flat
    assert LETTERS in flat  # composed (NFC) as typed, none lost, none split
    assert NAME in flat
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    # Every glyph came from the Tinos shipped in static/fonts: no fallback font was needed.
    fonts = subprocess.run(
        ["pdffonts", notice.pdf.path], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    embedded = {line.split()[0].split("+")[-1] for line in fonts}
    assert embedded <= {"Tinos", "Tinos-Bold", "Tinos-Italic", "Tinos-Bold-Italic"}
    assert all(line.split()[-5] == "yes" for line in fonts)  # embedded, not referenced


@pytest.mark.django_db
def test_form_03_reproduces_every_line_of_the_circular_46_table_at_the_area_rate(agency, officer):
    agency.area_rate = 50  # an extremely difficult area (Circular 46 Art 3(1))
    agency.save()
    req = _request(agency, delivery_form="post")
    workflow.transition(req, "accept", actor=officer, complexity="simple")
    items = list(FeeItem.objects.order_by("order"))
    assert [(item.code, item.unit, item.unit_price) for item in items] == CIRCULAR_46
    for item in items:
        fees.add_item(req, item, 3)
    workflow.transition(req, "ask_payment", actor=officer, payment_due_on=D(2026, 2, 27))

    text = _text(notices.issue(req, "03", actor=officer))

    rows = [" ".join(line.split()) for line in text.splitlines()]
    for number, (code, _unit, price) in enumerate(CIRCULAR_46, start=1):
        amount = price * 3 // 2  # three units at 50 %
        assert any(
            row.startswith(f"{number} ") and row.endswith(f"{_vnd(price)} {_vnd(amount)}")
            for row in rows
        ), code
        assert f"{code}. " in text
    assert "Tổng cộng 514.500" in rows  # 1.5 × 343.000
    assert "áp dụng mức 50%" in text


# Circular 46/2018/TT-BTC, Appendix (LEGAL §3.1, §7.7): code, unit, đồng.
CIRCULAR_46 = [
    ("1.1", "trang A4", 3_000),
    ("1.2", "trang A4", 18_000),
    ("2.1", "tấm", 36_000),
    ("2.2", "tấm", 54_000),
    ("2.3", "tấm", 135_000),
    ("3", "phút nghe", 27_000),
    ("4", "phút chiếu", 54_000),
    ("5.1", "trang A4", 2_000),
    ("5.2", "trang A4", 14_000),
]


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["03", "04", "05", "redirect"])
def test_a_notice_for_a_request_in_the_wrong_state_is_refused_and_uses_no_number(agency, kind):
    req = _request(agency)

    with pytest.raises(notices.NoticeError):
        notices.issue(req, kind, actor=None)

    assert not Notice.objects.exists()
    assert notices.issue(req, "02", actor=None).number == 1


@pytest.mark.django_db
def test_numbering_starts_again_each_year(agency, time_machine):
    req = _request(agency)
    notices.issue(req, "02", actor=None)
    time_machine.move_to(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC))

    assert notices.issue(req, "02", actor=None).reference == "01/TB-STC"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_first_page_shows_title_and_motto_top_right_above_the_date_line(
    agency, officer, tmp_path, kind
):
    notice = notices.issue(_ready_for(kind, agency, officer), kind, actor=officer)

    pdfs.assert_decree30_header(notice.pdf.path, tmp_path, date_word="Rạch")


@pytest.mark.django_db(transaction=True)
def test_fifty_notices_issued_at_once_get_fifty_consecutive_numbers(
    agency, migrated_data, patient_pool
):
    needs(uses_postgresql(), "row locks need PostgreSQL; .ci/run uses it")
    requests = [_request(agency) for _ in range(50)]
    errors = []

    def issue(req):
        try:
            notices.issue(InformationRequest.objects.get(pk=req.pk), "02", actor=None)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(req,)) for req in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Notice.objects.values_list("number", flat=True)) == list(range(1, 51))


@pytest.mark.django_db
def test_the_admin_explains_a_notice_that_cannot_be_issued_and_uses_no_number(
    client, agency, officer
):
    req = _request(agency)
    other = _request(factories.AgencyFactory())
    client.force_login(officer)

    def post(pk, kind):
        url = reverse("admin:requests_app_informationrequest_notice", args=[pk, kind])
        return client.post(url, follow=True)

    wrong_state = post(req.pk, "03")
    unknown = post(req.pk, "99")
    elsewhere = post(other.pk, "02")

    assert wrong_state.status_code == unknown.status_code == 200
    assert "không thể ban hành" in wrong_state.content.decode().lower()
    assert "Loại văn bản không hợp lệ" in unknown.content.decode()
    assert elsewhere.status_code == 404
    assert not Notice.objects.exists()
    issued = post(req.pk, "02")
    assert "01/TB-STC" in issued.content.decode()
    assert Notice.objects.get().request == req
