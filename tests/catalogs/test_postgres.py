"""PostgreSQL-specific: the trigram indexes that keep search fast at provincial scale."""

import datetime

import pytest
from django.db import connection

from catalogs import search as search_module
from catalogs.models import CatalogEntry
from tests import factories
from tests.conftest import needs, uses_postgresql

pytestmark = pytest.mark.django_db
D = datetime.date


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
    """The path for words found in few entries: the trigram index finds them."""
    needs(uses_postgresql(), "pg_trgm indexes exist only on PostgreSQL; .ci/run uses it")
    factories.CatalogEntryFactory(title="Quy hoạch sử dụng đất")
    matches = CatalogEntry.objects.filter(search_text__contains="quy hoach")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matches.explain()

    assert "catalog_entry_search_text_trgm" in plan


def test_common_words_are_looked_for_among_the_newest_entries_first():
    needs(uses_postgresql(), "the index exists only on PostgreSQL; .ci/run uses it")
    newest = factories.CatalogEntryFactory(title="Quyết định về giá đất", created_on=D(2025, 9, 5))
    factories.CatalogEntryFactory(title="Quyết định về thuế", created_on=D(2025, 9, 4))
    queryset = CatalogEntry.objects.public()
    window = queryset.order_by("-created_on", "-pk").values("id", "created_on", "search_text")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = window[:100].explain()

    assert "catalog_entry_public_newest" in plan
    assert search_module._in_newest_window(queryset, ["quyet", "dinh"], 100)[0] == newest.pk
    assert search_module._in_newest_window(queryset, ["100%"], 100) == []  # LIKE escaped
