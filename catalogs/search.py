"""Search the way Vietnamese people type: with or without diacritics, any Unicode form.

Entries store a folded copy of their title and text (portal.text.fold); the query is folded the
same way, so "danh muc cong khai", "Danh mục công khai" and its NFD spelling are one query. On
PostgreSQL a pg_trgm GIN index serves the ``LIKE '%…%'`` filters (migration 0002); SQLite scans,
with the same results. Ranking is portable: the whole phrase in the title first, then every word
in the title, then matches elsewhere; newest first within each rank; among the newest
``MAX_RANKED`` matches when there are more.

A word found in tens of thousands of entries ("quyet dinh") is the slow case: every match
would be read to rank them. On PostgreSQL the search first looks through the newest
``WINDOW`` public entries in order, ranking what it finds there (an index holds them with their
folded title and text, migration 0007); when that already gives ``MAX_RANKED`` matches, those
are the newest matches and the rest of the table is never read. A word that is merely common
gets a second look further on, for the matches still missing; a rare one is found by the
trigram index, which is quick when matches are few. The matches' ids come back in order, so a
page of results reads only its own twenty rows (portal.pagination.KnownCountPaginator).
"""

from typing import NamedTuple

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query

from portal.text import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Beyond this many matches only the newest are ranked and shown, and the page says so: nobody
# pages through fifty pages; they add a word.
MAX_RANKED = 1000
WINDOW = 10_000
# The second look reads about 1.5 µs per entry; the trigram index about 3 µs per match, in the
# whole table. Measured on 200,000 entries, the second look is the quicker only for a word in
# more than about 4 % of them: so it never reads beyond the 25,000 newest.
LARGEST_WINDOW = 25_000
NEWEST_FIRST = ("-created_on", "-pk")
WINDOW_COLUMNS = ("id", "created_on", "search_title", "search_text")


def normalise_query(text: str) -> str:
    cleaned = "".join(ch for ch in text if ch.isprintable())
    return " ".join(fold(cleaned).split()[:MAX_WORDS])[:MAX_QUERY_LENGTH]


class Matches(NamedTuple):
    queryset: QuerySet  # ranked as the module says, for pages, exports, feeds and the API
    ids: list[int] | None  # the same matches in the same order; None for an empty query


def search(queryset, text: str):
    """Filter to entries containing every word typed, ranked as the module says."""
    return find(queryset, text).queryset


def find(queryset, text: str) -> Matches:
    """The ranked matches, also as their ids in order: a page then reads only its own rows, and
    nobody counts them again. Apply it after every other filter: it finds the matches at once."""
    phrase = normalise_query(text)
    if not phrase:
        return Matches(queryset, None)
    words = phrase.split()
    every_word = Q(*(Q(search_text__contains=word) for word in words))
    all_in_title = Q(*(Q(search_title__contains=word) for word in words))
    rank = Case(
        When(search_title__contains=phrase, then=Value(3)),
        When(all_in_title, then=Value(2)),
        When(search_text__contains=phrase, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    newest = _newest_matches(queryset, every_word, rank)  # (id, rank), newest first
    ids = [pk for pk, _ in sorted(newest, key=lambda match: -match[1])]  # stable: newest first
    ranked = queryset.filter(pk__in=_ids(ids)).annotate(rank=rank)
    return Matches(ranked.order_by("-rank", *NEWEST_FIRST), ids)


def _ids(ids: list[int]):
    """Up to MAX_RANKED ids in a query: one array parameter on PostgreSQL, which it reads
    faster than as many parameters."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


def _newest_matches(queryset, every_word: Q, rank) -> list[tuple[int, int]]:
    if connection.vendor == "postgresql":
        found = _in_newest_window(queryset, every_word, rank, WINDOW, MAX_RANKED)
        if MAX_RANKED > len(found) >= MAX_RANKED * WINDOW // LARGEST_WINDOW:
            # Common enough for the rest to lie within LARGEST_WINDOW: look on for the matches
            # still missing, from just after the last one found. The few entries between it and
            # the end of the first look matched nothing: they are read again, never counted
            # twice, and the index need not be read from the start to skip the first look.
            further = min(WINDOW * MAX_RANKED * 2 // len(found), LARGEST_WINDOW) - WINDOW
            missing = MAX_RANKED - len(found)
            last_pk, _, last_created_on = found[-1]
            older = _older_than(queryset, last_pk, last_created_on)
            found += _in_newest_window(older, every_word, rank, further, missing)
        if len(found) >= MAX_RANKED:
            return [(pk, match_rank) for pk, match_rank, _ in found]
    matches = queryset.filter(every_word).annotate(search_rank=rank)
    return list(matches.order_by(*NEWEST_FIRST).values_list("pk", "search_rank")[:MAX_RANKED])


def _older_than(queryset, pk: int, created_on):
    """The entries after this one, newest first; ``created_on__lte`` is what lets the index
    start there."""
    after = Q(created_on__lt=created_on) | Q(created_on=created_on, pk__lt=pk)
    return queryset.filter(after, created_on__lte=created_on)


def _in_newest_window(queryset, every_word: Q, rank, size: int, most: int):
    """At most ``most`` matches, with their rank and creation date, among the ``size`` newest
    entries of ``queryset``, read in order from the index of public entries (migration 0007)
    alone."""
    window = queryset.order_by(*NEWEST_FIRST).values(*WINDOW_COLUMNS)[:size]
    window_sql, window_params = window.query.sql_with_params()
    # The words and the rank, compiled against the table's own name, which names the window.
    bare = Query(queryset.model)
    compiler = bare.get_compiler(connection=connection)
    rank_sql, rank_params = compiler.compile(rank.resolve_expression(bare))
    where_sql, where_params = compiler.compile(bare.build_where(every_word))
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    sql = (
        f"SELECT {table}.id, {rank_sql}, {table}.created_on FROM ({window_sql}) AS {table} "
        f"WHERE {where_sql} "
        f"ORDER BY {table}.created_on DESC, {table}.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rank_params, *window_params, *where_params, most])
        return [tuple(row) for row in cursor.fetchall()]
