"""The agencies app's compliance checks (registered in AgenciesConfig.ready)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from portal import compliance

from .models import FocalPoint, InternalRegulation


def register_checks() -> None:
    # Decree 13 Arts 6–8: a designated focal point receives requests.
    compliance.register(
        compliance.Check(
            key="has_active_focal_point",
            slug="focal_point",
            order=10,
            met=_("Focal point designated"),
            missing=_("No focal point"),
            summary=_("have an active focal point for requests"),
            expression=lambda: Exists(FocalPoint.objects.active().filter(agency=OuterRef("pk"))),
        )
    )
    # Law Art 34(1)(h), Decree 13 Art 12(1): an internal regulation in force.
    compliance.register(
        compliance.Check(
            key="has_current_regulation",
            slug="regulation",
            order=20,
            met=_("Internal regulation published"),
            missing=_("No internal regulation"),
            summary=_("have published their internal regulation on providing information"),
            expression=lambda: Exists(
                InternalRegulation.objects.current().filter(agency=OuterRef("pk"))
            ),
        )
    )
