"""Filters of the public agency directory (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal import compliance

from .models import Agency


class AgencyFilter(django_filters.FilterSet):
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
        choices=lambda: [
            ("compliant", _("Meets every requirement")),
            *((f"no_{check.slug}", check.missing) for check in compliance.checks()),
        ],
        empty_label=_("All agencies"),
        method="filter_compliance",
    )

    class Meta:
        model = Agency
        fields = ("q", "kind", "compliance")

    def filter_name(self, queryset, name, value):
        return queryset.search(value)

    def filter_compliance(self, queryset, name, value):
        if value == "compliant":
            return queryset.filter(**{check.key: True for check in compliance.checks()})
        check = next(c for c in compliance.checks() if f"no_{c.slug}" == value)
        return queryset.filter(**{check.key: False})

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and any(self.form.cleaned_data.get(f) for f in self.Meta.fields)
