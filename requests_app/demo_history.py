"""Two past years of demo requests (2024 and 2025) for a dozen agencies, taken through the
workflow on their own dates, so that the yearly report and the dashboard have figures.

Reproducible (a fixed seed); agencies that do badly elsewhere in the demo (no focal point, no
regulation) are also slower here. Requests are entered as if taken over from a paper register:
each step is recorded with the date it happened (workflow ``at``).
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency
from portal.workdays import WorkingCalendar

from . import fees, workflow
from .choices import Channel
from .models import FeeItem, InformationRequest

YEARS = (2024, 2025)
# (agency name, requests in 2025, share answered late)
AGENCIES = [
    ("Sở Tài chính tỉnh An Giang", 28, 0.08),
    ("Sở Nông nghiệp và Môi trường tỉnh An Giang", 24, 0.15),
    ("Sở Xây dựng tỉnh An Giang", 18, 0.12),
    ("Sở Tư pháp tỉnh An Giang", 8, 0.0),
    ("Sở Y tế tỉnh An Giang", 10, 0.1),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang", 6, 0.35),
    ("Văn phòng Ủy ban nhân dân tỉnh An Giang", 12, 0.05),
    ("Đặc khu Phú Quốc", 30, 0.2),
    ("Phường Rạch Giá", 16, 0.1),
    ("Phường Long Xuyên", 14, 0.1),
    ("Phường Vĩnh Tế", 7, 0.45),
    ("Đặc khu Kiên Hải", 5, 0.2),
    ("Xã Óc Eo", 4, 0.5),
]
NAMES = ["Nguyễn Văn Thành", "Trần Thị Hồng", "Lê Minh Khoa", "Phạm Thị Ngọc Ánh",
         "Huỳnh Văn Lộc", "Võ Thị Thanh Thảo", "Đặng Hữu Phước", "Bùi Thị Kim Yến",
         "Châu Văn Sơn", "Thạch Thị Sa Rây"]  # fmt: skip
ASKS = [
    ("Quyết định phê duyệt giá đất cụ thể năm 2025", "Bồi thường khi thu hồi đất"),
    ("Kế hoạch sử dụng đất hằng năm của địa phương", "Gia đình có đất trong khu vực"),
    ("Danh sách hộ nghèo được hỗ trợ nhà ở", "Kiểm tra tên gia đình"),
    ("Báo cáo quyết toán ngân sách năm trước", "Giám sát chi tiêu công"),
    ("Kết quả lựa chọn nhà thầu gói thầu nâng cấp đường giao thông", "Giám sát của cộng đồng"),
    ("Quy hoạch chi tiết khu dân cư ven biển", "Tìm hiểu trước khi mua đất"),
    ("Kế hoạch tuyển dụng viên chức năm 2025", "Chuẩn bị dự tuyển"),
    ("Biên bản kiểm tra an toàn thực phẩm tại chợ", "Bảo vệ sức khỏe gia đình"),
]
CHANNELS = [Channel.ONLINE] * 10 + [Channel.IN_PERSON] * 4 + [Channel.EMAIL] * 2 + [
    Channel.POST
] * 3 + [Channel.FAX]  # fmt: skip
GROUNDS = ["a6_not_accessible", "a7_no_consent", "a17_already_public", "not_responsible",
           "exceeds_capacity"]  # fmt: skip


def seed_past_years(officers: dict[str, str]) -> int:
    """Once: nothing is added if any request was received in those years."""
    if InformationRequest.objects.filter(received_at__year__in=YEARS).exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__in=officers.values())}
    rng = random.Random(2025)
    calendar = WorkingCalendar(datetime.date(YEARS[0], 1, 1), datetime.date(YEARS[-1] + 1, 3, 1))
    created = 0
    for name, per_year, late_share in AGENCIES:
        agency = Agency.objects.filter(name=name).first()
        if agency is None:
            continue
        officer = users.get(officers.get(name, ""))
        for year in YEARS:
            count = per_year if year == YEARS[-1] else max(2, round(per_year * 0.7))
            for _ in range(count):
                _story(rng, calendar, agency, officer, year, late_share)
                created += 1
    return created


def _at(date: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


def _working_day(rng, calendar, year) -> datetime.date:
    while True:
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        if calendar.is_working_day(day):
            return day


def _story(rng, calendar, agency, officer, year, late_share) -> None:
    received = _working_day(rng, calendar, year)
    name = rng.choice(NAMES)
    information, purpose = rng.choice(ASKS)
    request_obj = InformationRequest(
        agency=agency,
        channel=rng.choice(CHANNELS),
        received_at=_at(received, 8 + rng.randrange(8)),
        full_name=name,
        id_number=f"0910{rng.randrange(10**8):08d}",
        address=f"Số {rng.randrange(1, 200)} đường Trần Phú, {agency.name}",
        email=f"nguoidan{rng.randrange(10**5)}@example.com",
        information=information,
        purpose=purpose,
        delivery_form="email",
        needs_assistance=rng.random() < 0.05,
    )
    if rng.random() < 0.04:  # a cooperative asking for its members (form 01b)
        request_obj.requester_kind = "organisation"
        request_obj.organisation_name = "Hợp tác xã nông nghiệp Tân Hiệp"
    workflow.open_request(request_obj, actor=officer)
    roll = rng.random()
    if roll < 0.05:
        _step(request_obj, "withdraw", officer, calendar.add_working_days(received, 1))
        return
    if roll < 0.12:
        note = "Chuyển cơ quan có trách nhiệm cung cấp thông tin."
        _step(request_obj, "redirect", officer, calendar.add_working_days(received, 1),
              responsible_agency_name="Sở Xây dựng tỉnh An Giang", note=note)  # fmt: skip
        return
    complexity = "complex" if rng.random() < 0.3 else "simple"
    _step(request_obj, "accept", officer, received, complexity=complexity, valid_on=received)
    request_obj.refresh_from_db()
    if year == YEARS[-1] and received.month == 12 and rng.random() < 0.6:
        return  # still being handled at the end of the year
    extended_on = None
    if complexity == "complex" and rng.random() < 0.3:
        extended_on = calendar.add_working_days(received, 5)
        reason = "Cần lấy ý kiến của đơn vị chuyên môn."
        _step(request_obj, "extend", officer, extended_on, extension_reason=reason)
        request_obj.refresh_from_db()
    answered = _answer_date(rng, calendar, request_obj, late=rng.random() < late_share)
    answered = max(answered, extended_on or answered)
    if answered > timezone.localdate():
        return
    if request_obj.channel == Channel.IN_PERSON and rng.random() < 0.4:
        fees.add_item(request_obj, FeeItem.objects.get(code="1.1"), rng.randint(4, 40))
        _step(request_obj, "ask_payment", officer, answered, payment_due_on=answered)
        request_obj.refresh_from_db()
        _step(request_obj, "payment_received", officer, answered,
              paid_amount=request_obj.fee_amount, paid_on=answered)  # fmt: skip
    outcome = rng.random()
    if outcome < 0.14:
        grounds = [{"code": rng.choice(GROUNDS), "art6_subtype": "work_secret"}]
        _step(request_obj, "refuse", officer, answered, grounds=grounds,
              reason="Thông tin thuộc trường hợp từ chối cung cấp theo Điều 28 Luật.")  # fmt: skip
    elif outcome < 0.24:
        grounds = [{"code": "a6_not_accessible", "art6_subtype": "internal_document"}]
        _step(request_obj, "provide_partial", officer, answered, grounds=grounds,
              reason="Phần tài liệu nội bộ không được cung cấp.")  # fmt: skip
    else:
        _step(request_obj, "provide_full", officer, answered)
    if rng.random() < 0.7:
        _step(request_obj, "close", officer, answered)


def _answer_date(rng, calendar, request_obj, *, late: bool) -> datetime.date:
    """Within the time limit, or up to six working days after it."""
    due = request_obj.current_due_on
    if late:
        return calendar.add_working_days(due, rng.randint(1, 6))
    allowed = calendar.working_days_between(request_obj.valid_on, due)
    return calendar.add_working_days(request_obj.valid_on, rng.randint(0, allowed))


def _step(request_obj, name, officer, on: datetime.date, **params) -> None:
    workflow.transition(request_obj, name, actor=officer, at=_at(on, 16), **params)
