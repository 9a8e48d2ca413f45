"""Use cases of the reports app that views, the command and the schedule share."""

import datetime
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import KombuError

from . import compilation
from .choices import COMPILED, IN_PROGRESS, ReportState
from .models import YearlyReport
from .periods import Period

# A compilation that has shown no sign of life for this long is taken as dead (its worker was
# killed); it may then be started again.
STALE_AFTER = datetime.timedelta(minutes=10)


class ReportError(Exception):
    """The report cannot do that now; the message says why, in the user's language."""


# Law Art 37: the Law on Access to Information took effect on 1 July 2018.
EARLIEST = datetime.date(2018, 7, 1)


def check_period(start: datetime.date, end: datetime.date) -> Period:
    if end < start:
        raise ReportError(_("The period must end on or after the day it starts."))
    if start < EARLIEST:
        raise ReportError(
            _("A report starts on 1 July 2018 at the earliest, when the Law took effect.")
        )
    if end >= timezone.localdate():
        raise ReportError(_("The period has not ended yet: choose an end date before today."))
    if (end - start).days > 366 * 5:
        raise ReportError(_("A report covers at most five years."))
    return Period(start, end)


def request_compilation(
    start: datetime.date, end: datetime.date, *, agency=None, actor=None
) -> YearlyReport:
    """Queue the compilation of the period's report, reusing its unpublished report if any."""
    period = check_period(start, end)
    scope = {"period_start": period.start, "period_end": period.end, "agency": agency}
    for _attempt in range(2):
        try:
            with transaction.atomic():
                report = (
                    YearlyReport.objects.select_for_update()
                    .filter(**scope)
                    .exclude(state=ReportState.PUBLISHED)
                    .first()
                ) or YearlyReport(**scope)
                return _queue(report, actor)
        except IntegrityError:
            continue  # created by a second click at the same instant: queue that one
    raise ReportError(_("This report is already being compiled; wait for it to finish."))


def recompile(report: YearlyReport, *, actor=None) -> YearlyReport:
    with transaction.atomic():
        report = YearlyReport.objects.select_for_update().get(pk=report.pk)
        if report.state == ReportState.PUBLISHED:
            raise ReportError(
                _("A published report keeps its figures; compile a new report for the period.")
            )
        return _queue(report, actor)


def _queue(report: YearlyReport, actor) -> YearlyReport:
    if report.pk and report.state in IN_PROGRESS and not is_stalled(report):
        raise ReportError(_("This report is already being compiled; wait for it to finish."))
    report.state = ReportState.QUEUED
    report.progress = 0
    report.run_id = uuid.uuid4()
    report.requested_by = actor
    report.requested_at = report.heartbeat_at = timezone.now()
    report.error = ""
    report.reviewed_by = report.reviewed_at = None
    report.save()
    run_id = str(report.run_id)
    transaction.on_commit(lambda: _send(report.pk, run_id))
    return report


def _send(report_id: int, run_id: str) -> None:
    from .tasks import compile_report  # the tasks module imports this one

    try:
        compile_report.delay(report_id, run_id)
    except KombuError as error:  # the broker is down: say so now rather than wait forever
        compilation.fail(report_id, run_id, error)


def is_stalled(report: YearlyReport, now: datetime.datetime | None = None) -> bool:
    last = report.heartbeat_at or report.requested_at
    return report.state in IN_PROGRESS and (now or timezone.now()) - last > STALE_AFTER


def save_narrative(report: YearlyReport, *, situation, difficulties, recommendations, actor):
    """Decree 13 Art 12(4)(a), (c), (d): the parts of the report the figures cannot say.

    Only the texts are written (and the review undone), so a compilation finishing meanwhile
    keeps its figures."""
    with transaction.atomic():
        report = YearlyReport.objects.select_for_update().get(pk=report.pk)
        if report.state == ReportState.PUBLISHED:
            raise ReportError(_("A published report can no longer be changed."))
        report.situation, report.difficulties = situation, difficulties
        report.recommendations = recommendations
        changed = ["situation", "difficulties", "recommendations", "content_version"]
        if report.state == ReportState.REVIEWED:
            report.state = ReportState.DONE  # what was reviewed has changed
            report.reviewed_by = report.reviewed_at = None
            changed += ["state", "reviewed_by", "reviewed_at"]
        report.content_version += 1
        report.save(update_fields=changed)
    return report


def mark_reviewed(report: YearlyReport, *, actor) -> YearlyReport:
    with transaction.atomic():
        report = YearlyReport.objects.select_for_update().get(pk=report.pk)
        _require_compiled(report, allowed=(ReportState.DONE, ReportState.REVIEWED))
        report.state = ReportState.REVIEWED
        report.reviewed_by, report.reviewed_at = actor, timezone.now()
        report.save()
    return report


def publish(report: YearlyReport, *, actor) -> YearlyReport:
    """Number the report in the year's register and make it public (Decree 30/2020)."""
    for _attempt in range(3):
        try:
            return _publish(report, actor)
        except IntegrityError:  # two reports published at the same instant took one number
            continue
    raise ReportError(_("The report could not be numbered; try again."))


def _publish(report, actor):
    with transaction.atomic():
        report = YearlyReport.objects.select_for_update().get(pk=report.pk)
        _require_compiled(report, allowed=(ReportState.REVIEWED,))
        if not report.has_narrative:
            raise ReportError(
                _("Write the situation, the difficulties and the recommendations first.")
            )
        now = timezone.now()
        year = timezone.localdate(now).year
        last = YearlyReport.objects.filter(number_year=year).aggregate(n=Max("number"))["n"]
        report.number, report.number_year = (last or 0) + 1, year
        report.state = ReportState.PUBLISHED
        report.published_by, report.published_at = actor, now
        report.content_version += 1
        report.save()
    return report


def _require_compiled(report: YearlyReport, *, allowed) -> None:
    if report.state not in allowed:
        if report.state == ReportState.PUBLISHED:
            raise ReportError(_("This report is already published."))
        if report.state in COMPILED:
            raise ReportError(_("Review the report before publishing it."))
        raise ReportError(_("The report has no figures yet: compile it first."))
    if not report.checks_passed:
        raise ReportError(_("A consistency check failed: the report cannot be published."))


def closed_period(today: datetime.date) -> Period:
    """The latest yearly period that has ended, with the province's cut-off day
    (PORTAL_REPORT_YEAR_END, 31 December unless set, e.g. 14 December)."""
    month, day = settings.PORTAL_REPORT_YEAR_END
    end = datetime.date(today.year, month, day)
    if end >= today:
        end = datetime.date(today.year - 1, month, day)
    start = datetime.date(end.year - 1, month, day) + datetime.timedelta(days=1)
    return Period(start, end)


def compile_closed_period(today: datetime.date | None = None) -> YearlyReport | None:
    """The schedule's part: the province report of the period just closed, once."""
    period = closed_period(today or timezone.localdate())
    exists = YearlyReport.objects.province_wide().filter(
        period_start=period.start, period_end=period.end
    )
    if exists.exists():
        return None
    return request_compilation(period.start, period.end)


def requeue_stalled(now: datetime.datetime | None = None) -> list[YearlyReport]:
    """Compile again what a dead worker left half done (the schedule runs this daily)."""
    found = []
    for report in YearlyReport.objects.filter(state__in=IN_PROGRESS):
        if is_stalled(report, now):
            found.append(recompile(report))
    return found
