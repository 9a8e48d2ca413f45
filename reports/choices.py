"""Enumerations of the reports app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being compiled")
    DONE = "done", _("Compiled")
    FAILED = "failed", _("Failed")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")


# A compilation is under way in these states; a second one is refused unless this one stalled.
IN_PROGRESS = (ReportState.QUEUED, ReportState.RUNNING)
# The figures are there to read, check and export.
COMPILED = (ReportState.DONE, ReportState.REVIEWED, ReportState.PUBLISHED)
