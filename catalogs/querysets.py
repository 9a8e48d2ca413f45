"""Who may see which entries and files. Every public surface starts from ``public()``."""

import datetime

from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from .choices import PUBLIC_STATUSES, Catalog, Classification


class CatalogEntryQuerySet(models.QuerySet):
    def public(self):
        """What citizens may see on any page, search, export, API, feed or sitemap."""
        return self.filter(status__in=PUBLIC_STATUSES).exclude(
            classification=Classification.NOT_ACCESSIBLE
        )

    def for_listing(self):
        """What a page of the list shows."""
        return self.select_related("agency")

    def for_export(self):
        """What an export or the API gives of each entry."""
        return self.for_listing().prefetch_related("disclosure_forms")

    def late(self):
        return self.filter(self.late_condition())

    @staticmethod
    def late_condition() -> Q:
        """Published after the Law Art 18(4) deadline (creation date + 5 working days)."""
        return Q(disclosed_on__gt=F("publication_deadline")) | Q(
            disclosed_on__isnull=True, published_at__date__gt=F("publication_deadline")
        )

    def review_due(self, today: datetime.date):
        """The entry's classification, or one of its files', is past its review date."""
        from .models import CatalogFile

        files_due = CatalogFile.objects.filter(entry=OuterRef("pk"), review_on__lt=today)
        return self.filter(Q(review_on__lt=today) | Exists(files_due))


class CatalogFileQuerySet(models.QuerySet):
    def public(self):
        """Files of public-list entries, themselves classified public; never a conditional one."""
        return self.filter(
            classification=Classification.PUBLIC,
            entry__catalog=Catalog.PUBLIC,
            entry__classification=Classification.PUBLIC,
            entry__status__in=PUBLIC_STATUSES,
        )
