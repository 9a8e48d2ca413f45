"""The reports as PDF in the Decree 30/2020 layout (LEGAL §5.5), issued by the Department of
Justice: the province report with a table per agency and SVG charts, and a one-page sheet per
agency. Official documents are written in Vietnamese whatever the reader's language."""

from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from agencies.models import Agency
from portal.pdf import html_to_pdf, render_html, render_pdf
from portal.text import fold

from . import presentation
from .choices import ReportState
from .models import AgencyYearStatistics, YearlyReport

# The sections of the one-page agency sheet (the long lists stay in the spreadsheet).
SHEET_SECTIONS = ("art12", "flow", "outcomes", "timeliness", "requesters", "compliance")
SHEET_SKIPS = ("band_", "ground_")


def issuer():
    """The Department of Justice as printed at the head of the report."""
    found = (
        Agency.objects.filter(slug=settings.PORTAL_REPORT_ISSUER).first()
        if settings.PORTAL_REPORT_ISSUER
        else Agency.objects.filter(document_code="STP").first()
    )
    if found is not None:
        return found
    return SimpleNamespace(
        name="Sở Tư pháp",
        superior_body=f"Ủy ban nhân dân tỉnh {settings.PORTAL_PROVINCE}",
        document_code="STP",
        place_name=settings.PORTAL_PROVINCE,
        signer_title="Giám đốc",
        signer_name="",
    )


def _common(report: YearlyReport) -> dict:
    body = issuer()
    code = body.document_code or fold(getattr(body, "short_name", "")).upper() or "STP"
    issued = timezone.localdate(report.published_at or report.compiled_at or timezone.now())
    return {
        "report": report,
        "issuer": body,
        "symbol": f"BC-{code}",
        "number": f"{report.number:02d}" if report.number else "",
        "is_draft": report.state != ReportState.PUBLISHED,
        "issued_on": issued,
        "place": body.place_name or settings.PORTAL_PROVINCE,
        "province": settings.PORTAL_PROVINCE,
    }


def render_report(report: YearlyReport) -> bytes:
    return html_to_pdf(report_html(report))


ROMAN = ("I", "II", "III", "IV", "V", "VI")


def report_html(report: YearlyReport) -> str:
    with translation.override("vi"):
        oldest = presentation.oldest_pending(report)
        parts = ["situation", "figures", "agencies", *(["oldest"] if oldest else [])]
        parts += ["difficulties", "recommendations"]
        context = {
            **_common(report),
            "sections": presentation.sections(report),
            "rows": presentation.agency_rows(report),
            "charts": presentation.charts(report),
            "oldest": oldest,
            "failed": presentation.failed_checks(report),
            "number_of": dict(zip(parts, ROMAN, strict=False)),
        }
        return render_html("reports/pdf/report.html", context)


def render_agency_sheet(report: YearlyReport, row: AgencyYearStatistics) -> bytes:
    with translation.override("vi"):
        sections = presentation.row_sections(
            row, only=SHEET_SECTIONS, skip_prefixes=SHEET_SKIPS, each_once=True
        )
        context = {**_common(report), "agency": row.agency, "sections": sections}
        return render_pdf("reports/pdf/agency_sheet.html", context)


def render_stored(report_id: int) -> bool:
    """Render and keep the report's PDF for its current content; False if already current."""
    report = YearlyReport.objects.filter(pk=report_id).first()
    if report is None or not report.is_compiled or report.pdf_is_current:
        return False
    version = report.content_version
    pdf = render_report(report)
    with transaction.atomic():
        report = YearlyReport.objects.select_for_update().get(pk=report_id)
        if report.content_version != version:
            return False  # changed while rendering: the task queued for that change renders it
        old = report.pdf.name
        report.pdf.save(f"bao-cao-{report.pk}-v{version}.pdf", ContentFile(pdf), save=False)
        report.pdf_version = version
        report.save(update_fields=["pdf", "pdf_version"])
    if old:
        report.pdf.storage.delete(old)
    return True
