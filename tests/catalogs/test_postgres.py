"""PostgreSQL-specific: the trigram indexes that keep search fast at provincial scale."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    factories.CatalogEntryFactory(title="Quyết định về giá đất", created_on=D(2025, 9, 5))
    factories.CatalogEntryFactory(title="Quyết định về thuế", created_on=D(2025, 9, 4))
    queryset = CatalogEntry.objects.public()
    window = queryset.order_by("-created_on", "-pk").values(*search_module.WINDOW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = window[:100].explain()
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'catalog_entry_public_newest'"
        )
        definition = cursor.fetchone()[0]

    assert "catalog_entry_public_newest" in plan
    assert "INCLUDE (search_title, search_text)" in definition  # the look never reads the table


def test_the_look_among_the_newest_ranks_and_goes_on_where_it_stopped(monkeypatch):
    """Four matches wanted and the first look holds three entries, two of them matching: the
    second look starts at the fourth newest for the two missing, and ranks as the first."""
    needs(uses_postgresql(), "the look among the newest is PostgreSQL's path")
    monkeypatch.setattr(search_module, "MAX_RANKED", 4)
    monkeypatch.setattr(search_module, "WINDOW", 3)
    monkeypatch.setattr(search_module, "LARGEST_WINDOW", 8)
    newest_first = [
        ("Báo cáo thuế", ""),
        ("Quyết định thuế", ""),
        ("Quyết định giá", "Kèm báo cáo thẩm định"),
        ("Báo cáo quý", ""),
        ("Giá đất", ""),
        ("Báo cáo năm", ""),
    ]
    for day, (title, summary) in enumerate(newest_first):
        factories.CatalogEntryFactory(title=title, summary=summary, created_on=D(2025, 9, 9 - day))

    with CaptureQueriesContext(connection) as queries:
        matches = search_module.find(CatalogEntry.objects.public(), "bao cao")
        titles = [e.title for e in matches.queryset]

    assert titles == ["Báo cáo thuế", "Báo cáo quý", "Báo cáo năm", "Quyết định giá"]
    assert len(queries) == 3  # two looks and the page: the trigram index was not needed


def test_the_second_look_goes_on_among_entries_created_the_same_day(monkeypatch):
    """Entries of one day come newest first by their id: the second look starts just after the
    last match of the first, and neither skips nor repeats one of that day's entries."""
    needs(uses_postgresql(), "the look among the newest is PostgreSQL's path")
    monkeypatch.setattr(search_module, "MAX_RANKED", 4)
    monkeypatch.setattr(search_module, "WINDOW", 3)
    monkeypatch.setattr(search_module, "LARGEST_WINDOW", 8)
    titles = ["Báo cáo 6", "Giá đất 5", "Báo cáo 4", "Báo cáo 3", "Giá đất 2", "Báo cáo 1"]
    for title in reversed(titles):  # the last created is the newest
        factories.CatalogEntryFactory(title=title, created_on=D(2025, 9, 9))

    with CaptureQueriesContext(connection) as queries:
        matches = search_module.find(CatalogEntry.objects.public(), "bao cao")
        found = [e.title for e in matches.queryset]

    assert found == ["Báo cáo 6", "Báo cáo 4", "Báo cáo 3", "Báo cáo 1"]
    assert len(queries) == 3  # two looks and the page


def test_a_percent_sign_typed_is_looked_for_as_such():
    needs(uses_postgresql(), "the look among the newest is PostgreSQL's path")
    factories.CatalogEntryFactory(title="Kế hoạch 1000 ngày")
    factories.CatalogEntryFactory(title="Giảm 100% học phí")

    matches = search_module.find(CatalogEntry.objects.public(), "100%")

    assert [e.title for e in matches.queryset] == ["Giảm 100% học phí"]
