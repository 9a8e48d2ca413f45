"""The requests refused, wholly or in part, by when that was decided, with their agency: the
yearly count of refusals per Law Art 28(1) ground (reports/statistics.py `refusal_grounds`) joins
them to their grounds from this small index instead of reading the whole table. PostgreSQL only
(INCLUDE, as 0014); the outcome codes are Outcome.PROVIDED_PARTIAL and Outcome.REFUSED."""

from django.db import migrations

from portal.migration_helpers import on_postgresql

NAME = "request_refusal_outcomes"


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0014_outcome_figures_index")]

    operations = [
        on_postgresql(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON requests_app_informationrequest (outcome_at) "
            "INCLUDE (id, agency_id) WHERE outcome IN ('provided_partial', 'refused')",
            f"DROP INDEX IF EXISTS {NAME}",
        )
    ]
