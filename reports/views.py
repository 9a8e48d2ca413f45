"""The report pages under /bao-cao/: published reports for everyone; the dashboard and the
compilation, review and publication of reports for Department of Justice staff; each officer's
own agency's figures (reports/querysets.py says who sees what).

Long work never runs in a request: compiling and the province PDF are Celery tasks, and the
pages show their progress.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from agencies.filters import AgencyFilter
from portal.caching import for_visitors
from portal.exports import csv_response, xlsx_workbook_response
from portal.files import serve_file
from portal.pdf import PdfUnavailable, pdf_available

from . import dashboard as live
from . import exports, pdf, presentation, services
from .forms import CompileForm, NarrativeForm
from .indicators import AGENCY_COLUMNS
from .models import AgencyYearStatistics, YearlyReport
from .querysets import can_manage, figures_scope, may_use_staff_pages, own_agency_id
from .tasks import queue_pdf

DASHBOARD_PAGE_SIZE = 100
SHEET_CACHE_SECONDS = 24 * 3600


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


# --- the list, compiling -------------------------------------------------------------------


def _index(request, form=None, status=200):
    manage = can_manage(request.user)
    context = {
        "published": YearlyReport.objects.published().select_related("agency"),
        "manage": manage,
        "staff": may_use_staff_pages(request.user),
    }
    if context["staff"]:
        context["reports"] = (
            YearlyReport.objects.visible_to(request.user)
            .exclude(state=YearlyReport.State.PUBLISHED)
            .select_related("agency", "requested_by")
        )
    if manage:
        context["form"] = form or CompileForm()
    return render(request, "reports/index.html", context, status=status)


@require_safe
@for_visitors
def index(request):
    """Published reports for everyone; every report for the staff who may see them."""
    return _index(request)


@require_POST
def compile_report(request):
    if denied := _staff_only(request, manage=True):
        return denied
    form = CompileForm(request.POST)
    if form.is_valid():
        try:
            report = services.request_compilation(
                form.cleaned_data["start"],
                form.cleaned_data["end"],
                agency=form.cleaned_data["agency"],
                actor=request.user,
            )
        except services.ReportError as error:
            form.add_error(None, str(error))
        else:
            return redirect(report)
    return _index(request, form, status=400)


# --- one report ----------------------------------------------------------------------------


def _detail(request, report, narrative=None, status=200):
    only = figures_scope(request.user, report)
    manage = can_manage(request.user)
    failed = presentation.failed_checks(report) if report.is_compiled else []
    State = YearlyReport.State
    context = {
        "report": report,
        "manage": manage,
        "stalled": services.is_stalled(report),
        "own_only": only is not None,
        "failed": failed,
        "can_review": manage and report.state == State.DONE and not failed,
        "can_publish": manage and report.state == State.REVIEWED,
        "can_recompile": manage and report.state != State.PUBLISHED,
        "columns": AGENCY_COLUMNS,
    }
    if report.is_compiled and only is None:
        context |= {
            "sections": presentation.sections(report),
            "rows": presentation.agency_rows(report),
            "charts": presentation.charts(report),
            "oldest": presentation.oldest_pending(report),
        }
    elif report.is_compiled:
        row = AgencyYearStatistics.objects.filter(report=report, agency_id=only).first()
        context["own"] = {"row": row, "sections": presentation.row_sections(row)} if row else None
    if manage and report.state != State.PUBLISHED:
        context["narrative"] = narrative or NarrativeForm(instance=report)
    return render(request, "reports/detail.html", context, status=status)


@require_safe
def detail(request, pk):
    return _detail(request, _visible_report(request, pk))


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
        return _detail(request, report, narrative=form, status=400)
    try:
        report = services.save_narrative(report, **form.cleaned_data, actor=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The texts of the report are saved."))
        queue_pdf(report.pk, report.content_version)
    return redirect(report)


def _act(request, pk, action, done_message: str):
    if denied := _staff_only(request, manage=True):
        return denied
    report = _visible_report(request, pk)
    try:
        report = action(report, actor=request.user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
        if report.is_compiled:
            queue_pdf(report.pk, report.content_version)
    return redirect(report)


@require_POST
def review(request, pk):
    return _act(request, pk, services.mark_reviewed, _("The report is marked as reviewed."))


@require_POST
def publish(request, pk):
    return _act(request, pk, services.publish, _("The report is published on the portal."))


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


def _no_pdf(request, report):
    return render(request, "reports/pdf_unavailable.html", {"report": report}, status=503)


@require_safe
def report_pdf(request, pk):
    report = _full_figures(request, pk)
    if not pdf_available():
        return _no_pdf(request, report)
    if not report.pdf_is_current:
        queue_pdf(report.pk, report.content_version)  # in the embedded mode: rendered now
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
    key = f"report-sheet:{report.pk}:{report.content_version}:{row.agency_id}"
    content = cache.get(key)
    if content is None:
        try:
            content = pdf.render_agency_sheet(report, row)
        except PdfUnavailable:
            return _no_pdf(request, report)
        cache.set(key, content, SHEET_CACHE_SECONDS)
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
            "headers": live.sort_headers(sort, query.urlencode()),
            "query_without_page": _with(query, sort),
            "overdue": overdue,
            "overdue_total": overdue_total,
            "chart": live.compliance_chart(summary),
            "summary": summary,
            "today": today,
            "own_only": own is not None,
        },
    )


def _with(query, sort: str) -> str:
    query = query.copy()
    if sort in live.SORTS:
        query["sort"] = sort
    return query.urlencode()
