"""DOJ staff compile, review and publish reports; officers read their own agency's figures."""

from django.db import migrations

from portal.migration_helpers import ensure_permissions, grant
from portal.roles import DEPARTMENT_OF_JUSTICE, FOCAL_POINT_OFFICERS


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(
        apps,
        DEPARTMENT_OF_JUSTICE,
        "reports",
        [
            "view_yearlyreport",
            "add_yearlyreport",
            "change_yearlyreport",
            "view_agencyyearstatistics",
        ],
    )
    grant(
        apps,
        FOCAL_POINT_OFFICERS,
        "reports",
        ["view_yearlyreport", "view_agencyyearstatistics"],
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("agencies", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
