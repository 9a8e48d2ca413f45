"""The report pages under /bao-cao/: published reports for everyone; the dashboard and the
compilation, review and publication of reports for Department of Justice staff; each officer's
own agency's figures (reports/querysets.py says who sees what).

Long work never runs in a request: compiling and the province PDF are Celery tasks, and the
pages show their progress.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from agencies.filters import AgencyFilter
from portal.exports import csv_response, xlsx_workbook_response
from portal.files import serve_file
from portal.pdf import PdfUnavailable

from . import dashboard as live
from . import exports, pdf, presentation, services
from .forms import CompileForm, NarrativeForm
from .indicators import SECTIONS, with_derived
from .models import AgencyYearStatistics, YearlyReport
from .querysets import can_manage, figures_scope, may_use_staff_pages, own_agency_id
from .tasks import queue_pdf

DASHBOARD_PAGE_SIZE = 100


def _staff_only(request, *, manage: bool = False):
    """Send anonymous visitors to the login page; refuse users without the role."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "admin:login")
    allowed = can_manage(request.user) if manage else may_use_staff_pages(request.user)
    if not allowed:
        raise PermissionDenied
    return None


def _visible_report(request, pk) -> YearlyReport:
    reports = YearlyReport.objects.visible_to(request.user).select_related("agency")
    return get_object_or_404(reports, pk=pk)


@require_safe
def index(request):
    """Published reports for everyone; every report for the staff who may see them."""
    published = YearlyReport.objects.published().select_related("agency")
    context = {"published": published, "manage": can_manage(request.user)}
    if request.user.is_authenticated and may_use_staff_pages(request.user):
        context["reports"] = (
            YearlyReport.objects.visible_to(request.user)
            .exclude(state=YearlyReport.State.PUBLISHED)
            .select_related("agency", "requested_by")
        )
        context["staff"] = True
    if context["manage"]:
        context["form"] = CompileForm()
    return render(request, "reports/index.html", context)


@require_POST
def compile_report(request):
    if denied := _staff_only(request, manage=True):
        return denied
    form = CompileForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "reports/index.html",
            {"form": form, "manage": True, "staff": True, "published": [], "reports": []},
            status=400,
        )
    try:
        report = services.request_compilation(
            form.cleaned_data["start"],
            form.cleaned_data["end"],
            agency=form.cleaned_data["agency"],
            actor=request.user,
        )
    except services.ReportError as error:
        form.add_error(None, str(error))
        return render(
            request,
            "reports/index.html",
            {"form": form, "manage": True, "staff": True, "published": [], "reports": []},
            status=400,
        )
    return redirect(report)


@require_safe
def detail(request, pk):
    report = _visible_report(request, pk)
    only = figures_scope(request.user, report)
    manage = can_manage(request.user)
    context = {
        "report": report,
        "manage": manage,
        "stalled": services.is_stalled(report),
        "own_only": only is not None,
    }
    if report.is_compiled:
        if only is None:
            context |= {
                "sections": presentation.sections(report),
                "rows": presentation.agency_rows(report),
                "charts": presentation.charts(report),
                "oldest": presentation.oldest_pending(report),
            }
        else:
            context["own"] = _own_sections(report, only)
        context["failed"] = presentation.failed_checks(report)
    if manage and report.state != YearlyReport.State.PUBLISHED:
        context["narrative"] = NarrativeForm(instance=report)
    return render(request, "reports/detail.html", context)


def _own_sections(report: YearlyReport, agency_id: int):
    row = AgencyYearStatistics.objects.filter(report=report, agency_id=agency_id).first()
    if row is None:
        return None
    figures = with_derived(row.figures)
    previous = with_derived(row.previous) if row.previous else {}
    return {
        "row": row,
        "sections": [
            {
                "title": section.title,
                "lines": [
                    presentation.Line(i.label, i.kind, figures.get(i.key), previous.get(i.key))
                    for i in section.indicators
                ],
            }
            for section in SECTIONS
        ],
    }


