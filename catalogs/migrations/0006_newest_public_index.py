"""The newest public entries in order, with their search text, for the search's first look
(catalogs/search.py); PostgreSQL only, like the trigram indexes."""

from django.db import migrations

NAME = "catalog_entry_public_newest"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON catalogs_catalogentry "
        "(created_on DESC, id DESC) INCLUDE (search_text) "
        "WHERE status IN ('published', 'expired', 'corrected') "
        "AND classification <> 'not_accessible'"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0005_file_review_date")]

    operations = [migrations.RunPython(create, drop)]
