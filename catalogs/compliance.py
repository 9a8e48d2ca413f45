"""The catalogs app's contribution to each agency's compliance (registered in ready())."""

from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import compliance

from .choices import Catalog, EntryStatus
from .models import CatalogEntry


def register_checks() -> None:
    # Law Art 34(1)(b), Decree 13 Art 6: the list of information to be disclosed is published.
    compliance.register(
        compliance.Check(
            key="has_published_catalog",
            slug="catalog",
            order=30,
            met=_("Disclosure list published"),
            missing=_("No disclosure list"),
            summary=_("have published their list of information to be disclosed"),
            expression=lambda: Exists(
                CatalogEntry.objects.public().filter(agency=OuterRef("pk"), catalog=Catalog.PUBLIC)
            ),
        )
    )
    # The freshness an agency's page shows: last update, items late, items past review.
    compliance.register_fact(
        "catalog_updated_at",
        lambda: compliance.per_agency(CatalogEntry.objects.public(), Max("updated_at")),
    )
    compliance.register_fact(
        "catalog_late", lambda: compliance.count_per_agency(CatalogEntry.objects.public().late())
    )
    compliance.register_fact(
        "catalog_review_due",
        lambda: compliance.count_per_agency(
            CatalogEntry.objects.exclude(status=EntryStatus.DRAFT).review_due(timezone.localdate())
        ),
    )
