"""Give the role groups their permissions on the catalogs (DESIGN §1)."""

from django.db import migrations

from portal.migration_helpers import ensure_permissions, grant
from portal.roles import DEPARTMENT_OF_JUSTICE, FOCAL_POINT_OFFICERS


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(
        apps,
        FOCAL_POINT_OFFICERS,
        "catalogs",
        [
            "view_catalogentry",
            "add_catalogentry",
            "change_catalogentry",
            "delete_catalogentry",
            "view_catalogfile",
            "add_catalogfile",
            "change_catalogfile",
            "delete_catalogfile",
            "view_catalogcorrection",
        ],
    )
    grant(
        apps,
        DEPARTMENT_OF_JUSTICE,
        "catalogs",
        ["view_catalogentry", "view_catalogfile", "view_catalogcorrection"],
    )


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0002_disclosure_methods_and_search_index"), ("agencies", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
