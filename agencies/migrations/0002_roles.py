"""Create the role groups with their permissions on the agencies app (DESIGN §1)."""

from django.db import migrations

from portal.migration_helpers import ensure_permissions, grant
from portal.roles import DEPARTMENT_OF_JUSTICE, FOCAL_POINT_OFFICERS

OFFICER_PERMISSIONS = [
    "view_agency",
    "change_agency",  # their own agency's contacts only; the admin limits the fields
    "view_focalpoint",
    "add_focalpoint",
    "change_focalpoint",
    "delete_focalpoint",
    "view_internalregulation",
    "add_internalregulation",
    "change_internalregulation",
    "delete_internalregulation",
]

DOJ_PERMISSIONS = [
    "view_agency",
    "add_agency",
    "change_agency",
    "view_focalpoint",
    "view_internalregulation",
    "view_officer",
    "add_officer",
    "change_officer",
]


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, FOCAL_POINT_OFFICERS, "agencies", OFFICER_PERMISSIONS)
    grant(apps, DEPARTMENT_OF_JUSTICE, "agencies", DOJ_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
