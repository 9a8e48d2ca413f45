"""Demo data: An Giang province after the 2025 reform (it absorbed Kiên Giang; LEGAL §5.2).

The province's bodies, a few dozen of its 102 communes, wards and special zones, focal points
and internal regulations, with some agencies deliberately non-compliant so that the badges and
the compliance filter have something to show. Names of bodies are real; people, phone numbers,
addresses and decision numbers are invented.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from portal.roles import DEPARTMENT_OF_JUSTICE, FOCAL_POINT_OFFICERS
from portal.text import fold

from .models import Agency, FocalPoint, InternalRegulation, Officer
from .services import publish_regulation

DEMO_PASSWORD = "Demo@2026"
PROVINCE_ADDRESS = "tỉnh An Giang"
K = Agency.Kind

# (name, short name, kind, focal point state, regulation state, area rate)
# focal point state: "active", "inactive" or None; regulation: "full", "partial", "draft" or None.
PROVINCIAL = [
    ("Văn phòng Ủy ban nhân dân tỉnh An Giang", "VP UBND tỉnh", K.PPC_OFFICE, "active", "full"),
    (
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh An Giang",
        "VP ĐĐBQH và HĐND tỉnh",
        K.COUNCIL_OFFICE,
        "active",
        "full",
    ),
]

DEPARTMENTS = [
    ("Sở Nội vụ", "SNV", "active", "full"),
    ("Sở Tư pháp", "STP", "active", "full"),
    ("Sở Tài chính", "STC", "active", "full"),
    ("Sở Công Thương", "SCT", "active", "partial"),
    ("Sở Xây dựng", "SXD", "active", "full"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", "active", "full"),
    ("Sở Khoa học và Công nghệ", "SKHCN", "active", "full"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", "active", "partial"),
    ("Sở Y tế", "SYT", "active", "full"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "active", None),
    ("Sở Ngoại vụ", "SNgV", None, None),
    ("Sở Dân tộc và Tôn giáo", "SDTTG", "active", "draft"),
    ("Thanh tra tỉnh", "TTT", "active", "full"),
    ("Ban Quản lý Khu kinh tế tỉnh An Giang", "BQLKKT", "inactive", "full"),
]

# Units inside a department: (parent short name, name, short name)
UNITS = [
    ("SNV", "Ban Thi đua - Khen thưởng (Sở Nội vụ)", "BTĐKT"),
    ("SNNMT", "Chi cục Kiểm lâm (Sở Nông nghiệp và Môi trường)", "CCKL"),
    ("SNNMT", "Chi cục Thủy lợi (Sở Nông nghiệp và Môi trường)", "CCTL"),
    ("SYT", "Chi cục An toàn vệ sinh thực phẩm (Sở Y tế)", "CCATVSTP"),
]

# (name, area rate, focal point, regulation)
COMMUNES = [
    ("Phường Rạch Giá", 100, "active", "full"),
    ("Phường Vĩnh Thông", 100, "active", "full"),
    ("Phường Long Xuyên", 100, "active", "full"),
    ("Phường Bình Đức", 100, "active", "partial"),
    ("Phường Mỹ Thới", 100, "active", None),
    ("Phường Châu Đốc", 100, "active", "full"),
    ("Phường Vĩnh Tế", 100, None, None),
    ("Phường Tân Châu", 100, "active", "full"),
    ("Phường Long Phú", 100, "active", "draft"),
    ("Phường Tịnh Biên", 100, "active", "full"),
    ("Phường Thới Sơn", 100, None, None),
    ("Phường Chi Lăng", 100, "active", "full"),
    ("Phường Hà Tiên", 100, "active", "full"),
    ("Phường Tô Châu", 100, "inactive", None),
    ("Đặc khu Phú Quốc", 100, "active", "full"),
    ("Đặc khu Kiên Hải", 50, "active", "full"),
    ("Đặc khu Thổ Châu", 50, "active", None),
    ("Xã Mỹ Hòa Hưng", 100, "active", "full"),
    ("Xã Núi Sập", 100, "active", "full"),
    ("Xã Óc Eo", 100, None, None),
    ("Xã Thoại Sơn", 100, "active", "partial"),
    ("Xã Tri Tôn", 70, "active", "full"),
    ("Xã Ba Chúc", 70, "active", None),
    ("Xã An Phú", 70, "active", "full"),
    ("Xã Chợ Mới", 100, "active", "full"),
    ("Xã Cù Lao Giêng", 100, None, None),
    ("Xã Châu Phú", 100, "active", "draft"),
    ("Xã Kiên Lương", 100, "active", "full"),
    ("Xã Hòn Đất", 100, "active", "full"),
    ("Xã Giang Thành", 70, None, None),
    ("Xã Vĩnh Điều", 70, "active", None),
    ("Xã Tân Hiệp", 100, "active", "full"),
    ("Xã Giồng Riềng", 100, "active", "partial"),
    ("Xã Gò Quao", 100, "active", "full"),
    ("Xã An Biên", 100, None, None),
    ("Xã An Minh", 70, "active", "full"),
    ("Xã U Minh Thượng", 70, "active", None),
    ("Xã Vĩnh Thuận", 100, "active", "full"),
    ("Xã Tiên Hải", 50, "active", None),
]

# Bodies abolished on 1 July 2025 (LEGAL §5.2): (name, successor)
ABOLISHED = [
    ("Ủy ban nhân dân thành phố Rạch Giá", "Phường Rạch Giá"),
    ("Ủy ban nhân dân thành phố Phú Quốc", "Đặc khu Phú Quốc"),
    ("Ủy ban nhân dân huyện Kiên Hải", "Đặc khu Kiên Hải"),
    ("Sở Kế hoạch và Đầu tư tỉnh Kiên Giang", "Sở Tài chính"),
]

STREETS = [
    "Nguyễn Trung Trực",
    "Trần Phú",
    "Lê Lợi",
    "Nguyễn Huệ",
    "Hùng Vương",
    "Tôn Đức Thắng",
    "Lý Tự Trọng",
    "30 Tháng 4",
]
PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Phúc",
    "Phạm Thị Thu Trang",
    "Huỳnh Minh Tâm",
    "Võ Thị Kim Oanh",
    "Đặng Quốc Bảo",
    "Bùi Thị Mỹ Linh",
    "Dương Văn Hậu",
    "Lâm Thị Hồng Nhung",
]


def seed(write):
    agencies = _seed_agencies()
    focal = regs = 0
    for index, (agency, focal_state, regulation_state) in enumerate(agencies):
        focal += _seed_focal_point(agency, focal_state, index)
        regs += _seed_regulation(agency, regulation_state, index)
    _seed_abolished()
    write(
        f"Agencies: {Agency.objects.count()} in the database; "
        f"{focal} focal points and {regs} regulations added now."
    )
    _seed_users(write)


def _seed_agencies():
    """Create the agencies that do not exist yet; return (agency, focal, regulation) triples."""
    rows = []
    for name, short, kind, focal, reg in PROVINCIAL:
        rows.append((_agency(name, short, kind), focal, reg))
    by_short = {}
    for name, short, focal, reg in DEPARTMENTS:
        agency = _agency(
            f"{name} tỉnh An Giang" if name.startswith("Sở") else name, short, K.DEPARTMENT
        )
        by_short[short] = agency
        rows.append((agency, focal, reg))
    for parent_short, name, short in UNITS:
        rows.append(
            (_agency(name, short, K.DEPARTMENT, parent=by_short[parent_short]), "active", None)
        )
    for name, rate, focal, reg in COMMUNES:
        rows.append((_agency(name, "", K.COMMUNE, area_rate=rate), focal, reg))
    return rows


def _agency(name, short, kind, parent=None, area_rate=100):
    street = STREETS[len(name) % len(STREETS)]
    number = 10 + len(name) * 3
    agency, _created = Agency.objects.get_or_create(
        name=name,
        defaults={
            "short_name": short,
            "kind": kind,
            "parent": parent,
            "area_rate": area_rate,
            "address": f"Số {number} đường {street}, {_locality(name)}, {PROVINCE_ADDRESS}",
            "phone": f"0297 3{number:03d} {len(name) * 7 % 1000:03d}",
            "email": f"{_mailbox(short or name)}@angiang.gov.vn",
            "website": f"https://{_mailbox(short or name)}.angiang.gov.vn",
            **_notice_particulars(name, short, kind, number),
        },
    )
    return agency


def _notice_particulars(name, short, kind, number) -> dict:
    """What this agency's official notices print (Decree 30/2020 Art 8)."""
    commune = kind == K.COMMUNE
    local = name.split(" ", 1)[1] if commune and " " in name else ""
    if commune and name.startswith("Đặc khu"):
        local = name.removeprefix("Đặc khu ")
    return {
        "superior_body": "" if commune else "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "document_code": "UBND" if commune else fold(short).upper().replace(" ", ""),
        "place_name": local or "Rạch Giá",
        "signer_title": "CHỦ TỊCH" if commune else "GIÁM ĐỐC",
        "signer_name": PEOPLE[number % len(PEOPLE)],
        "payment_instructions": (
            "Nộp vào tài khoản thu ngân sách nhà nước tại Kho bạc Nhà nước khu vực XIX; "
            "cơ quan quản lý thu: Thuế tỉnh An Giang"
        ),
    }


