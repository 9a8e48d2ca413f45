"""Information requests, their append-only event log, refusals, files and reminders.

The status of a request is written only by ``requests_app.workflow``; it is not editable in any
form. Requester personal data lives on the request and is shown only to the handling agency's
officers and superusers (requests_app/admin.py, DOJ staff excluded).
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalogs.models import CatalogEntry
from portal.files import stored_name
from portal.text import NormalizedTextModel
from portal.validators import validate_document

from ..choices import (
    CHANNEL_LIMIT_GROUP,
    OPEN,
    Art6Subtype,
    AttachmentKind,
    Channel,
    Complexity,
    DeliveryForm,
    IdType,
    Outcome,
    RequesterKind,
    Status,
)
from ..querysets import InformationRequestQuerySet
from .rules import RuleSetRevision


class InformationRequest(NormalizedTextModel):
    """Yêu cầu cung cấp thông tin — a request under Law Arts 23–32, forms 01a and 01b."""

    Status = Status
    Channel = Channel

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="requests"
    )
    tracking_code = models.CharField(_("tracking code"), max_length=14, unique=True, editable=False)
    rule_revision = models.ForeignKey(
        RuleSetRevision,
        verbose_name=_("legal rule set"),
        on_delete=models.PROTECT,
        related_name="requests",
        editable=False,
    )
    channel = models.CharField(_("received by"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    complexity = models.CharField(
        _("complexity"), max_length=20, choices=Complexity.choices, blank=True, editable=False
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    valid_on = models.DateField(_("valid request received on"), null=True, editable=False)
    notice_due_on = models.DateField(_("handling notice due"), null=True, editable=False)
    due_on = models.DateField(_("due"), null=True, editable=False)
    extended_due_on = models.DateField(_("due after extension"), null=True, editable=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, editable=False)
    # Written by the workflow when the request ends and kept after it is closed: what the
    # yearly statistics count (reports/statistics.py).
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, editable=False
    )
    outcome_at = models.DateTimeField(_("outcome reached"), null=True, editable=False)
    working_days_taken = models.PositiveIntegerField(
        _("working days taken"), null=True, editable=False
    )
    on_time = models.BooleanField(_("answered on time"), null=True, editable=False)
    redirected_to = models.ForeignKey(
        Agency,
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
    )
    redirected_to_name = models.CharField(
        _("responsible agency (outside the portal)"), max_length=255, blank=True, editable=False
    )
    refusal_reason = models.TextField(_("written reason for refusal"), blank=True, editable=False)
    fee_amount = models.PositiveBigIntegerField(_("cost (VND)"), null=True, editable=False)
    payment_due_on = models.DateField(_("payment due"), null=True, editable=False)
    fee_notified_at = models.DateTimeField(_("cost notified"), null=True, editable=False)

    # The requester (Law Art 24(2)(a); Decree 13 Art 4) — personal data.
    requester_kind = models.CharField(
        _("requester"), max_length=20, choices=RequesterKind.choices, default=RequesterKind.SELF
    )
    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    id_type = models.CharField(
        _("identity document"), max_length=20, choices=IdType.choices, default=IdType.CITIZEN_CARD
    )
    id_number = models.CharField(_("identity document number"), max_length=20)
    address = models.CharField(_("place of residence"), max_length=255)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    fax = models.CharField(_("fax"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    own_rights_link = models.TextField(
        _("how the information concerns your own rights and obligations"), blank=True
    )
    represented_name = models.CharField(_("person represented"), max_length=150, blank=True)
    represented_relation = models.CharField(
        _("capacity"),
        max_length=150,
        blank=True,
        help_text=_("For example: father (legal representative), guardian."),
    )
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    resides_in_commune = models.BooleanField(_("resides in the commune"), null=True, blank=True)
    interest_link = models.TextField(
        _("how the information concerns your lawful rights and interests"), blank=True
    )

    # What is asked (Law Art 24(2)(b)–(d)).
    information = models.TextField(
        _("information requested"),
        help_text=_("Name the document, file or record, with its number and date if known."),
    )
    purpose = models.TextField(_("reason and purpose"))
    delivery_form = models.CharField(
        _("form of provision"), max_length=20, choices=DeliveryForm.choices
    )
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=1)
    delivery_address = models.CharField(
        _("postal address for delivery"), max_length=255, blank=True
    )
    needs_assistance = models.BooleanField(
        _("has a disability or needs assistance"),
        default=False,
        help_text=_("Requests from people with disabilities are handled first (Decree 13 Art 3)."),
    )
    assistance_note = models.CharField(_("assistance needed"), max_length=255, blank=True)
    catalog_entry = models.ForeignKey(
        CatalogEntry,
        verbose_name=_("catalog entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    written_for_requester = models.BooleanField(
        _("form filled in by the officer for the requester"),
        default=False,
        help_text=_("Law Art 24(1)(a): for a requester who cannot write."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
    )
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, editable=False)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Changes at every step; guards against two officers acting at once."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ("-received_at", "-pk")
        indexes = (
            models.Index(fields=("agency", "status"), name="request_agency_status"),
            models.Index(fields=("status", "due_on"), name="request_status_due"),
            models.Index(fields=("received_at",), name="request_received"),
            models.Index(fields=("outcome_at",), name="request_outcome_at"),
        )

    def __str__(self):
        return self.tracking_code

    def get_absolute_url(self):
        return reverse("admin:requests_app_informationrequest_change", args=[self.pk])

    @property
    def limit_group(self) -> str:
        return CHANNEL_LIMIT_GROUP[Channel(self.channel)]

    @property
    def current_due_on(self):
        return self.extended_due_on or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def clean(self):
        super().clean()
        errors = {}
        kind = self.requester_kind
        if kind == RequesterKind.REPRESENTATIVE and not (
            self.represented_name and self.represented_relation
        ):
            errors["represented_name"] = _(
                "Give the name of the person represented and your capacity."
            )
        if kind == RequesterKind.FOREIGNER:
            if not self.nationality:
                errors["nationality"] = _("Give your nationality.")
            if not self.own_rights_link:
                # Law Art 36(1): only information about the foreigner's own rights.
                errors["own_rights_link"] = _(
                    "A foreigner may ask only for information about their own rights and "
                    "obligations: say how this information concerns yours."
                )
        if kind == RequesterKind.ORGANISATION and not self.organisation_name:
            errors["organisation_name"] = _("Give the name of the organisation.")
        if self.delivery_form == DeliveryForm.POST and not (self.delivery_address or self.address):
            errors["delivery_address"] = _("Give the address to post the information to.")
        if (
            self.delivery_form in (DeliveryForm.EMAIL, DeliveryForm.DOWNLOAD_LINK)
            and not self.email
        ):
            errors["email"] = _("Give an e-mail address to receive the information.")
        if self.resides_in_commune is False and not self.interest_link:
            # Law Art 9(2)(h): a commune answers non-residents only on their own rights.
            errors["interest_link"] = _(
                "You do not reside in the commune: say how the information directly concerns "
                "your lawful rights and interests."
            )
        if errors:
            raise ValidationError(errors)


class RequestMember(NormalizedTextModel):
    """A member an organisation requests for (Decree 13 Art 4(2), form 01b) — personal data."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    id_number = models.CharField(_("identity document number"), max_length=20)
    reason = models.CharField(_("reason and purpose"), max_length=500)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ("request", "pk")

    def __str__(self):
        return self.full_name


