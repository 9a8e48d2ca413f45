"""PostgreSQL-specific: the indexes that keep the yearly statistics quick at provincial scale
(migrations requests_app 0014 and 0015) fit the queries that should read them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import statistics
from reports.periods import Period
from tests.conftest import needs, uses_postgresql

pytestmark = pytest.mark.django_db
SCOPE = statistics.Scope(Period.calendar_year(2025))


def plan_of(compute) -> str:
    """The plan of the query ``compute`` runs, with table scans made a last resort: an index
    whose definition does not fit the query still cannot be used."""
    with CaptureQueriesContext(connection) as captured:
        compute()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {captured.captured_queries[-1]['sql']}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_counts_per_refusal_ground_read_the_refused_requests_from_their_index():
    needs(uses_postgresql(), "the index exists only on PostgreSQL; .ci/run uses it")

    plan = plan_of(lambda: statistics.refusal_grounds(SCOPE))

    assert "Index Only Scan using request_refusal_outcomes" in plan


def test_the_medians_of_working_days_read_the_requests_that_ended_from_their_index():
    needs(uses_postgresql(), "the index exists only on PostgreSQL; .ci/run uses it")

    plan = plan_of(lambda: statistics.medians_and_overall(SCOPE.answered(), "working_days_taken"))

    assert "Index Only Scan using request_outcome_figures" in plan
