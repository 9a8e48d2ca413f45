"""Pagination helpers."""

from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator told how many objects there are when that is already known (a search that
    found its matches at once), so it does not count them again."""

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # the cached property, set beforehand
