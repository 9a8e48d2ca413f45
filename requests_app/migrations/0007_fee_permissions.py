"""Officers see and manage the costs of their agency's requests."""

from django.db import migrations

from portal.migration_helpers import ensure_permissions, grant
from portal.roles import FOCAL_POINT_OFFICERS


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(
        apps,
        FOCAL_POINT_OFFICERS,
        "requests_app",
        ["view_feeline", "add_feeline", "delete_feeline", "view_payment", "add_payment"],
    )


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0006_circular_46_fee_table")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
