"""The newest public entries in order, with their search text, for the search's first look
(catalogs/search.py); PostgreSQL only, like the trigram indexes."""

from django.db import migrations

from portal.migration_helpers import on_postgresql

NAME = "catalog_entry_public_newest"


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0005_file_review_date")]

    operations = [
        on_postgresql(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON catalogs_catalogentry "
            "(created_on DESC, id DESC) INCLUDE (search_text) "
            "WHERE status IN ('published', 'expired', 'corrected') "
            "AND classification <> 'not_accessible'",
            f"DROP INDEX IF EXISTS {NAME}",
        )
    ]
