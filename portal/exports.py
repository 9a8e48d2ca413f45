"""Spreadsheet downloads (CSV and XLSX) from rows of cells, streamed, formula-safe."""

import csv
import tempfile
from collections.abc import Iterable

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def sheet_title(text: str) -> str:
    """Excel allows 31 characters in a sheet name and none of : \\ / ? * [ ]."""
    return "".join(" " if ch in ":\\/?*[]" else ch for ch in text)[:31].strip() or "Sheet"


class _Echo:
    def write(self, value):
        return value


def csv_response(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark lets Excel read Vietnamese text as UTF-8
        for row in rows:
            yield writer.writerow([inert(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(rows: Iterable[list], filename: str, sheet_title: str) -> FileResponse:
    return xlsx_workbook_response([(sheet_title, rows)], filename)


def xlsx_workbook_response(sheets: Iterable[tuple[str, Iterable[list]]], filename: str):
    """A workbook of several sheets, each given as (title, rows); numbers stay numbers."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_title(title))
        for row in rows:
            sheet.append([inert(cell) for cell in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
