"""Officers handle their agency's requests. DOJ staff get nothing here: requesters' personal
data is for the handling agency only (issue 4, Privacy)."""

from django.db import migrations

from portal.migration_helpers import ensure_permissions, grant
from portal.roles import FOCAL_POINT_OFFICERS


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(
        apps,
        FOCAL_POINT_OFFICERS,
        "requests_app",
        [
            "view_informationrequest",
            "add_informationrequest",
            "change_informationrequest",
            "view_requestevent",
            "view_requestmember",
            "add_requestmember",
            "change_requestmember",
            "delete_requestmember",
            "view_requestattachment",
            "add_requestattachment",
            "view_responsefile",
            "add_responsefile",
            "delete_responsefile",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0002_law_2016_rule_set"), ("agencies", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
