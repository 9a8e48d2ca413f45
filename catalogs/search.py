"""Search the way Vietnamese people type: with or without diacritics, any Unicode form.

Entries store a folded copy of their title and text (portal.text.fold); the query is folded the
same way, so "danh muc cong khai", "Danh mục công khai" and its NFD spelling are one query. On
PostgreSQL a pg_trgm GIN index serves the ``LIKE '%…%'`` filters (migration 0003); SQLite scans,
with the same results. Ranking is portable: the whole phrase in the title first, then every word
in the title, then matches elsewhere; newest first within each rank.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from portal.text import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12


def normalise_query(text: str) -> str:
    cleaned = "".join(ch for ch in text if ch.isprintable())
    return " ".join(fold(cleaned).split()[:MAX_WORDS])[:MAX_QUERY_LENGTH]


def search(queryset, text: str):
    """Filter to entries containing every word typed, ranked as the module says."""
    phrase = normalise_query(text)
    if not phrase:
        return queryset
    words = phrase.split()
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    all_in_title = Q(*(Q(search_title__contains=word) for word in words))
    rank = Case(
        When(search_title__contains=phrase, then=Value(3)),
        When(all_in_title, then=Value(2)),
        When(search_text__contains=phrase, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return queryset.annotate(rank=rank).order_by("-rank", "-created_on", "-pk")
