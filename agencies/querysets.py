"""Who may see what, and the derived facts the public pages show, computed in the database."""

from django.db import models
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

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


class FocalPointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class InternalRegulationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=RegulationStatus.PUBLISHED)

    def current(self):
        """The regulation in force: published and not superseded by a newer one."""
        return self.published().filter(superseded_by__isnull=True)


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_compliance(self):
        """Annotate the two compliance facts citizens see as badges (Decree 13 Arts 6–8, 12(1))."""
        from .models import FocalPoint, InternalRegulation

        return self.annotate(
            has_active_focal_point=Exists(
                FocalPoint.objects.active().filter(agency=OuterRef("pk"))
            ),
            has_current_regulation=Exists(
                InternalRegulation.objects.current().filter(agency=OuterRef("pk"))
            ),
        )

    def aggregate_compliance(self) -> dict:
        """Province-wide counts for the home page, in one query (call after with_compliance)."""
        return self.aggregate(
            total=Count("pk"),
            with_focal_point=Count("pk", filter=Q(has_active_focal_point=True)),
            with_regulation=Count("pk", filter=Q(has_current_regulation=True)),
        )

    def in_directory_order(self):
        rank = Case(
            *(When(kind=kind, then=Value(i)) for i, kind in enumerate(KIND_ORDER)),
            default=Value(len(KIND_ORDER)),
            output_field=IntegerField(),
        )
        return self.annotate(kind_rank=rank).order_by("kind_rank", "name", "pk")

    def search(self, text: str):
        """Accent-insensitive: every word typed must appear in the folded name."""
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_text__contains=word)
        return qs
