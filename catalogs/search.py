"""Search the way Vietnamese people type: with or without diacritics, any Unicode form.

Entries store a folded copy of their title and text (portal.text.fold); the query is folded the
same way, so "danh muc cong khai", "Danh mục công khai" and its NFD spelling are one query. On
PostgreSQL a pg_trgm GIN index serves the ``LIKE '%…%'`` filters (migration 0002); SQLite scans,
with the same results. Ranking is portable: the whole phrase in the title first, then every word
in the title, then matches elsewhere; newest first within each rank; among the newest
``MAX_RANKED`` matches when there are more.

A word found in tens of thousands of entries ("quyet dinh") is the slow case: every match
would be read to rank them. On PostgreSQL the search first looks through the newest
``WINDOW`` public entries in order (an index holds them with their search text, migration
0006); when that already gives ``MAX_RANKED`` matches, those are the newest matches and the
rest of the table is never read. A word that is merely common gets a second, wider look; a
rare one is found by the trigram index, which is quick when matches are few.
"""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from portal.text import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Beyond this many matches only the newest are ranked and shown, and the page says so: nobody
# pages through a hundred pages; they add a word.
MAX_RANKED = 2000
WINDOW = 20_000
LARGEST_WINDOW = 100_000
NEWEST_FIRST = ("-created_on", "-pk")


def normalise_query(text: str) -> str:
    cleaned = "".join(ch for ch in text if ch.isprintable())
    return " ".join(fold(cleaned).split()[:MAX_WORDS])[:MAX_QUERY_LENGTH]


def search(queryset, text: str):
    """Filter to entries containing every word typed, ranked as the module says."""
    return search_with_count(queryset, text)[0]


def search_with_count(queryset, text: str):
    """The ranked matches and how many there are (None for an empty query). Apply it after
    every other filter: it finds the matches at once."""
    phrase = normalise_query(text)
    if not phrase:
        return queryset, None
    words = phrase.split()
    ids = _newest_matches(queryset, words)
    all_in_title = Q(*(Q(search_title__contains=word) for word in words))
    rank = Case(
        When(search_title__contains=phrase, then=Value(3)),
        When(all_in_title, then=Value(2)),
        When(search_text__contains=phrase, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    ranked = queryset.filter(pk__in=_ids(ids)).annotate(rank=rank)
    return ranked.order_by("-rank", *NEWEST_FIRST), len(ids)


def _ids(ids: list[int]):
    """Up to MAX_RANKED ids in a query: one array parameter on PostgreSQL, which it reads
    faster than as many parameters."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


def _newest_matches(queryset, words) -> list[int]:
    if connection.vendor == "postgresql":
        found = _in_newest_window(queryset, words, WINDOW)
        if len(found) >= MAX_RANKED:
            return found
        if len(found) >= MAX_RANKED // 10:  # common enough: a wider window will hold them
            wider = min(WINDOW * MAX_RANKED * 2 // len(found), LARGEST_WINDOW)
            found = _in_newest_window(queryset, words, wider)
            if len(found) >= MAX_RANKED:
                return found
    matches = queryset
    for word in words:
        matches = matches.filter(search_text__contains=word)
    return list(matches.order_by(*NEWEST_FIRST).values_list("pk", flat=True)[:MAX_RANKED])


def _in_newest_window(queryset, words, window: int) -> list[int]:
    newest = queryset.order_by(*NEWEST_FIRST).values("id", "created_on", "search_text")[:window]
    sql, params = newest.query.sql_with_params()
    conditions = " AND ".join(["recent.search_text LIKE %s"] * len(words))
    query = (
        f"SELECT recent.id FROM ({sql}) AS recent WHERE {conditions} "
        "ORDER BY recent.created_on DESC, recent.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, *(f"%{_escape_like(w)}%" for w in words), MAX_RANKED])
        return [row[0] for row in cursor.fetchall()]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
