"""Compile a period's statistics through Celery: ``manage.py compile_report --year 2025``."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from reports import services
from reports.models import YearlyReport


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from error


class Command(BaseCommand):
    help = "Queue the compilation of a report (a calendar year, or --start/--end) and follow it."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="a calendar year, e.g. 2025")
        parser.add_argument("--start", type=_date, help="first day, YYYY-MM-DD")
        parser.add_argument("--end", type=_date, help="last day, YYYY-MM-DD")
        parser.add_argument("--agency", help="the slug of one agency (default: the province)")
        parser.add_argument(
            "--no-wait", action="store_true", help="return once queued instead of following it"
        )

    def handle(self, *args, year=None, start=None, end=None, agency=None, no_wait=False, **opts):
        if year is not None:
            start, end = start or datetime.date(year, 1, 1), end or datetime.date(year, 12, 31)
        if start is None or end is None:
            raise CommandError("Give --year, or both --start and --end.")
        scope = None
        if agency:
            scope = Agency.objects.filter(slug=agency).first()
            if scope is None:
                raise CommandError(f"No agency has the slug {agency!r}.")
        try:
            report = services.request_compilation(start, end, agency=scope)
        except services.ReportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Report {report.pk}: {report.title} — queued.")
        if not no_wait:
            report = self._follow(report)
        self.stdout.write(self._describe(report))
        if report.state == YearlyReport.State.FAILED:
            raise CommandError(f"The compilation failed: {report.error}")

    def _follow(self, report, timeout=3600):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            report.refresh_from_db()
            if not report.is_in_progress:
                return report
            time.sleep(1)
        raise CommandError("The compilation did not finish within an hour; is a worker running?")

    def _describe(self, report) -> str:
        if not report.is_compiled:
            return f"State: {report.get_state_display()} ({report.progress}%)."
        totals = report.totals
        failed = len(report.check_results.get("failed", []))
        return (
            f"Compiled: {totals.get('received', 0)} requests received, "
            f"{totals.get('resolved', 0)} resolved, {totals.get('refused', 0)} refused; "
            f"{report.rows.count()} agencies; {failed} consistency check(s) failed."
        )
