"""CSV and XLSX exports of a filtered list, in the columns of Decree 13 Art 6(3).

Rows are streamed from the database in chunks, so a province-wide export never holds the whole
list in memory. Only public entries reach here (catalogs.views.filtered_entries).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import exports

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


def rows(queryset, request_base: str):
    yield [str(header) for header, _getter in COLUMNS]
    for number, entry in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        values = [getter(entry) if getter else "" for _header, getter in COLUMNS]
        values[0] = number
        values[-1] = request_base + entry.get_absolute_url()
        yield values


def _filename(extension: str) -> str:
    return f"danh-muc-thong-tin-{timezone.localdate():%Y%m%d}.{extension}"


def csv_response(queryset, request):
    return exports.csv_response(rows(queryset, _site(request)), _filename("csv"))


def xlsx_response(queryset, request):
    return exports.xlsx_response(
        rows(queryset, _site(request)), _filename("xlsx"), str(_("Catalog"))
    )


def _site(request) -> str:
    return request.build_absolute_uri("/")[:-1]
