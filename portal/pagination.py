"""Pagination helpers."""

from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator told how many objects there are when that is already known (a search that
    found its matches at once), so it does not count them again. Given the objects' ids in
    order as well, a page reads only its own rows: the database need not rank them all again.
    ``rows``, when given, is where those rows are read from (the queryset before the search
    that found the ids), so their reading need not repeat the search's conditions."""

    def __init__(self, object_list, per_page, *, count=None, ordered_ids=None, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.ordered_ids = ordered_ids
        self.rows = object_list if rows is None else rows
        if ordered_ids is not None:
            count = len(ordered_ids)
        if count is not None:
            self.__dict__["count"] = count  # the cached property, set beforehand

    def page(self, number):
        if self.ordered_ids is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.ordered_ids[bottom:top]
        rows = {row.pk: row for row in self.rows.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
