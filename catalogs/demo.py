"""Demo catalogs for the agencies of agencies/demo.py: realistic Vietnamese entries in both
lists, with drafts, a late publication, entries past their review date, a hidden one and a
correction, so that every public page and filter has something to show."""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from agencies.choices import RegulationStatus
from agencies.demo import demo_pdf
from agencies.models import Agency
from portal.text import fold

from .choices import (
    Catalog,
    Category,
    Classification,
    ConsentGround,
    EntryStatus,
    NotAccessibleGround,
)
from .models import CatalogEntry, CatalogFile, DisclosureMethod
from .services import publish, record_correction

C = Category
PUBLIC_TITLES = [
    (C.A, "Quyết định công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của {name}"),
    (C.B, "Tài liệu hướng dẫn thực hiện Luật Tiếp cận thông tin năm {year}"),
    (
        C.C,
        "Dự thảo Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {name}",
    ),
    (C.D, "Kế hoạch công tác năm {year} của {name}"),
    (C.DD, "Báo cáo công khai dự toán ngân sách năm {year}"),
    (C.DD, "Công khai quyết toán ngân sách năm {last_year}"),
    (
        C.E,
        "Báo cáo quản lý, sử dụng kinh phí hỗ trợ người dân bị thiệt hại do thiên tai"
        " năm {last_year}",
    ),
    (C.G, "Kết quả lựa chọn nhà thầu gói thầu số {number}: sửa chữa trụ sở làm việc"),
    (C.G, "Danh mục dự án đầu tư công trung hạn giai đoạn 2026–2030"),
    (C.I, "Kết luận kiểm tra an toàn thực phẩm dịp Tết Nguyên đán {year}"),
    (C.K, "Quy chế làm việc của {name}"),
    (C.L, "Báo cáo tình hình thực hiện nhiệm vụ 6 tháng đầu năm {year}"),
    (C.L, "Thông báo tuyển dụng công chức năm {year}"),
    (C.M, "Danh mục thông tin phải được công khai của {name}"),
    (C.N, "Thông báo về phòng, chống dịch sốt xuất huyết năm {year}"),
    (C.O, "Công khai mức thu phí, lệ phí thuộc thẩm quyền năm {year}"),
]
CONDITIONAL_TITLES = [
    (
        C.G,
        "Hồ sơ dự thầu của các nhà thầu gói thầu số {number}",
        ConsentGround.BUSINESS_SECRET,
        "Các nhà thầu đã nộp hồ sơ dự thầu",
    ),
    (
        C.P,
        "Hồ sơ giải quyết khiếu nại của công dân năm {last_year}",
        ConsentGround.PERSONAL_SECRET,
        "Người khiếu nại có tên trong hồ sơ",
    ),
    (
        C.G,
        "Hồ sơ hòa giải tranh chấp đất đai giữa các hộ gia đình năm {last_year}",
        ConsentGround.FAMILY_SECRET,
        "Các thành viên của hộ gia đình liên quan",
    ),
]
FORMS_BY_KIND = {
    "commune": ["portal", "posting"],
    "default": ["portal", "gazette", "posting"],
}


def seed(write):
    methods = {method.code: method for method in DisclosureMethod.objects.all()}
    agencies = Agency.objects.active().filter(catalog_entries__isnull=True).order_by("pk")
    created = 0
    for index, agency in enumerate(
        agencies.filter(regulations__status=RegulationStatus.PUBLISHED).distinct()
    ):
        created += _seed_agency(agency, index, methods)
    write(f"Catalog entries: {CatalogEntry.objects.count()} in the database; {created} added now.")


def _seed_agency(agency, index, methods) -> int:
    rng = random.Random(agency.pk)  # the same entries every time for the same agency
    today = timezone.localdate()
    titles = rng.sample(PUBLIC_TITLES, k=min(len(PUBLIC_TITLES), 5 + index % 8))
    entries = []
    for number, (category, template) in enumerate(titles, start=1):
        created_on = today - datetime.timedelta(days=rng.randint(10, 700))
        entry = _entry(agency, Catalog.PUBLIC, category, template, created_on, number, rng)
        entry.disclosure_forms.set(
            [methods[c] for c in FORMS_BY_KIND.get(agency.kind, FORMS_BY_KIND["default"])]
        )
        entries.append(entry)
    if agency.kind == Agency.Kind.DEPARTMENT:
        for number, (category, template, ground, holder) in enumerate(CONDITIONAL_TITLES, 1):
            created_on = today - datetime.timedelta(days=rng.randint(30, 400))
            entry = _entry(agency, Catalog.CONDITIONAL, category, template, created_on, number, rng)
            entry.classification = Classification.CONDITIONAL
            entry.consent_ground, entry.consent_holder = ground, holder
            entry.consent_how = (
                "Gửi văn bản đề nghị đồng ý theo Mẫu 06 (Nghị định 13/2018/NĐ-CP) "
                "tới người có quyền đồng ý; đầu mối cung cấp thông tin hướng dẫn cách liên hệ."
            )
            entry.save()
            entries.append(entry)
    _publish_most(entries, rng)
    _attach_files(entries[:3])
    _correct_one(entries)
    return len(entries)


def _entry(agency, catalog, category, template, created_on, number, rng):
    year = created_on.year
    title = template.format(name=agency.name, year=year, last_year=year - 1, number=number)
    symbol = fold(agency.short_name or "UBND").upper().replace(" ", "")
    return CatalogEntry.objects.create(
        agency=agency,
        catalog=catalog,
        category=category,
        title=title,
        number_symbol=f"{rng.randint(10, 999)}/{'QĐ' if category == C.A else 'BC'}-{symbol}",
        created_on=created_on,
        creating_unit=rng.choice(["Văn phòng", "Phòng Kế hoạch - Tài chính", "Thanh tra"]),
        summary=f"{title}. Thông tin được công khai theo Điều 17 Luật Tiếp cận thông tin.",
        disclosure_period=rng.choice(["Thường xuyên", "30 ngày", "Đến khi có văn bản thay thế"]),
        place=f"Trụ sở {agency.name}",
        access_url=agency.website,
        listed_on=created_on,
        review_on=created_on + datetime.timedelta(days=365),
    )


def _publish_most(entries, rng):
    for position, entry in enumerate(entries):
        if position == len(entries) - 1 and len(entries) > 5:
            continue  # the last one stays a draft, invisible to citizens
        if position == 4:
            # Reviewed and found to be a work secret: kept in the admin, never shown.
            entry.classification = Classification.NOT_ACCESSIBLE
            entry.not_accessible_ground = NotAccessibleGround.WORK_SECRET
            entry.save()
            continue
        delay = 2 if position != 1 else 14  # the second entry was published late
        entry.disclosed_on = entry.created_on + datetime.timedelta(days=delay)
        publish(entry)


def _attach_files(entries):
    for entry in entries:
        CatalogFile.objects.create(
            entry=entry,
            title=f"Toàn văn {entry.number_symbol}",
            file=ContentFile(demo_pdf(entry.number_symbol), name=f"{entry.pk}.pdf"),
        )


def _correct_one(entries):
    published = [
        e for e in entries if e.status == EntryStatus.PUBLISHED and e.catalog == Catalog.PUBLIC
    ]
    if not published:
        return
    entry = published[0]
    before = {"place": entry.place}
    entry.place = f"{entry.place} và Bộ phận Một cửa"
    entry.save()
    record_correction(entry, before, reason="Bổ sung địa điểm niêm yết còn thiếu.")
