"""Officers read and answer their agency's feedback and complaints."""

from django.db import migrations

from portal.migration_helpers import ensure_permissions, grant
from portal.roles import FOCAL_POINT_OFFICERS


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, FOCAL_POINT_OFFICERS, "requests_app", ["view_complaint", "change_complaint", "view_notice"])


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0009_complaints")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
