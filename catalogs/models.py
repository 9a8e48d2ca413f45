"""The two lists every agency keeps (Law Art 34(1)(b), Decree 13 Art 6).

One model holds the entries of both lists. The law prescribes the columns of the list of
information to be disclosed (Decree 13 Art 6(3), Law Art 19(1)(g)) and none for the list of
information accessible with conditions, which in practice uses the same columns plus the Art 7
ground and whose consent is needed. One table keeps search, filters, exports, the API, feeds
and the yearly statistics to a single query each; the conditional-only fields are checked in
``clean()``.
"""

import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from portal.fields import WebAddressField
from portal.files import stored_name
from portal.text import NormalizedTextModel, fold
from portal.validators import validate_document
from portal.workdays import add_working_days

from .choices import (
    PUBLIC_STATUSES,
    Catalog,
    Category,
    Classification,
    ConsentGround,
    DisclosureForm,
    EntryStatus,
    NotAccessibleGround,
)
from .querysets import CatalogEntryQuerySet, CatalogFileQuerySet

# Law Art 37 and Decree 13 Art 14(2): the Law governs information created from 1 July 2018.
LAW_IN_FORCE = datetime.date(2018, 7, 1)
# Law Art 18(4): published no later than 5 working days after the information is created.
PUBLICATION_WORKING_DAYS = 5


class DisclosureMethod(models.Model):
    """One of the Law Art 18(1) forms of disclosure; rows are created by a data migration."""

    code = models.CharField(max_length=20, primary_key=True, choices=DisclosureForm.choices)

    class Meta:
        verbose_name = _("form of disclosure")
        verbose_name_plural = _("forms of disclosure")
        ordering = ("code",)

    def __str__(self):
        return str(self.get_code_display())