def _locality(name: str) -> str:
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[0].lower() + name[1:]
    return "phường Rạch Giá"


def _mailbox(text: str) -> str:
    for prefix in ("phuong ", "xa ", "dac khu "):
        folded = fold(text)
        if folded.startswith(prefix):
            return folded.removeprefix(prefix).replace(" ", "")
    return fold(text).replace(" ", "")


def _seed_focal_point(agency, state, index) -> int:
    if state is None or agency.focal_points.exists():
        return 0
    is_commune = agency.kind == K.COMMUNE
    FocalPoint.objects.create(
        agency=agency,
        arrangement=FocalPoint.Arrangement.INDIVIDUAL
        if is_commune
        else FocalPoint.Arrangement.UNIT,
        name=PEOPLE[index % len(PEOPLE)] if is_commune else "Văn phòng",
        position="Công chức Văn phòng - Thống kê" if is_commune else "Chánh Văn phòng",
        phone=agency.phone,
        email=agency.email,
        reception_address=f"Bộ phận Một cửa, {agency.address}",
        reception_hours="Sáng 7h00–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu",
        is_active=state == "active",
    )
    return 1


def _seed_regulation(agency, state, index) -> int:
    if state is None or agency.regulations.exists():
        return 0
    symbol = agency.short_name or "UBND"
    if agency.short_name == "STP":
        # One agency with a history: its 2018 regulation, superseded after the 2025 reform.
        _regulation(agency, f"89/QĐ-{symbol}", datetime.date(2018, 6, 20), full=True, publish=True)
    decision_date = datetime.date(2025, 7, 15) + datetime.timedelta(days=index * 3)
    _regulation(
        agency,
        f"{100 + index}/QĐ-{symbol}",
        decision_date,
        full=state == "full",
        publish=state != "draft",
    )
    return 1


