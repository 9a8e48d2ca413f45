"""The report job (DESIGN §3): compiled by a worker, scheduled after each period closes."""

import logging
import time

from celery import shared_task
from django.db import InterfaceError, OperationalError, connection
from kombu.exceptions import KombuError

from . import compilation, pdf, services

log = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError)  # a restarted database, a dropped connection


# Waits before each new attempt after a transient database error (a restart, a failover).
RETRY_DELAYS = (2, 10, 30)


@shared_task(acks_late=True)
def compile_report(report_id: int, run_id: str) -> bool:
    """Compile one report's figures; retried on transient database errors, failed otherwise.

    The retries happen in the task itself, so they work the same in the embedded mode's eager
    tasks. acks_late: if the worker dies, the broker hands the task to another worker, which
    finds the previous figures intact and compiles them again.
    """
    for delay in (*RETRY_DELAYS, None):
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
        queue_pdf(report_id)
    return done


@shared_task(acks_late=True)
def render_report_pdf(report_id: int) -> bool:
    """Render the report's PDF for its current content; nothing if it is already current."""
    return pdf.render_stored(report_id)


def queue_pdf(report_id: int) -> None:
    """Have the PDF rendered; if the broker is down, the next download asks again."""
    try:
        render_report_pdf.delay(report_id)
    except KombuError:
        log.warning("Could not queue the PDF of report %s; the broker is down", report_id)


@shared_task
def compile_closed_period() -> int | None:
    """Daily: queue the province report of the period just closed, if it has none yet."""
    report = services.compile_closed_period()
    return report.pk if report else None
