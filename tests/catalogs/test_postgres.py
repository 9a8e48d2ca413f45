"""PostgreSQL-specific: the trigram indexes that keep search fast at provincial scale."""

import pytest
from django.db import connection

from catalogs.models import CatalogEntry
from catalogs.search import search
from tests import factories
from tests.conftest import needs, uses_postgresql

pytestmark = pytest.mark.django_db


def test_search_columns_have_trigram_indexes():
    needs(uses_postgresql(), "pg_trgm indexes exist only on PostgreSQL; .ci/run uses it")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'catalogs_catalogentry'"
            " AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        definitions = [row[0] for row in cursor.fetchall()]

    assert any("(search_text gin_trgm_ops)" in d for d in definitions)
    assert any("(search_title gin_trgm_ops)" in d for d in definitions)


def test_the_planner_can_use_the_index_for_a_search():
    needs(uses_postgresql(), "pg_trgm indexes exist only on PostgreSQL; .ci/run uses it")
    factories.CatalogEntryFactory(title="Quy hoạch sử dụng đất")
    queryset = search(CatalogEntry.objects.all(), "quy hoach")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()

    assert "catalog_entry_search_text_trgm" in plan
