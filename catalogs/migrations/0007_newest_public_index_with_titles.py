"""The search's first look (catalogs/search.py) ranks what it finds there, so the index of the
newest public entries holds their folded titles too: the look never reads the table."""

from django.db import migrations

NAME = "catalog_entry_public_newest"
DEFINITION = (
    f"CREATE INDEX {NAME} ON catalogs_catalogentry (created_on DESC, id DESC) INCLUDE ({{}}) "
    "WHERE status IN ('published', 'expired', 'corrected') AND classification <> 'not_accessible'"
)


def rebuild(columns):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")
        schema_editor.execute(DEFINITION.format(columns))

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0006_newest_public_index")]

    operations = [
        migrations.RunPython(rebuild("search_title, search_text"), rebuild("search_text"))
    ]
