"""Officers import their lists from spreadsheets: all or nothing, errors by row and column."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from openpyxl import Workbook

from catalogs import importers
from catalogs.models import CatalogEntry

pytestmark = pytest.mark.django_db

HEADER = [
    "Tên văn bản, hồ sơ, tài liệu",
    "Số, ký hiệu",
    "Ngày tạo ra",
    "Nhóm thông tin (khoản 1 Điều 17 Luật)",
    "Danh mục",
    "Hình thức công khai",
    "Căn cứ Điều 7",
    "Người phải đồng ý",
]
GOOD_ROWS = [
    [
        "Dự toán ngân sách năm 2026",
        "12/BC-STC",
        "05/01/2026",
        "đ",
        "công khai",
        "portal; posting",
        "",
        "",
    ],
    ["Kế hoạch công tác năm 2026", "15/KH-STC", "10/01/2026", "d", "public", "Công báo", "", ""],
    [
        "Hồ sơ dự thầu gói thầu số 3",
        "",
        "12/01/2026",
        "g",
        "có điều kiện",
        "",
        "bí mật kinh doanh",
        "Các nhà thầu",
    ],
]


def _xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("danh-muc.xlsx", buffer.getvalue())


def _csv(rows, header=HEADER) -> SimpleUploadedFile:
    """As Excel saves it in a Vietnamese locale: semicolons, a byte-order mark."""
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows([header, *rows])
    return SimpleUploadedFile("danh-muc.csv", text.getvalue().encode("utf-8-sig"))


def _preview(upload, agency):
    return importers.parse(importers.read_table(upload), agency)


@pytest.mark.parametrize("make_file", [_xlsx, _csv])
def test_a_valid_file_imports_every_row(agency_a, make_file):
    preview = _preview(make_file(GOOD_ROWS), agency_a)

    result = importers.import_entries(preview, agency_a)

    assert result == {"created": 3, "skipped": 0}
    budget = CatalogEntry.objects.get(number_symbol="12/BC-STC")
    assert budget.category == "dd"  # đ is its own point, not d
    assert budget.created_on.isoformat() == "2026-01-05"
    assert sorted(budget.disclosure_forms.values_list("code", flat=True)) == ["portal", "posting"]
    assert budget.status == CatalogEntry.Status.DRAFT
    tender = CatalogEntry.objects.get(title="Hồ sơ dự thầu gói thầu số 3")
    assert tender.catalog == "conditional"
    assert tender.consent_ground == "business_secret"


def test_importing_the_same_file_twice_creates_nothing_new(agency_a):
    importers.import_entries(_preview(_xlsx(GOOD_ROWS), agency_a), agency_a)

    result = importers.import_entries(_preview(_xlsx(GOOD_ROWS), agency_a), agency_a)

    assert result == {"created": 0, "skipped": 3}
    assert CatalogEntry.objects.count() == 3


def test_a_failure_while_writing_leaves_nothing_half_imported(agency_a, monkeypatch):
    preview = _preview(_xlsx(GOOD_ROWS), agency_a)
    save, saved = CatalogEntry.save, []

    def save_then_fail_on_the_last_row(entry, *args, **kwargs):
        saved.append(entry)
        if len(saved) == len(GOOD_ROWS):
            raise DatabaseError("the disk is full")
        save(entry, *args, **kwargs)

    monkeypatch.setattr(CatalogEntry, "save", save_then_fail_on_the_last_row)

    with pytest.raises(DatabaseError):
        importers.import_entries(preview, agency_a)
    assert not CatalogEntry.objects.exists()


def test_one_bad_row_imports_nothing_and_names_row_and_column(agency_a):
    rows = [*GOOD_ROWS, ["Báo cáo quý", "7/BC-STC", "31/02/2026", "q", "công khai", "fax", "", ""]]

    preview = _preview(_xlsx(rows), agency_a)

    assert not preview.is_valid
    found = {(error.row, error.column) for error in preview.errors}
    assert (5, "Ngày tạo ra") in found
    assert (5, "Nhóm thông tin (khoản 1 Điều 17 Luật)") in found
    assert (5, "Hình thức công khai") in found
    with pytest.raises(importers.ImportFileError):
        importers.import_entries(preview, agency_a)
    assert not CatalogEntry.objects.exists()


def test_a_conditional_row_without_its_ground_is_an_error(agency_a):
    rows = [["Hồ sơ hộ tịch", "", "12/01/2026", "p", "có điều kiện", "", "", ""]]

    preview = _preview(_csv(rows), agency_a)

    assert [(e.row, e.column) for e in preview.errors] == [
        (2, "Căn cứ Điều 7"),
        (2, "Người phải đồng ý"),
    ]


def test_a_missing_required_column_is_explained(agency_a):
    with pytest.raises(importers.ImportFileError, match="Ngày tạo ra"):
        _preview(_xlsx([["Tên"]], header=["Tên văn bản, hồ sơ, tài liệu"]), agency_a)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("danh-muc.xlsx", b"not a zip"),
        ("danh-muc.csv", "Tên;Ngày\n".encode("utf-16")),
        ("danh-muc.pdf", b"%PDF-1.4"),
        ("danh-muc.csv", b""),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(agency_a, name, content):
    with pytest.raises(importers.ImportFileError):
        _preview(SimpleUploadedFile(name, content), agency_a)


def _admin_preview(client, upload, **extra):
    return client.post(
        reverse("admin:catalogs_catalogentry_import"),
        {"file": upload, "_preview": "1", **extra},
    )


def test_officer_previews_then_confirms_an_import_in_the_admin(client, officer_a, agency_a):
    client.force_login(officer_a)

    preview = _admin_preview(client, _xlsx(GOOD_ROWS))
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    assert not CatalogEntry.objects.exists()  # nothing written by the preview

    done = client.post(
        reverse("admin:catalogs_catalogentry_import"), {"token": token, "_confirm": "1"}
    )

    assert done.status_code == 302
    assert CatalogEntry.objects.filter(agency=agency_a).count() == 3


def test_admin_preview_shows_the_row_and_column_of_each_error(client, officer_a):
    client.force_login(officer_a)
    rows = [*GOOD_ROWS, ["", "7/BC-STC", "01/01/2026", "a", "", "", "", ""]]

    page = _admin_preview(client, _xlsx(rows)).content.decode()

    assert 'id="import-errors"' in page
    assert "<td>5</td><td>Tên văn bản, hồ sơ, tài liệu</td>" in page
    assert 'name="token"' not in page


def test_an_officer_cannot_import_into_another_agency(client, officer_a, agency_a, agency_b):
    client.force_login(officer_a)

    preview = _admin_preview(client, _xlsx(GOOD_ROWS), agency=agency_b.pk)
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    client.post(reverse("admin:catalogs_catalogentry_import"), {"token": token, "_confirm": "1"})

    assert not CatalogEntry.objects.filter(agency=agency_b).exists()
    assert CatalogEntry.objects.filter(agency=agency_a).count() == 3


def test_a_replayed_confirmation_imports_nothing_more(client, officer_a):
    client.force_login(officer_a)
    preview = _admin_preview(client, _xlsx(GOOD_ROWS))
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    confirm = {"token": token, "_confirm": "1"}

    client.post(reverse("admin:catalogs_catalogentry_import"), confirm)
    again = client.post(reverse("admin:catalogs_catalogentry_import"), confirm, follow=True)

    assert CatalogEntry.objects.count() == 3
    assert "hết hạn" in again.content.decode()


def test_the_template_downloads_with_the_headers_in_vietnamese(client, officer_a):
    client.force_login(officer_a)

    response = client.get(reverse("admin:catalogs_catalogentry_import_template"))
    workbook = __import__("openpyxl").load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in next(workbook.active.iter_rows(max_row=1))]

    assert header[0] == "Tên văn bản, hồ sơ, tài liệu"
    assert header[2] == "Ngày tạo ra"