class CatalogEntry(NormalizedTextModel):
    """Một mục trong danh mục thông tin — an entry of one of the agency's two lists."""

    Catalog = Catalog
    Category = Category
    Status = EntryStatus
    Classification = Classification

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="catalog_entries"
    )
    catalog = models.CharField(_("list"), max_length=20, choices=Catalog.choices)
    category = models.CharField(
        _("category (Law Art 17(1))"), max_length=2, choices=Category.choices
    )
    title = models.CharField(_("title of the document, file or record"), max_length=500)
    number_symbol = models.CharField(_("number and symbol"), max_length=100, blank=True)
    created_on = models.DateField(_("date created"))
    creating_unit = models.CharField(_("creating unit"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    disclosure_forms = models.ManyToManyField(
        DisclosureMethod, verbose_name=_("forms of disclosure"), blank=True
    )
    disclosed_on = models.DateField(_("time of disclosure"), null=True, blank=True)
    disclosure_period = models.CharField(
        _("duration of disclosure"),
        max_length=255,
        blank=True,
        help_text=_('For example "30 days" or "permanent".'),
    )
    disclosure_ends_on = models.DateField(
        _("end of disclosure"),
        null=True,
        blank=True,
        help_text=_("The entry is marked as ended the day after this date."),
    )
    place = models.CharField(_("place of disclosure"), max_length=255, blank=True)
    access_url = WebAddressField(_("access link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EntryStatus.choices,
        default=EntryStatus.DRAFT,
        editable=False,
    )
    classification = models.CharField(
        _("classification"),
        max_length=20,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )
    not_accessible_ground = models.CharField(
        _("ground for not being accessible"),
        max_length=20,
        choices=NotAccessibleGround.choices,
        blank=True,
    )
    review_on = models.DateField(
        _("classification review date"),
        null=True,
        blank=True,
        help_text=_("When the classification must next be checked (Law Art 34(1)(e))."),
    )
    consent_ground = models.CharField(
        _("Art 7 ground"), max_length=20, choices=ConsentGround.choices, blank=True
    )
    consent_holder = models.CharField(_("whose consent is needed"), max_length=255, blank=True)
    consent_how = models.TextField(_("how to ask for consent"), blank=True)
    listed_on = models.DateField(_("date listed"), default=timezone.localdate)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    publication_deadline = models.DateField(
        _("publication deadline"), null=True, blank=True, editable=False
    )
    search_title = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("date updated"), auto_now=True)

    objects = CatalogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalog entry")
        verbose_name_plural = _("catalog entries")
        ordering = ("-created_on", "-id")
        indexes = (
            models.Index(fields=("agency", "catalog", "status"), name="entry_agency_catalog"),
            models.Index(fields=("status", "-created_on"), name="entry_status_created"),
            models.Index(fields=("review_on",), name="entry_review_on"),
        )
        constraints = (
            models.CheckConstraint(
                condition=models.Q(disclosure_ends_on__isnull=True)
                | models.Q(disclosed_on__isnull=True)
                | models.Q(disclosure_ends_on__gte=models.F("disclosed_on")),
                name="entry_disclosure_ends_after_it_starts",
                violation_error_message=_("The disclosure cannot end before it starts."),
            ),
        )

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalogs:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.search_title = fold(self.title)
        self.search_text = fold(
            " ".join(
                filter(None, [self.title, self.number_symbol, self.creating_unit, self.summary])
            )
        )
        self.publication_deadline = self.compute_publication_deadline()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.created_on and self.created_on > timezone.localdate():
            errors["created_on"] = _("The date created cannot be in the future.")
        if self.catalog == Catalog.CONDITIONAL:
            if not self.consent_ground:
                errors["consent_ground"] = _("A conditional entry needs its Art 7 ground.")
            if not self.consent_holder:
                errors["consent_holder"] = _("Say whose consent is needed.")
        allowed = {
            Catalog.PUBLIC: {Classification.PUBLIC, Classification.NOT_ACCESSIBLE},
            Catalog.CONDITIONAL: {Classification.CONDITIONAL, Classification.NOT_ACCESSIBLE},
        }.get(self.catalog, set())
        if self.catalog and self.classification not in allowed:
            errors["classification"] = _("This classification does not match the list.")
        if self.classification == Classification.NOT_ACCESSIBLE and not self.not_accessible_ground:
            errors["not_accessible_ground"] = _("Give the Art 6 ground.")
        if errors:
            raise ValidationError(errors)

    def compute_publication_deadline(self) -> datetime.date | None:
        if not self.created_on or self.predates_law:
            return None
        return add_working_days(self.created_on, PUBLICATION_WORKING_DAYS)

    @property
    def predates_law(self) -> bool:
        """Created before 1 July 2018: accessed under the earlier laws (Decree 13 Art 14(2))."""
        return bool(self.created_on and self.created_on < LAW_IN_FORCE)

    @property
    def publication_date(self) -> datetime.date | None:
        if self.disclosed_on:
            return self.disclosed_on
        return self.published_at.date() if self.published_at else None

    @property
    def was_published_late(self) -> bool:
        published = self.publication_date
        return bool(
            published and self.publication_deadline and published > self.publication_deadline
        )

    @property
    def is_conditional(self) -> bool:
        return self.catalog == Catalog.CONDITIONAL

    @property
    def notable_status(self) -> str:
        """The status worth a tag in a list: anything but plainly published."""
        return "" if self.status == EntryStatus.PUBLISHED else str(self.get_status_display())

    @property
    def is_public(self) -> bool:
        return (
            self.status in PUBLIC_STATUSES and self.classification != Classification.NOT_ACCESSIBLE
        )

    @property
    def files_are_public(self) -> bool:
        """Conditional entries show their title and ground, never their contents (Art 7)."""
        return self.is_public and self.classification == Classification.PUBLIC


def entry_file_upload_to(instance, filename):
    return stored_name(f"catalogs/{instance.entry.agency_id}/{instance.entry_id}", filename)


class CatalogFile(NormalizedTextModel):
    """A digitised document attached to an entry (Decree 13 Art 6(3), second paragraph)."""

    entry = models.ForeignKey(
        CatalogEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(
        _("file"), upload_to=entry_file_upload_to, max_length=300, validators=[validate_document]
    )
    classification = models.CharField(
        _("classification"),
        max_length=20,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )
    not_accessible_ground = models.CharField(
        _("ground for not being accessible"),
        max_length=20,
        choices=NotAccessibleGround.choices,
        blank=True,
    )
    review_on = models.DateField(
        _("classification review date"),
        null=True,
        blank=True,
        help_text=_("When this file's classification must next be checked (Law Art 34(1)(e))."),
    )
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = CatalogFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        ordering = ("entry", "id")

    def __str__(self):
        return self.title or self.filename

    @property
    def filename(self) -> str:
        return PurePath(self.file.name).name

    def get_absolute_url(self):
        return reverse("catalogs:file", args=[self.entry_id, self.pk])

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.classification == Classification.NOT_ACCESSIBLE and not self.not_accessible_ground:
            raise ValidationError({"not_accessible_ground": _("Give the Art 6 ground.")})


class CatalogCorrection(NormalizedTextModel):
    """Đính chính — a correction of published information, kept as history (Law Art 22)."""

    entry = models.ForeignKey(
        CatalogEntry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    corrected_at = models.DateTimeField(_("corrected"), auto_now_add=True)
    reason = models.TextField(_("what was wrong"))
    changes = models.JSONField(
        _("changes"),
        default=list,
        help_text=_('{"field", "before", "after"} for each field changed, values as text.'),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("entry", "-corrected_at")

    def __str__(self):
        return f"{self.entry} ({self.corrected_at:%d/%m/%Y})"

    def readable_changes(self) -> list[tuple[str, str, str]]:
        """(field label, before, after) in the reader's language."""
        return [
            (
                str(CatalogEntry._meta.get_field(change["field"]).verbose_name),
                _readable(change["field"], change["before"]),
                _readable(change["field"], change["after"]),
            )
            for change in self.changes
        ]


def _readable(name: str, value: str) -> str:
    field = CatalogEntry._meta.get_field(name)
    if not value:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField):
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    return value