def _regulation(agency, number, decision_date, *, full, publish):
    regulation = InternalRegulation.objects.create(
        agency=agency,
        title=f"Quy chế cung cấp thông tin cho công dân của {agency.name}",
        decision_number=number,
        decision_date=decision_date,
        effective_date=decision_date + datetime.timedelta(days=10),
        body=_regulation_body(agency),
        designates_focal_point=True,
        covers_handover=True,
        covers_classification=full,
        covers_updating=True,
        covers_request_procedure=full,
    )
    if publish:
        regulation.signed_file.save(
            f"{fold(number).replace('/', '-')}.pdf", ContentFile(demo_pdf(number)), save=True
        )
        publish_regulation(regulation)
    return regulation


def _regulation_body(agency) -> str:
    return (
        "<h2>Chương I. Quy định chung</h2>"
        "<h3>Điều 1. Phạm vi điều chỉnh</h3>"
        f"<p>Quy chế này quy định việc tổ chức cung cấp thông tin cho công dân của {agency.name}, "
        "theo Luật Tiếp cận thông tin số 104/2016/QH13 và Nghị định số 13/2018/NĐ-CP.</p>"
        "<h3>Điều 2. Đầu mối cung cấp thông tin</h3>"
        "<p>Văn phòng là đơn vị đầu mối, chịu trách nhiệm tiếp nhận, xử lý yêu cầu cung cấp "
        "thông tin và cập nhật danh mục thông tin phải được công khai.</p>"
        "<h2>Chương II. Cung cấp thông tin theo yêu cầu</h2>"
        "<h3>Điều 3. Tiếp nhận và giải quyết yêu cầu</h3>"
        "<ul><li>Tiếp nhận trực tiếp tại Bộ phận Một cửa;</li>"
        "<li>Tiếp nhận qua mạng điện tử, dịch vụ bưu chính, fax.</li></ul>"
    )


def demo_pdf(title: str) -> bytes:
    """A one-page PDF standing in for the scanned signed decision."""
    text = f"Quyet dinh {fold(title).upper()} - ban dien tu minh hoa (du lieu demo)"
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _seed_abolished():
    for name, successor_name in ABOLISHED:
        successor = Agency.objects.get(name__startswith=successor_name)
        Agency.objects.get_or_create(
            name=name,
            defaults={
                "kind": K.OTHER,
                "is_active": False,
                "successor": successor,
                "address": f"(đã chấm dứt hoạt động từ 01/7/2025) {PROVINCE_ADDRESS}",
            },
        )


DEMO_USERS = [
    # username, full name, role, agency name (officers only), superuser
    ("admin", "Quản trị hệ thống", None, None, True),
    ("tuphap.baocao", "Lê Thị Thu Hà", DEPARTMENT_OF_JUSTICE, None, False),
    (
        "canbo.taichinh",
        "Nguyễn Văn Minh",
        FOCAL_POINT_OFFICERS,
        "Sở Tài chính tỉnh An Giang",
        False,
    ),
    ("canbo.phuquoc", "Trần Thị Ngọc Lan", FOCAL_POINT_OFFICERS, "Đặc khu Phú Quốc", False),
]


def _seed_users(write):
    User = get_user_model()
    write(f"\nDemo logins at /admin/ (password for all: {DEMO_PASSWORD})")
    for username, full_name, role, agency_name, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "email": f"{username}@example.com",
                "is_staff": True,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role:
            user.groups.add(Group.objects.get(name=role))
        if agency_name:
            Officer.objects.get_or_create(
                user=user,
                defaults={
                    "agency": Agency.objects.get(name=agency_name),
                    "full_name": full_name,
                    "position": "Chuyên viên Văn phòng",
                },
            )
        write(f"  {username:<16} {_describe(superuser, role, agency_name)}")


def _describe(superuser, role, agency_name) -> str:
    if superuser:
        return "superuser"
    if role == DEPARTMENT_OF_JUSTICE:
        return "Department of Justice staff (every agency)"
    return f"focal-point officer of {agency_name}"
