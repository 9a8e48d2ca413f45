"""Filters of the public agency directory (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Agency


class AgencyFilter(django_filters.FilterSet):
    COMPLIANCE_CHOICES = (
        ("compliant", _("Focal point and regulation in place")),
        ("no_focal_point", _("No active focal point")),
        ("no_regulation", _("No published internal regulation")),
    )

    q = django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        max_length=200,
        help_text=_('Accents are optional: "so tu phap" finds "Sở Tư pháp".'),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of agency"), choices=Agency.Kind.choices, empty_label=_("All kinds")
    )
    compliance = django_filters.ChoiceFilter(
        label=_("Compliance"),
        choices=COMPLIANCE_CHOICES,
        empty_label=_("All agencies"),
        method="filter_compliance",
    )

    class Meta:
        model = Agency
        fields = ("q", "kind", "compliance")

    def filter_name(self, queryset, name, value):
        return queryset.search(value)

    def filter_compliance(self, queryset, name, value):
        conditions = {
            "compliant": Q(has_active_focal_point=True, has_current_regulation=True),
            "no_focal_point": Q(has_active_focal_point=False),
            "no_regulation": Q(has_current_regulation=False),
        }
        return queryset.filter(conditions[value])

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and any(self.form.cleaned_data.get(f) for f in self.Meta.fields)
