"""Who may see which reports and whose figures (DESIGN §1).

- Department of Justice staff and superusers (``reports.change_yearlyreport``) see every report
  and every agency's figures, and compile, review and publish;
- an officer sees the compiled reports of the province and of their own agency, but only their
  own agency's figures in them until a report is published;
- everyone sees published reports in full.
"""

from django.db import models
from django.db.models import Q

from portal.roles import officer_agency_id

from .choices import COMPILED, ReportState


def can_manage(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("reports.change_yearlyreport"))


def own_agency_id(user) -> int | None:
    """The agency whose figures an officer may read in unpublished reports."""
    if not (user.is_authenticated and user.has_perm("reports.view_yearlyreport")):
        return None
    return officer_agency_id(user)


def may_use_staff_pages(user) -> bool:
    return can_manage(user) or own_agency_id(user) is not None


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ReportState.PUBLISHED)

    def province_wide(self):
        return self.filter(agency__isnull=True)

    def visible_to(self, user):
        if can_manage(user):
            return self
        agency_id = own_agency_id(user)
        if agency_id is None:
            return self.published()
        return self.filter(
            Q(state=ReportState.PUBLISHED)
            | Q(state__in=COMPILED) & (Q(agency__isnull=True) | Q(agency_id=agency_id))
        )


def figures_scope(user, report) -> int | None:
    """None when ``user`` may read every agency's figures of ``report``, else their agency."""
    if can_manage(user) or report.state == ReportState.PUBLISHED:
        return None
    return own_agency_id(user)
