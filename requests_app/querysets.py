"""Who may see which requests, and the deadline facts the admin lists filter on."""

import datetime

from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce

from .choices import OPEN, RUNNING


class InformationRequestQuerySet(models.QuerySet):
    def with_current_due(self):
        """``current_due``: the extended deadline when there is one, else the original."""
        return self.annotate(current_due=Coalesce(F("extended_due_on"), F("due_on")))

    def open(self):
        return self.filter(status__in=OPEN)

    def running(self):
        return self.filter(status__in=RUNNING)

    def overdue(self, today: datetime.date):
        return self.running().with_current_due().filter(current_due__lt=today)

    def due_between(self, start: datetime.date, end: datetime.date):
        return self.running().with_current_due().filter(current_due__range=(start, end))
