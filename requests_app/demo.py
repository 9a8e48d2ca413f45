"""Demo requests for the two demo officers' agencies, in every stage of the workflow: new, to
supplement, running, overdue, paid and provided, refused, redirected."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from agencies.demo import demo_pdf
from agencies.models import Agency
from portal.pdf import PdfUnavailable

from . import demo_history, fees, notices, workflow
from .models import Complaint, FeeItem, InformationRequest, ResponseFile

REQUESTERS = [
    (
        "Nguyễn Văn Tài",
        "091088001111",
        "Số 5 đường Nguyễn Trung Trực, phường Rạch Giá",
        "tai.nv@example.com",
    ),
    ("Trần Thị Mai", "091190002222", "Ấp Suối Lớn, đặc khu Phú Quốc", "mai.tt@example.com"),
    ("Lê Hoàng Nam", "091085003333", "Tổ 4, phường Long Xuyên", ""),
    ("Phạm Thị Lan", "091195004444", "Ấp Bãi Nhà, đặc khu Kiên Hải", "lan.pt@example.com"),
    ("Huỳnh Văn Hùng", "091080005555", "Ấp An Thới, đặc khu Phú Quốc", "hung.hv@example.com"),
]
ASKS = [
    ("Báo cáo công khai dự toán ngân sách năm 2026", "Tìm hiểu chi tiêu công của tỉnh"),
    ("Kế hoạch sử dụng đất năm 2026 tại khu vực ấp Suối Lớn", "Gia đình có đất trong khu vực"),
    ("Danh sách hộ được hỗ trợ sau đợt triều cường tháng 10 năm 2025", "Kiểm tra tên gia đình"),
    ("Kết quả lựa chọn nhà thầu gói thầu sửa chữa trường tiểu học", "Giám sát của cộng đồng"),
    ("Quyết định phê duyệt giá đất cụ thể dự án mở rộng đường", "Bồi thường đất bị thu hồi"),
    ("Biên bản họp nội bộ về phân bổ ngân sách", "Tìm hiểu quá trình ra quyết định"),
]


OFFICERS = {
    "Sở Tài chính tỉnh An Giang": "canbo.taichinh",
    "Đặc khu Phú Quốc": "canbo.phuquoc",
}


def seed(write):
    created = 0
    for agency_name, username in OFFICERS.items():
        agency = Agency.objects.filter(name=agency_name).first()
        officer = get_user_model().objects.filter(username=username).first()
        if agency is None or officer is None or agency.requests.exists():
            continue
        created += _seed_agency(agency, officer)
    created += demo_history.seed_past_years(OFFICERS)
    write(f"Information requests: {InformationRequest.objects.count()}; {created} added now.")


def _seed_agency(agency, officer) -> int:
    today = timezone.localdate()
    stories = [
        (1, "online", []),
        (
            5,
            "post",
            [("request_supplement", {"note": "Xin bổ sung số, ngày của văn bản cần cung cấp."})],
        ),
        (3, "online", [("accept", {"complexity": "complex"})]),
        (12, "email", [("accept", {"complexity": "simple"})]),  # now overdue
        (
            20,
            "in_person",
            [
                ("accept", {"complexity": "complex"}),
                ("_costs", {}),
                ("ask_payment", {"payment_due_on": today}),
                ("payment_received", {"paid_amount": 36_000, "paid_on": today}),
                ("provide_full", {"note": "Thông tin được gửi kèm theo đây."}),
            ],
        ),
        (
            15,
            "online",
            [
                ("accept", {"complexity": "simple"}),
                (
                    "refuse",
                    {
                        "grounds": [
                            {"code": "a6_not_accessible", "art6_subtype": "internal_meeting"}
                        ],
                        "reason": "Biên bản họp nội bộ là thông tin không được tiếp cận.",
                    },
                ),
            ],
        ),
    ]
    for index, (days_ago, channel, steps) in enumerate(stories):
        name, id_number, address, email = REQUESTERS[index % len(REQUESTERS)]
        information, purpose = ASKS[index % len(ASKS)]
        received = timezone.now() - datetime.timedelta(days=days_ago)
        request_obj = InformationRequest(
            agency=agency,
            channel=channel,
            received_at=received,
            full_name=name,
            id_number=id_number,
            address=address,
            email=email,
            information=information,
            purpose=purpose,
            delivery_form="email" if email else "post",
            needs_assistance=index == 3,
            assigned_to=officer,
        )
        workflow.open_request(request_obj, actor=officer if channel != "online" else None)
        for name_, params in steps:
            if name_ == "_costs":  # 12 A4 photocopies at the agency's rate
                fees.add_item(request_obj, FeeItem.objects.get(code="1.1"), 12)
                continue
            if name_ == "accept":
                params = {**params, "valid_on": timezone.localdate(received)}
            if name_ == "provide_full":
                ResponseFile.objects.create(
                    request=request_obj,
                    title="Báo cáo dự toán ngân sách năm 2026",
                    file=ContentFile(demo_pdf("BC-2026"), name="du-toan-2026.pdf"),
                )
            workflow.transition(request_obj, name_, actor=officer, **params)
        _issue_notices(request_obj, officer)
    Complaint.objects.get_or_create(
        agency=agency,
        full_name="Ngô Văn Lực",
        defaults={
            "kind": Complaint.Kind.FEEDBACK,
            "email": "luc.nv@example.com",
            "content": "Đề nghị đăng thêm danh mục thông tin về đất đai của năm 2026.",
        },
    )
    return len(stories)


def _issue_notices(request_obj, officer) -> None:
    """The notices an officer would have printed; skipped where Pango is missing."""
    try:
        for kind in notices.allowed_kinds(request_obj):
            notices.issue(request_obj, kind, actor=officer)
    except PdfUnavailable:
        return