@require_safe
def progress(request, pk):
    """The compilation's progress for the page's script (the page itself refreshes without)."""
    report = _visible_report(request, pk)
    return JsonResponse(
        {
            "state": report.state,
            "state_label": report.get_state_display(),
            "progress": report.progress,
            "done": not report.is_in_progress,
        },
        headers={"Cache-Control": "no-store"},
    )


@require_POST
def save_narrative(request, pk):
    if denied := _staff_only(request, manage=True):
        return denied
    report = _visible_report(request, pk)
    form = NarrativeForm(request.POST, instance=report)
    if not form.is_valid():
        messages.error(request, _("The texts could not be saved: see the messages below."))
        return render(
            request, "reports/detail.html", {"report": report, "narrative": form}, status=400
        )
    try:
        services.save_narrative(report, **form.cleaned_data, actor=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The texts of the report are saved."))
        queue_pdf(report.pk)
    return redirect(report)


def _act(request, pk, action, done_message: str):
    if denied := _staff_only(request, manage=True):
        return denied
    report = _visible_report(request, pk)
    try:
        action(report, actor=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return redirect(report)


@require_POST
def review(request, pk):
    return _act(request, pk, services.mark_reviewed, _("The report is marked as reviewed."))


@require_POST
def publish(request, pk):
    response = _act(request, pk, services.publish, _("The report is published on the portal."))
    queue_pdf(int(pk))
    return response


@require_POST
def recompile(request, pk):
    return _act(request, pk, services.recompile, _("The report is being compiled again."))


# --- downloads -----------------------------------------------------------------------------


def _full_figures(request, pk) -> YearlyReport:
    """A report whose every figure the user may download: published, or for DOJ staff."""
    report = _visible_report(request, pk)
    if not report.is_compiled:
        raise Http404
    if figures_scope(request.user, report) is not None:
        raise PermissionDenied
    return report


@require_safe
def report_pdf(request, pk):
    report = _full_figures(request, pk)
    if not report.pdf_is_current:
        queue_pdf(report.pk)  # in the embedded mode it is rendered at once
        report.refresh_from_db()
    if not report.pdf_is_current:
        return render(request, "reports/pdf_pending.html", {"report": report}, status=202)
    return serve_file(report.pdf, download_name=f"bao-cao-{report.period_end.year}.pdf")


@require_safe
def agency_pdf(request, pk, slug):
    report = _visible_report(request, pk)
    if not report.is_compiled:
        raise Http404
    row = get_object_or_404(
        AgencyYearStatistics.objects.select_related("agency"), report=report, agency__slug=slug
    )
    only = figures_scope(request.user, report)
    if only is not None and only != row.agency_id:
        raise Http404
    try:
        content = pdf.render_agency_sheet(report, row)
    except PdfUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bao-cao-{slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def report_xlsx(request, pk):
    report = _full_figures(request, pk)
    return xlsx_workbook_response(
        exports.workbook_sheets(report), f"bao-cao-{report.period_end.year}.xlsx"
    )


@require_safe
def report_csv(request, pk):
    report = _full_figures(request, pk)
    return csv_response(exports.csv_rows(report), f"bao-cao-{report.period_end.year}.csv")


# --- the dashboard -------------------------------------------------------------------------


@require_safe
def dashboard(request):
    if denied := _staff_only(request):
        return denied
    today = timezone.localdate()
    agencies = live.agency_queryset()
    own = None if can_manage(request.user) else own_agency_id(request.user)
    if own is not None:
        agencies = agencies.filter(pk=own)
    agencies = live.agencies(agencies, today)
    filterset = AgencyFilter(request.GET or None, queryset=agencies)
    sort = request.GET.get("sort", "")
    page = Paginator(live.sorted_by(filterset.qs, sort), DASHBOARD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    overdue_total, overdue = live.overdue_now(today, own)
    summary = live.summary(agencies)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    return render(
        request,
        "reports/dashboard.html",
        {
            "filter": filterset,
            "page": page,
            "sort": sort if sort in live.SORTS else "",
            "query": query.urlencode(),
            "overdue": overdue,
            "overdue_total": overdue_total,
            "chart": live.compliance_chart(summary),
            "summary": summary,
            "today": today,
            "own_only": own is not None,
        },
    )
