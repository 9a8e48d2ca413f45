"""Agencies that must provide information, their focal points, internal regulations and officers.

Legal basis: Law 104/2016/QH13 Art 9 (who provides), Art 34(1)(h) (internal regulation);
Decree 13/2018/NĐ-CP Arts 6–8 (focal point), Art 12(1) (regulation contents); LEGAL §7.1.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import compliance
from portal.fields import WebAddressField
from portal.files import stored_name
from portal.richtext import RichTextField
from portal.text import NormalizedTextModel, fold
from portal.validators import validate_pdf

from .choices import AgencyKind, AreaRate, FocalArrangement, RegulationStatus
from .querysets import AgencyQuerySet, FocalPointQuerySet, InternalRegulationQuerySet
from .slugs import unique_slug


class Agency(NormalizedTextModel):
    """Cơ quan cung cấp thông tin — a state agency that must provide information (Law Art 9)."""

    Kind = AgencyKind
    AreaRate = AreaRate

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Used in the agency's web address; made from the name when left empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    administrative_code = models.CharField(
        _("administrative code"),
        max_length=20,
        blank=True,
        help_text=_("Code of the administrative unit or of the agency in the state register."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = WebAddressField(_("website"), blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("For a body abolished or merged (for example in the 2025 reform)."),
    )
    area_rate = models.PositiveSmallIntegerField(
        _("access-cost rate"),
        choices=AreaRate.choices,
        default=AreaRate.FULL,
        help_text=_("Share of the Circular 46/2018/TT-BTC cost table charged by this agency."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # What official notices carry (Decree 30/2020/NĐ-CP Art 8; LEGAL §5.5).
    superior_body = models.CharField(
        _("governing body"),
        max_length=255,
        blank=True,
        help_text=_(
            "Printed above the agency's name on notices, e.g. ỦY BAN NHÂN DÂN TỈNH AN GIANG."
        ),
    )
    document_code = models.CharField(
        _("symbol on documents"),
        max_length=20,
        blank=True,
        help_text=_('Abbreviation in document numbers, e.g. "STP" in "05/TB-STP".'),
    )
    place_name = models.CharField(
        _("place name on documents"),
        max_length=100,
        blank=True,
        help_text=_('The place in the date line, e.g. "Rạch Giá".'),
    )
    signer_title = models.CharField(
        _("signer's position"), max_length=100, blank=True, help_text=_("e.g. GIÁM ĐỐC")
    )
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    payment_instructions = models.TextField(
        _("how to pay access costs"),
        blank=True,
        help_text=_(
            "The tax authority managing the revenue and the State Treasury receiving it "
            "(Circular 46/2018/TT-BTC Art 4), printed on form 03."
        ),
    )
    search_text = models.TextField(editable=False, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(
                fields=["administrative_code"],
                condition=~Q(administrative_code=""),
                name="agency_unique_administrative_code",
                violation_error_message=_("Another agency already has this administrative code."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="agency_not_own_parent",
                violation_error_message=_("An agency cannot be its own parent."),
            ),
        )

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agencies:detail", args=[self.slug])

    @property
    def compliance_badges(self) -> list[tuple[compliance.Check, bool]]:
        """(check, met) for each registered check; needs ``with_compliance()``."""
        return [(check, bool(getattr(self, check.key))) for check in compliance.checks()]

    def clean(self):
        super().clean()
        if self.parent_id and self.pk and self._parent_chain_contains(self.pk):
            raise ValidationError({"parent": _("This choice would make the hierarchy circular.")})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("An agency cannot succeed itself.")})

    def _parent_chain_contains(self, agency_id) -> bool:
        seen, current = set(), self.parent
        while current is not None and current.pk not in seen:
            if current.pk == agency_id:
                return True
            seen.add(current.pk)
            current = current.parent
        return False

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        self.search_text = fold(" ".join(filter(None, [self.name, self.short_name])))
        super().save(*args, **kwargs)


class FocalPoint(NormalizedTextModel):
    """Đầu mối cung cấp thông tin — the agency's designated focal point (Decree 13 Arts 6–8)."""

    Arrangement = FocalArrangement

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="focal_points"
    )
    arrangement = models.CharField(_("arrangement"), max_length=20, choices=Arrangement.choices)
    name = models.CharField(
        _("name"), max_length=255, help_text=_("Name of the unit, section or person.")
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    reception_address = models.CharField(_("reception address"), max_length=255, blank=True)
    reception_hours = models.CharField(_("reception hours"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ("agency", "-is_active", "name")

    def __str__(self):
        return f"{self.name} ({self.agency})"

    def clean(self):
        super().clean()
        # Law Art 17(1)(m) and 19(1)(đ): citizens must have a way to reach the focal point.
        if self.is_active and not (self.phone or self.email or self.reception_address):
            raise ValidationError(
                _("An active focal point needs at least a phone, an e-mail or a reception address.")
            )


def regulation_upload_to(instance, filename):
    # Whatever the browser called it, the file passed validate_pdf: it is stored as a PDF.
    return stored_name(f"regulations/{instance.agency_id}", f"{PurePath(filename).stem}.pdf")


class InternalRegulation(NormalizedTextModel):
    """Quy chế nội bộ về tổ chức cung cấp thông tin — Law Art 34(1)(h), Decree 13 Art 12(1)."""

    Status = RegulationStatus

    # The five mandatory contents (LEGAL §2.3), in the order the law lists them.
    CHECKLIST = (
        ("designates_focal_point", _("Designation of the focal point(s)")),
        ("covers_handover", _("Hand-over of information from the creating unit to the focal unit")),
        (
            "covers_classification",
            _("Classification of information that may or may not be provided"),
        ),
        (
            "covers_updating",
            _("Updating of disclosed information and of information provided on request"),
        ),
        (
            "covers_request_procedure",
            _("Procedure for handling requests between the units concerned"),
        ),
    )

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="regulations"
    )
    title = models.CharField(_("title"), max_length=500)
    decision_number = models.CharField(
        _("decision number"), max_length=100, help_text=_("For example 125/QĐ-STP.")
    )
    decision_date = models.DateField(_("decision date"))
    effective_date = models.DateField(_("effective date"))
    body = RichTextField(_("text of the regulation"), blank=True)
    signed_file = models.FileField(
        _("signed document (PDF)"),
        upload_to=regulation_upload_to,
        # The form checks the sender's name against this, not the short name it is stored under.
        max_length=300,
        blank=True,
        validators=[validate_pdf],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="supersedes",
    )
    designates_focal_point = models.BooleanField(CHECKLIST[0][1], default=False)
    covers_handover = models.BooleanField(CHECKLIST[1][1], default=False)
    covers_classification = models.BooleanField(CHECKLIST[2][1], default=False)
    covers_updating = models.BooleanField(CHECKLIST[3][1], default=False)
    covers_request_procedure = models.BooleanField(CHECKLIST[4][1], default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InternalRegulationQuerySet.as_manager()

    class Meta:
        verbose_name = _("internal regulation")
        verbose_name_plural = _("internal regulations")
        ordering = ("agency", "-effective_date", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(status=RegulationStatus.PUBLISHED, superseded_by__isnull=True),
                name="one_current_regulation_per_agency",
            ),
            models.CheckConstraint(
                condition=Q(effective_date__gte=models.F("decision_date")),
                name="regulation_effective_after_decision",
                violation_error_message=_("The effective date cannot be before the decision date."),
            ),
        )

    def __str__(self):
        return f"{self.decision_number} — {self.title}"

    def get_absolute_url(self):
        return reverse("agencies:regulation_version", args=[self.agency.slug, self.pk])

    @property
    def is_current(self) -> bool:
        """In force today: published, in effect, not yet replaced by one in effect."""
        today = timezone.localdate()
        if self.status != self.Status.PUBLISHED or self.effective_date > today:
            return False
        newer = self.superseded_by
        return newer is None or newer.effective_date > today

    @property
    def is_upcoming(self) -> bool:
        """Published, with an effective date still to come."""
        return self.status == self.Status.PUBLISHED and self.effective_date > timezone.localdate()

    def checklist(self) -> list[tuple[str, bool]]:
        return [(label, getattr(self, field)) for field, label in self.CHECKLIST]

    @property
    def is_complete(self) -> bool:
        return all(getattr(self, field) for field, _label in self.CHECKLIST)


class Officer(NormalizedTextModel):
    """Cán bộ đầu mối — a user who works for exactly one agency in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="officer",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="officers"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ("agency", "full_name")

    def __str__(self):
        return f"{self.full_name} ({self.agency})"
