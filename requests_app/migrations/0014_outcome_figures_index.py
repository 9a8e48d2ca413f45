"""The requests that ended in a period, with what the yearly figures read of them (medians of
working days per agency, refusals per ground: reports/statistics.py), read from the index alone
instead of the whole table; PostgreSQL only (INCLUDE), like the catalogs' search indexes."""

from django.db import migrations

from portal.migration_helpers import on_postgresql

NAME = "request_outcome_figures"


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0013_fee_notified_at")]

    operations = [
        on_postgresql(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON requests_app_informationrequest (outcome_at) "
            "INCLUDE (outcome, agency_id, working_days_taken) WHERE outcome_at IS NOT NULL",
            f"DROP INDEX IF EXISTS {NAME}",
        )
    ]
