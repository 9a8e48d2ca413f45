"""The report job (DESIGN §3): compiled by a worker, scheduled after each period closes."""

import logging
import time

from celery import shared_task
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from kombu.exceptions import KombuError

from portal.pdf import PdfUnavailable

from . import compilation, pdf, services
from .models import YearlyReport

log = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError)  # a restarted database, a dropped connection


# Waits before each new attempt after a transient database error (a restart, a failover).
RETRY_DELAYS = (2, 10, 30)


@shared_task(bind=True, acks_late=True)
def compile_report(self, report_id: int, run_id: str) -> bool:
    """Compile one report's figures; retried on transient database errors, failed otherwise.

    A worker retries in the task itself, after a pause; an eager task (the embedded mode, in
    a web request) fails at once rather than keep the page waiting. acks_late with
    task_reject_on_worker_lost (settings): if the worker dies, the broker hands the task to
    another worker, which finds the previous figures intact and compiles them again; the
    daily schedule also restarts a compilation that stalled.
    """
    delays = () if self.request.is_eager else RETRY_DELAYS
    for delay in (*delays, None):
        try:
            done = compilation.run(report_id, run_id)
            break
        except TRANSIENT as error:
            if delay is None:
                compilation.fail(report_id, run_id, error)
                return False
            log.warning("Report %s: %r; trying again in %ss", report_id, error, delay)
            if not connection.in_atomic_block:
                connection.close()  # the next attempt opens a fresh connection
            time.sleep(delay)
        except Exception as error:  # any other failure is shown on the report
            compilation.fail(report_id, run_id, error)
            return False
    if done:
        queue_pdf(report_id, YearlyReport.objects.get(pk=report_id).content_version)
    return done


@shared_task(acks_late=True)
def render_report_pdf(report_id: int) -> bool:
    """Render the report's PDF for its current content; nothing if it is already current."""
    try:
        return pdf.render_stored(report_id)
    except PdfUnavailable as error:  # a machine without Pango: the download page says so
        log.warning("Report %s: no PDF: %s", report_id, error)
        return False


def queue_pdf(report_id: int, version: int) -> None:
    """Have the PDF of this content version rendered, once however often it is asked for; if
    the broker is down, the next download asks again."""
    if not cache.add(f"report-pdf-queued:{report_id}:{version}", True, timeout=600):
        return
    try:
        render_report_pdf.delay(report_id)
    except KombuError:
        cache.delete(f"report-pdf-queued:{report_id}:{version}")
        log.warning("Could not queue the PDF of report %s; the broker is down", report_id)


@shared_task
def compile_closed_period() -> int | None:
    """Daily: queue the province report of the period just closed, if it has none yet, and
    compile again any compilation a dead worker left behind."""
    services.requeue_stalled()
    report = services.compile_closed_period()
    return report.pk if report else None
