"""Helpers for migrations: permissions granted to the portal's role groups, and SQL that only
PostgreSQL runs (covering and partial indexes the other databases do without)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def on_postgresql(forward_sql: str, backward_sql: str) -> migrations.RunPython:
    """An operation that runs ``forward_sql`` (and, unapplied, ``backward_sql``) on PostgreSQL
    only; elsewhere it does nothing."""

    def run(sql):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return operation

    return migrations.RunPython(run(forward_sql), run(backward_sql))


def ensure_permissions(apps):
    """Create the permission rows now: Django only makes them after all migrations have run."""
    for app_config in apps.get_app_configs():
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = previous


def grant(apps, group_name: str, app_label: str, codenames: list[str]):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    missing = set(codenames) - set(perms.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    group.permissions.add(*perms)