def attachment_upload_to(instance, filename):
    return stored_name(f"requests/{instance.request.agency_id}/{instance.request_id}", filename)


class RequestAttachment(models.Model):
    """A document the requester attached: consent (form 06), proof of representation…"""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(
        _("file"), upload_to=attachment_upload_to, max_length=300, validators=[validate_document]
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("request", "pk")

    def __str__(self):
        return PurePath(self.file.name).name


class RequestEvent(NormalizedTextModel):
    """One step of a request's history; written with the transition, never changed."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the requester or the system acted."),
    )
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("message to the requester"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    notify_requester = models.BooleanField(_("the requester must be told"), default=False)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ("request", "at", "pk")

    def __str__(self):
        return f"{self.request} {self.from_status or '∅'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Request events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Request events are append-only.")


class RequestRefusal(NormalizedTextModel):
    """A Law Art 28(1) ground a refusal or partial provision rests on."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="refusals"
    )
    code = models.SlugField(_("ground"), max_length=40)
    label = models.CharField(_("ground"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=100)
    art6_subtype = models.CharField(
        _("kind of Art 6 information"), max_length=20, choices=Art6Subtype.choices, blank=True
    )

    class Meta:
        verbose_name = _("refusal ground")
        verbose_name_plural = _("refusal grounds")
        ordering = ("request", "pk")

    def __str__(self):
        return self.label


def response_upload_to(instance, filename):
    return stored_name(f"responses/{instance.request.agency_id}/{instance.request_id}", filename)


class ResponseFile(NormalizedTextModel):
    """A file provided to the requester; downloaded through an expiring signed link."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="response_files"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(
        _("file"), upload_to=response_upload_to, max_length=300, validators=[validate_document]
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("file provided")
        verbose_name_plural = _("files provided")
        ordering = ("request", "pk")

    def __str__(self):
        return self.title or PurePath(self.file.name).name


class Reminder(models.Model):
    """A reminder sent to officers; one per request, kind and due date, so never twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due within 2 working days")
        OVERDUE = "overdue", _("Overdue")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_on = models.DateField(_("due"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = (
            models.UniqueConstraint(fields=("request", "kind", "due_on"), name="remind_once"),
        )

    def __str__(self):
        return f"{self.request} {self.kind} {self.due_on}"
