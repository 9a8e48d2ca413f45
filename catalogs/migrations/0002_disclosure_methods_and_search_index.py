"""The Law Art 18(1) forms of disclosure as rows; trigram indexes for search on PostgreSQL."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORMS = ["portal", "media", "gazette", "posting", "reception", "other"]
INDEXES = {
    "catalog_entry_search_text_trgm": "search_text",
    "catalog_entry_search_title_trgm": "search_title",
}


def create_forms(apps, schema_editor):
    DisclosureMethod = apps.get_model("catalogs", "DisclosureMethod")
    for code in FORMS:
        DisclosureMethod.objects.get_or_create(code=code)


def create_trigram_indexes(apps, schema_editor):
    # LIKE '%word%' on the folded text uses these; SQLite has no equivalent and scans.
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON catalogs_catalogentry "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_forms, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
