"""Who may see what, and the derived facts the public pages show, computed in the database."""

import datetime

from django.db import models
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from portal import compliance
from portal.text import fold

from .choices import AgencyKind, RegulationStatus

# The order agencies are listed in: the provincial hubs of Law Art 9(2)(đ)–(e) first.
KIND_ORDER = (
    AgencyKind.PPC_OFFICE,
    AgencyKind.COUNCIL_OFFICE,
    AgencyKind.DEPARTMENT,
    AgencyKind.COMMUNE,
    AgencyKind.OTHER,
)


def directory_rank(path: str = "") -> Case:
    """The position of an agency's kind in KIND_ORDER; ``path`` leads to the agency."""
    return Case(
        *(When(**{f"{path}kind": kind}, then=Value(i)) for i, kind in enumerate(KIND_ORDER)),
        default=Value(len(KIND_ORDER)),
        output_field=IntegerField(),
    )


class FocalPointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class InternalRegulationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=RegulationStatus.PUBLISHED)

    def current(self, on: datetime.date | None = None):
        """The regulation in force on ``on`` (today): published, in effect, and not yet
        replaced by a newer one that is itself in effect."""
        on = on or timezone.localdate()
        return (
            self.published()
            .filter(effective_date__lte=on)
            .filter(Q(superseded_by__isnull=True) | Q(superseded_by__effective_date__gt=on))
        )


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_compliance(self, *, with_facts: bool = False):
        """Annotate every registered compliance check (portal/compliance.py), in the database."""
        return self.annotate(**compliance.annotations(with_facts=with_facts))

    def aggregate_compliance(self, **extra) -> dict:
        """Province-wide counts, in one query (call after with_compliance): ``total``, one per
        registered check, and any ``extra`` aggregates."""
        # Aggregate aliases must differ from the annotations they count.
        counts = self.aggregate(
            total=Count("pk"),
            **{f"n_{c.key}": Count("pk", filter=Q(**{c.key: True})) for c in compliance.checks()},
            **{f"n_{name}": aggregate for name, aggregate in extra.items()},
        )
        return {key.removeprefix("n_"): value for key, value in counts.items()}

    def in_directory_order(self):
        return self.annotate(kind_rank=directory_rank()).order_by("kind_rank", "name", "pk")

    def search(self, text: str):
        """Accent-insensitive: every word typed must appear in the folded name."""
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_text__contains=word)
        return qs
