"""CSV and XLSX exports of a filtered list, in the columns of Decree 13 Art 6(3).

Rows are streamed from the database in chunks, so a province-wide export never holds the whole
list in memory. Only public entries reach here (catalogs.views.filtered_entries).
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

CHUNK = 2000


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


COLUMNS = (
    (_("No."), None),
    (_("Agency"), lambda e: e.agency.name),
    (_("List"), lambda e: e.get_catalog_display()),
    (_("Category (Law Art 17(1))"), lambda e: e.get_category_display()),
    (_("Title of the document, file or record"), lambda e: e.title),
    (_("Number and symbol"), lambda e: e.number_symbol),
    (_("Date created"), lambda e: _date(e.created_on)),
    (_("Creating unit"), lambda e: e.creating_unit),
    (_("Forms of disclosure"), lambda e: "; ".join(str(f) for f in e.disclosure_forms.all())),
    (_("Time of disclosure"), lambda e: _date(e.disclosed_on)),
    (_("Duration of disclosure"), lambda e: e.disclosure_period),
    (_("Place of disclosure"), lambda e: e.place),
    (_("Access link"), lambda e: e.access_url),
    (_("Summary"), lambda e: e.summary),
    (_("Art 7 ground"), lambda e: e.get_consent_ground_display()),
    (_("Whose consent is needed"), lambda e: e.consent_holder),
    (_("Status"), lambda e: e.get_status_display()),
    (_("Date listed"), lambda e: _date(e.listed_on)),
    (_("Date updated"), lambda e: _date(timezone.localtime(e.updated_at).date())),
    (_("Web page"), None),
)


# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(queryset, request_base: str):
    yield [str(header) for header, _getter in COLUMNS]
    for number, entry in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        values = [_inert(getter(entry)) if getter else "" for _header, getter in COLUMNS]
        values[0] = number
        values[-1] = request_base + entry.get_absolute_url()
        yield values


class _Echo:
    def write(self, value):
        return value


def _filename(extension: str) -> str:
    return f"danh-muc-thong-tin-{timezone.localdate():%Y%m%d}.{extension}"


def csv_response(queryset, request) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    # A byte-order mark lets Excel read the Vietnamese text as UTF-8.
    lines = (writer.writerow(row) for row in rows(queryset, request.build_absolute_uri("/")[:-1]))
    response = StreamingHttpResponse(_with_bom(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _with_bom(lines):
    yield "\ufeff"
    yield from lines


def xlsx_response(queryset, request) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Catalog")))
    for row in rows(queryset, request.build_absolute_uri("/")[:-1]):
        sheet.append(row)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
