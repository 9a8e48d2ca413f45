"""Bulk import of catalog entries from the spreadsheets agencies keep their lists in today.

A file is read whole and every row checked before anything is written: one bad row and nothing
is imported, and each error names the spreadsheet row and column. A valid file is imported in one
transaction. Rows are matched to existing entries on (list, number and symbol, title, date
created), so importing the same file twice creates nothing new.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from portal.text import fold, nfc

from .choices import Catalog, Category, Classification, ConsentGround, DisclosureForm
from .models import CatalogEntry, DisclosureMethod
from .services import publish

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024

# (field, header officers see in the template, other spellings accepted, required)
COLUMNS = (
    (
        "title",
        gettext_lazy("Title of the document, file or record"),
        ("title", "ten van ban"),
        True,
    ),
    ("number_symbol", gettext_lazy("Number and symbol"), ("number_symbol", "so ky hieu"), False),
    ("created_on", gettext_lazy("Date created"), ("created_on", "ngay tao ra"), True),
    ("creating_unit", gettext_lazy("Creating unit"), ("creating_unit", "don vi chu tri"), False),
    ("category", gettext_lazy("Category (Law Art 17(1))"), ("category", "linh vuc"), True),
    ("catalog", gettext_lazy("List"), ("catalog", "danh muc"), False),
    ("disclosure_forms", gettext_lazy("Forms of disclosure"), ("disclosure_forms",), False),
    ("disclosed_on", gettext_lazy("Time of disclosure"), ("disclosed_on",), False),
    ("disclosure_period", gettext_lazy("Duration of disclosure"), ("disclosure_period",), False),
    ("place", gettext_lazy("Place of disclosure"), ("place", "dia chi cong khai"), False),
    ("access_url", gettext_lazy("Access link"), ("access_url", "duong dan"), False),
    ("summary", gettext_lazy("Summary"), ("summary", "trich yeu"), False),
    ("consent_ground", gettext_lazy("Art 7 ground"), ("consent_ground",), False),
    ("consent_holder", gettext_lazy("Whose consent is needed"), ("consent_holder",), False),
    ("consent_how", gettext_lazy("How to ask for consent"), ("consent_how",), False),
    ("review_on", gettext_lazy("Classification review date"), ("review_on",), False),
)
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class Preview:
    entries: list  # (row number, unsaved CatalogEntry, [disclosure form codes])
    errors: list[RowError] = field(default_factory=list)
    existing: int = 0  # rows that match entries already in the list

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.entries)


def template_workbook() -> Workbook:
    """The empty spreadsheet officers download, headers in their language, one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Catalog")[:31]
    sheet.append([str(header) for _name, header, _aliases, _required in COLUMNS])
    sheet.append(
        [
            "Quyết định công bố thủ tục hành chính lĩnh vực tư pháp",
            "125/QĐ-UBND",
            "15/08/2025",
            "Văn phòng",
            "a",
            "public",
            "portal; posting",
            "20/08/2025",
            "Thường xuyên",
            "Trụ sở cơ quan",
            "https://angiang.gov.vn/van-ban/125",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    return workbook


def read_table(upload) -> list[list[str]]:
    """Rows of cells as text, from a CSV (UTF-8) or XLSX file."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB; split it into several files."))
    suffix = PurePath(upload.name).suffix.lower()
    data = upload.read()
    if suffix == ".csv":
        return _read_csv(data)
    if suffix == ".xlsx":
        return _read_xlsx(data)
    raise ImportFileError(_("Upload a .csv or .xlsx file."))


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("Save the CSV file in UTF-8 encoding.")) from error
    # Excel in Vietnamese saves with ";" and headers contain commas: keep the delimiter that
    # makes the most headers recognisable.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: _recognised(next(csv.reader([first_line], delimiter=d))))
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [row for row in rows if any(cell.strip() for cell in row)]


def _recognised(headers: list[str]) -> int:
    known = _known_headers()
    return sum(1 for header in headers if _header_key(header) in known)


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("This is not a readable Excel (.xlsx) file.")) from error
    rows = []
    for values in workbook.worksheets[0].iter_rows(values_only=True):
        cells = ["" if v is None else _cell_text(v) for v in values]
        if any(c.strip() for c in cells):
            rows.append(cells)
    workbook.close()
    return rows


def _cell_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def parse(table: list[list[str]], agency) -> Preview:
    if not table:
        raise ImportFileError(_("The file is empty."))
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    columns = _map_headers(table[0])
    preview = Preview(entries=[])
    for offset, cells in enumerate(table[1:], start=2):
        _parse_row(offset, cells, columns, agency, preview)
    if not preview.entries and not preview.errors:
        raise ImportFileError(_("The file has a header row but no entries."))
    return preview


def _header_key(text: str) -> str:
    return " ".join(fold(text).replace(",", " ").replace("(", " ").replace(")", " ").split())


def _known_headers() -> dict[str, str]:
    """Folded header spelling → field, in the officer's language and the aliases."""
    return {
        _header_key(spelling): name
        for name, header, aliases, _required in COLUMNS
        for spelling in (str(header), *aliases)
    }


def _map_headers(headers: list[str]) -> dict[str, int]:
    known = _known_headers()
    columns = {}
    for index, header in enumerate(headers):
        key = _header_key(header)
        name = known.get(key) or next((v for k, v in known.items() if key.startswith(k)), None)
        if name:
            columns.setdefault(name, index)
    missing = [str(h) for n, h, _a, required in COLUMNS if required and n not in columns]
    if missing:
        raise ImportFileError(
            _("Columns missing from the header row: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return columns


HEADER_OF = {name: header for name, header, _aliases, _required in COLUMNS}


def _parse_row(row: int, cells: list[str], columns, agency, preview: Preview) -> None:
    values = {name: nfc(cells[i].strip()) if i < len(cells) else "" for name, i in columns.items()}
    errors_before = len(preview.errors)

    def error(name, message):
        preview.errors.append(RowError(row, str(HEADER_OF[name]), str(message)))

    entry = CatalogEntry(agency=agency)
    for name in (
        "title",
        "number_symbol",
        "creating_unit",
        "disclosure_period",
        "place",
        "access_url",
        "summary",
        "consent_holder",
        "consent_how",
    ):
        setattr(entry, name, values.get(name, ""))
    for name in ("created_on", "disclosed_on", "review_on"):
        if values.get(name):
            parsed = _parse_date(values[name])
            if parsed is None:
                error(name, _("Write the date as dd/mm/yyyy, for example 02/09/2025."))
            setattr(entry, name, parsed)
    entry.category = _category(values.get("category", ""))
    if values.get("category") and entry.category is None:
        error(
            "category",
            _("Use a letter of Law Art 17(1): a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p."),
        )
    entry.catalog = (
        _choice(values.get("catalog", ""), Catalog, _catalog_aliases()) or Catalog.PUBLIC
    )
    if values.get("catalog") and _choice(values["catalog"], Catalog, _catalog_aliases()) is None:
        error("catalog", _('Write "public" or "conditional".'))
    entry.classification = (
        Classification.CONDITIONAL
        if entry.catalog == Catalog.CONDITIONAL
        else Classification.PUBLIC
    )
    if values.get("consent_ground"):
        entry.consent_ground = _choice(values["consent_ground"], ConsentGround, _consent_aliases())
        if entry.consent_ground is None:
            error("consent_ground", _('Write "business", "personal" or "family".'))
    forms, unknown = _disclosure_forms(values.get("disclosure_forms", ""))
    if unknown:
        error(
            "disclosure_forms",
            _("Unknown form(s) of disclosure: %(forms)s.") % {"forms": ", ".join(unknown)},
        )
    if len(preview.errors) == errors_before:
        _validate(row, entry, preview)
    if len(preview.errors) == errors_before:
        preview.entries.append((row, entry, forms))


def _validate(row, entry, preview):
    try:
        entry.full_clean(exclude=["agency", "status", "listed_on"], validate_unique=False)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            column = (
                str(HEADER_OF.get(name, CatalogEntry._meta.get_field(name).verbose_name))
                if name != "__all__"
                else "—"
            )
            preview.errors.extend(RowError(row, column, message) for message in messages)


def _parse_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _choice(text: str, enum, aliases: dict):
    key = fold(text).rstrip(")").strip()
    if not key:
        return None
    if key in enum.values:
        return enum(key)
    return aliases.get(key)


def _category(text: str):
    # Not folded: folding turns the letter đ into d, a different point of Art 17(1).
    letter = text.strip().lower().removeprefix("điểm").strip().rstrip(")").strip()
    if letter in ("đ", "dd"):
        return Category.DD
    return Category(letter) if letter in Category.values else None


def _catalog_aliases():
    return {
        "cong khai": Catalog.PUBLIC,
        "danh muc cong khai": Catalog.PUBLIC,
        "co dieu kien": Catalog.CONDITIONAL,
        "tiep can co dieu kien": Catalog.CONDITIONAL,
    }


def _consent_aliases():
    return {
        "business": ConsentGround.BUSINESS_SECRET,
        "bi mat kinh doanh": ConsentGround.BUSINESS_SECRET,
        "personal": ConsentGround.PERSONAL_SECRET,
        "bi mat ca nhan": ConsentGround.PERSONAL_SECRET,
        "family": ConsentGround.FAMILY_SECRET,
        "bi mat gia dinh": ConsentGround.FAMILY_SECRET,
    }


def _disclosure_forms(text: str) -> tuple[list[str], list[str]]:
    by_label = {fold(str(label)): value for value, label in DisclosureForm.choices}
    codes, unknown = [], []
    for part in filter(None, (p.strip() for p in text.replace(",", ";").split(";"))):
        key = fold(part)
        code = key if key in DisclosureForm.values else by_label.get(key)
        (codes if code else unknown).append(code or part)
    return codes, unknown


def _natural_key(entry):
    return (entry.catalog, entry.number_symbol, entry.title, entry.created_on)


def import_entries(preview: Preview, agency, *, publish_now: bool = False) -> dict:
    """Write a valid preview in one transaction; returns how many were created and skipped."""
    if not preview.is_valid:
        raise ImportFileError(_("The file has errors; nothing was imported."))
    created = skipped = 0
    with transaction.atomic():
        existing = {
            _natural_key(e): e
            for e in CatalogEntry.objects.select_for_update().filter(agency=agency)
        }
        for _row, entry, forms in preview.entries:
            key = _natural_key(entry)
            if key in existing:
                skipped += 1
                continue
            entry.save()
            entry.disclosure_forms.set(DisclosureMethod.objects.filter(code__in=forms))
            existing[key] = entry
            if publish_now:
                publish(entry)
            created += 1
    return {"created": created, "skipped": skipped}
