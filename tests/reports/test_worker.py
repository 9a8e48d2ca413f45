"""The report job in a real Celery worker on Redis, with PostgreSQL (CI): it runs there, and a
worker killed in the middle of a compilation leaves the previous figures intact."""

import datetime
import time

import psycopg
import pytest

from reports import compilation, services, statistics
from reports.models import AgencyYearStatistics, YearlyReport
from tests.conftest import database_url_of_the_test_database
from tests.history import play

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
State = YearlyReport.State
YEAR_2025 = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def wait_for(predicate, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout}s"
        time.sleep(0.2)


def state_of(report) -> tuple[str, int]:
    return tuple(YearlyReport.objects.filter(pk=report.pk).values_list("state", "progress")[0])


def figures_of(report) -> dict:
    report.refresh_from_db()
    rows = AgencyYearStatistics.objects.filter(report=report).order_by("agency_id")
    return {
        "totals": report.totals,
        "rows": [(row.pk, row.agency_id, row.figures, row.previous) for row in rows],
    }


def compile_in_the_worker(report_or_period):
    if isinstance(report_or_period, YearlyReport):
        report = services.recompile(report_or_period)
    else:
        report = services.request_compilation(*report_or_period)
    wait_for(lambda: state_of(report)[0] == State.DONE, "the compilation")
    return report


def test_the_report_is_compiled_by_a_real_worker(migrated_data, year_2025, live_worker):
    report = compile_in_the_worker(YEAR_2025)

    report.refresh_from_db()
    assert report.totals["received"] == 5 and report.check_results["failed"] == []
    assert report.rows.count() == 3


def test_a_worker_killed_mid_compilation_leaves_the_previous_figures_intact(
    migrated_data, year_2025, live_worker
):
    report = compile_in_the_worker(YEAR_2025)
    before = figures_of(report)
    # New data: a compilation that got through would now count six requests, not five.
    play(year_2025["a"], None, received=datetime.date(2025, 11, 3))

    # Hold the old figures' rows, so the worker computes everything and then waits at the
    # one transaction that would replace them: that is where it is killed.
    with psycopg.connect(database_url_of_the_test_database()) as holder:
        holder.execute(
            "SELECT id FROM reports_agencyyearstatistics WHERE report_id = %s FOR UPDATE",
            [report.pk],
        )
        report.refresh_from_db()
        services.recompile(report)
        wait_for(lambda: state_of(report) == (State.RUNNING, 90), "the computation")
        time.sleep(1)  # it is now blocked replacing the rows
        live_worker.process.kill()
        live_worker.process.wait(timeout=30)
        holder.rollback()

    assert figures_of(report) == before  # not a row, not a total changed
    assert state_of(report)[0] == State.RUNNING  # the dead run, until it is run again

    # The broker hands the unacknowledged task to the next worker, which runs it again.
    report.refresh_from_db()
    assert compilation.run(report.pk, str(report.run_id)) is True
    assert state_of(report) == (State.DONE, 100)
    report.refresh_from_db()
    assert report.totals["received"] == 6
    # And any further run over the same data gives the very same figures.
    again = statistics.compile_figures(report.period)
    assert again.totals == report.totals
    assert dict(again.rows) == {row.agency_id: row.figures for row in report.rows.all()}
