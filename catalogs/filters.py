"""The filters of the catalog pages, exports and API (django-filter): one FilterSet for all."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .choices import PUBLIC_STATUSES, Catalog, Category, DisclosureForm, EntryStatus
from .models import CatalogEntry
from .search import MAX_QUERY_LENGTH, search

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
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"),
        queryset=Agency.objects.active().order_by("name"),
        to_field_name="slug",
        empty_label=_("All agencies"),
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
        fields = ("q", "agency", "catalog", "category", "form", "year", "status", "sort")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["year"].widget = forms.NumberInput(attrs={"inputmode": "numeric"})

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    def filter_queryset(self, queryset):
        # Sorting applies last, after the search has ranked what it found.
        sort = self.form.cleaned_data.pop("sort", None)
        queryset = super().filter_queryset(queryset)
        return self.filter_sort(queryset, "sort", sort) if sort else queryset

    @property
    def is_filtering(self) -> bool:
        data = getattr(self.form, "cleaned_data", {})
        return any(data.get(name) not in (None, "") for name in self.Meta.fields)
