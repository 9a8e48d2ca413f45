"""The filters of the catalog pages, exports and API (django-filter): one FilterSet for all."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .choices import PUBLIC_STATUSES, Catalog, Category, DisclosureForm, EntryStatus
from .models import CatalogEntry
from .search import MAX_QUERY_LENGTH, find

SORTS = {
    "newest": ("-created_on", "-pk"),
    "oldest": ("created_on", "pk"),
    "title": ("title", "pk"),
    "updated": ("-updated_at", "-pk"),
}


class CatalogEntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Accents are optional."),
    )
    # The links from agency pages and the API name one agency by its slug; people type a
    # part of its name (a list of 2,000 agencies would be unusable, and heavy to send).
    agency = django_filters.CharFilter(
        label=_("Agency"), field_name="agency__slug", max_length=120, widget=forms.HiddenInput
    )
    agency_name = django_filters.CharFilter(
        label=_("Agency"),
        method="filter_agency_name",
        max_length=MAX_QUERY_LENGTH,
        help_text=_('Part of its name, accents optional: "phu quoc".'),
    )
    catalog = django_filters.ChoiceFilter(
        label=_("List"), choices=Catalog.choices, empty_label=_("Both lists")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, empty_label=_("All categories")
    )
    form = django_filters.ChoiceFilter(
        label=_("Form of disclosure"),
        choices=DisclosureForm.choices,
        field_name="disclosure_forms",
        empty_label=_("All forms"),
    )
    year = django_filters.NumberFilter(
        label=_("Year created"),
        field_name="created_on",
        lookup_expr="year",
        min_value=1945,
        max_value=2100,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in EntryStatus if s in PUBLIC_STATUSES],
        empty_label=_("Any status"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=(
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
            ("updated", _("Recently updated")),
        ),
        empty_label=_("Relevance, then newest"),
        method="filter_sort",
    )

    class Meta:
        model = CatalogEntry
        fields = (
            "q",
            "agency",
            "agency_name",
            "catalog",
            "category",
            "form",
            "year",
            "status",
            "sort",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["year"].widget = forms.NumberInput(attrs={"inputmode": "numeric"})

    # The search's matches in their order (None without a search): the page's paginator need
    # not count them again, and, unless sorted otherwise, reads only its own page of them.
    matched_ids = None
    sorted_otherwise = False
    searched_in = None  # what the search looked in: a page reads its own rows from it by id

    @property
    def match_count(self) -> int | None:
        return None if self.matched_ids is None else len(self.matched_ids)

    @property
    def ranked_ids(self) -> list[int] | None:
        return None if self.sorted_otherwise else self.matched_ids

    def filter_search(self, queryset, name, value):
        self.searched_in = queryset
        queryset, self.matched_ids = find(queryset, value)
        return queryset

    def filter_agency_name(self, queryset, name, value):
        return queryset.filter(agency__in=Agency.objects.search(value))

    def filter_sort(self, queryset, name, value):
        self.sorted_otherwise = True
        return queryset.order_by(*SORTS[value])

    def filter_queryset(self, queryset):
        # The search runs on what the other filters left; sorting applies last, after the
        # search has ranked what it found.
        data = self.form.cleaned_data
        text, sort = data.pop("q", None), data.pop("sort", None)
        queryset = super().filter_queryset(queryset)
        if text:
            queryset = self.filter_search(queryset, "q", text)
        return self.filter_sort(queryset, "sort", sort) if sort else queryset

    @property
    def is_filtering(self) -> bool:
        data = getattr(self.form, "cleaned_data", {})
        return any(data.get(name) not in (None, "") for name in self.Meta.fields)
