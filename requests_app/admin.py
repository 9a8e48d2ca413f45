"""Admin for information requests (officers of the handling agency only) and rule sets
(superusers only).

The status is never a form field: each change goes through a transition page that calls
``workflow.transition``. Requester personal data is shown only to the handling agency's
officers and superusers: this admin sets ``doj_sees_all = False`` and no role but the officers'
holds its permissions.
"""

import datetime
import logging
from contextvars import ContextVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.models import Count, F, Min
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Officer
from portal.admin_base import PortalModelAdmin
from portal.admin_scoping import AgencyScopedAdmin, scope_queryset
from portal.files import ScopedFileInput, serve_file
from portal.pdf import PdfUnavailable
from portal.roles import officer_agency_id
from portal.workdays import WorkingCalendar

from . import complaints, fees, notices, register, workflow
from .choices import RUNNING, Channel
from .deadlines import explain_request
from .forms import PUBLIC_FIELDS, FeeItemLineForm, PostageForm, RegisterForm, TransitionForm
from .models import (
    Complaint,
    FeeItem,
    InformationRequest,
    LegalRuleSet,
    Notice,
    RefusalGround,
    RequestAttachment,
    RequestEvent,
    RequestMember,
    RequestRefusal,
    ResponseFile,
    RuleSetRevision,
    TimeLimit,
)
from .models.rules import record_revision, revision_in_force
from .tasks import DUE_SOON_WORKING_DAYS

logger = logging.getLogger(__name__)


class DueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return (("soon", _("Due within 2 working days")), ("overdue", _("Overdue")))

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "soon":
            end = WorkingCalendar.around(today).add_working_days(today, DUE_SOON_WORKING_DAYS)
            return queryset.due_between(today, end)
        if self.value() == "overdue":
            return queryset.overdue(today)
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = _("assigned officer")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        officers = Officer.objects.select_related("user").order_by("full_name")
        agency_id = officer_agency_id(request.user)
        if agency_id is not None:
            officers = officers.filter(agency_id=agency_id)
        return [("none", _("Nobody")), *((str(o.user_id), o.full_name) for o in officers)]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(assigned_to__isnull=True)
        if self.value() and self.value().isascii() and self.value().isdigit():
            return queryset.filter(assigned_to_id=self.value())
        return queryset


class KeptAsSentOnline:
    """Inline rows a citizen sent with the online form are kept as sent."""

    def _sent_online(self, obj) -> bool:
        return obj is not None and obj.channel == Channel.ONLINE

    def has_add_permission(self, request, obj=None):
        return not self._sent_online(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._sent_online(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._sent_online(obj) and super().has_delete_permission(request, obj)


class MemberInline(KeptAsSentOnline, admin.TabularInline):
    model = RequestMember
    extra = 0
    fields = ("full_name", "id_number", "reason")


class AttachmentInline(KeptAsSentOnline, admin.TabularInline):
    model = RequestAttachment
    extra = 0
    fields = ("kind", "file", "uploaded_at")
    readonly_fields = ("uploaded_at",)
    can_delete = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            kwargs["widget"] = ScopedFileInput("admin:requests_app_attachment_download")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ResponseFileInline(admin.TabularInline):
    model = ResponseFile
    extra = 0
    fields = ("title", "file", "uploaded_at")
    readonly_fields = ("uploaded_at",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            kwargs["widget"] = ScopedFileInput("admin:requests_app_responsefile_download")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class EventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    fields = ("at", "action", "from_status", "to_status", "actor", "note", "internal_note")
    readonly_fields = fields
    can_delete = False
    ordering = ("at", "pk")

    def has_add_permission(self, request, obj=None):
        return False  # events are written by the workflow only


class NoticeInline(admin.TabularInline):
    model = Notice
    extra = 0
    fields = ("reference_link", "kind", "issued_on", "signer_name", "issued_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # issued through the "issue a notice" buttons

    @admin.display(description=_("number"))
    def reference_link(self, notice):
        url = reverse("admin:requests_app_notice_download", args=[notice.pk])
        return format_html('<a href="{}">{}</a>', url, notice.reference)


class RefusalInline(admin.TabularInline):
    model = RequestRefusal
    extra = 0
    fields = ("label", "legal_basis", "art6_subtype")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OfficerEntryForm(forms.ModelForm):
    """Officers record requests received in person, by post, fax or e-mail."""

    # The version the officer's page was made from: a change saved since, by a colleague or a
    # step of the workflow, is reported instead of overwritten.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = InformationRequest
        fields = (
            *PUBLIC_FIELDS,
            "channel",
            "received_at",
            "assigned_to",
            "catalog_entry",
            "written_for_requester",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "channel" in self.fields:
            self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]
        self.fields["seen_version"].initial = self.instance.version

    def clean_seen_version(self):
        seen = self.cleaned_data["seen_version"]
        if self.instance.pk is not None and seen != self.instance.version:
            raise forms.ValidationError(
                _("Someone else changed this request meanwhile; reload it and try again.")
            )
        return seen

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now():
            raise forms.ValidationError(_("A request cannot be received in the future."))
        try:
            revision_in_force(timezone.localdate(received_at))
        except LookupError as error:
            raise forms.ValidationError(
                _("No legal rule set was in force on that date; check the date received.")
            ) from error
        return received_at


@admin.register(InformationRequest)
class InformationRequestAdmin(AgencyScopedAdmin):
    doj_sees_all = False  # requesters' personal data stays with the handling agency
    view_on_site = False
    form = OfficerEntryForm
    # People with disabilities first (Decree 13 Art 3), then the nearest deadline.
    ordering = (
        "-needs_assistance",
        Coalesce("extended_due_on", "due_on").asc(nulls_last=True),
        "-received_at",
    )
    list_display = (
        "tracking_code",
        "received_on",
        "status",
        "priority",
        "due_display",
        "days_left",
        "assigned_to",
    )
    list_filter = ("status", "channel", DueFilter, AssignedFilter, "needs_assistance")
    list_select_related = ("agency", "assigned_to")
    search_fields = ("tracking_code", "full_name", "information")
    autocomplete_fields = ("agency", "catalog_entry")
    date_hierarchy = "received_at"
    inlines = (
        MemberInline,
        AttachmentInline,
        ResponseFileInline,
        NoticeInline,
        RefusalInline,
        EventInline,
    )
    readonly_fields = (
        "tracking_code",
        "status",
        "rule_set_display",
        "complexity",
        "valid_on",
        "notice_due_on",
        "due_on",
        "extended_due_on",
        "extension_reason",
        "answered_at",
        "closed_at",
        "redirected_to",
        "redirected_to_name",
        "refusal_reason",
        "fee_amount",
        "payment_due_on",
        "fee_notified_at",
        "entered_by",
        "version",
    )
    fieldsets = (
        (
            _("Handling"),
            {
                "fields": (
                    ("tracking_code", "status", "version"),
                    "seen_version",
                    "agency",
                    ("channel", "received_at", "assigned_to"),
                    "rule_set_display",
                    ("complexity", "valid_on", "notice_due_on"),
                    ("due_on", "extended_due_on"),
                    "extension_reason",
                    ("fee_amount", "payment_due_on", "fee_notified_at"),
                    ("redirected_to", "redirected_to_name"),
                    "refusal_reason",
                    ("answered_at", "closed_at", "entered_by"),
                )
            },
        ),
        (
            _("Requester (personal data)"),
            {
                "fields": (
                    "requester_kind",
                    ("full_name", "date_of_birth"),
                    ("id_type", "id_number"),
                    "address",
                    ("phone", "fax", "email"),
                    ("represented_name", "represented_relation"),
                    ("nationality", "own_rights_link"),
                    "organisation_name",
                    ("resides_in_commune", "interest_link"),
                )
            },
        ),
        (
            _("Request (Law Art 24(2))"),
            {
                "fields": (
                    "information",
                    "purpose",
                    "catalog_entry",
                    ("delivery_form", "copies", "delivery_address"),
                    ("needs_assistance", "assistance_note"),
                    "written_for_requester",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_current_due()

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        # From the oldest deadline still running, however long overdue, in one query.
        oldest = self.get_queryset(request).running().aggregate(first=Min("current_due"))["first"]
        start = min(oldest or today, today) - datetime.timedelta(days=1)
        token = _list_calendar.set(WorkingCalendar(start, today + datetime.timedelta(days=120)))
        try:
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()  # the rows are drawn now, while the calendar is set
            return response
        finally:
            _list_calendar.reset(token)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None:
            # Once recorded, how and when it arrived is part of the legal record.
            fields = (*fields, "channel", "received_at")
        if obj is not None and obj.channel == Channel.ONLINE:
            # What the citizen signed and sent online is kept as sent.
            fields = (*fields, *PUBLIC_FIELDS)
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            workflow.open_request(obj, actor=request.user)
            return
        # Only what the form edits: the status, its dates and the version belong to the workflow,
        # so a step taken while this form was being saved is never undone. The version moves on,
        # so a colleague's page made before this change is refused too.
        columns = {f.name for f in obj._meta.concrete_fields}
        edited = [name for name in form.fields if name in columns]
        obj.version = F("version") + 1
        obj.save(update_fields=[*edited, "version", "updated_at"])
        obj.refresh_from_db(fields=["version"])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            officers = Officer.objects.filter(user__is_active=True)
            agency_id = officer_agency_id(request.user)
            if agency_id is not None:
                officers = officers.filter(agency_id=agency_id)
            kwargs["queryset"] = db_field.related_model.objects.filter(
                pk__in=officers.values("user_id")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- list columns --------------------------------------------------------------------------

    @admin.display(description=_("received"), ordering="received_at")
    def received_on(self, obj):
        return timezone.localtime(obj.received_at).strftime("%d/%m/%Y")

    @admin.display(description=_("priority"), boolean=True, ordering="needs_assistance")
    def priority(self, obj):
        return obj.needs_assistance

    @admin.display(description=_("due"), ordering="current_due")
    def due_display(self, obj):
        if not obj.current_due:
            return "—"
        if obj.status in RUNNING and obj.current_due < timezone.localdate():
            return format_html(
                '<strong class="overdue">{} ({})</strong>',
                obj.current_due.strftime("%d/%m/%Y"),
                _("overdue"),
            )
        return obj.current_due.strftime("%d/%m/%Y")

    @admin.display(description=_("working days left"))
    def days_left(self, obj):
        if obj.status not in RUNNING or not obj.current_due:
            return "—"
        return _working_days_left(obj.current_due)

    @admin.display(description=_("legal rule set"))
    def rule_set_display(self, obj):
        revision = obj.rule_revision
        return f"{revision.data['name']} ({revision.data['law_reference']}), r.{revision.number}"

    # --- transitions and files -----------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="requests_app_informationrequest_transition",
            ),
            path(
                "register/",
                self.admin_site.admin_view(self.register_view),
                name="requests_app_informationrequest_register",
            ),
            path(
                "<int:pk>/costs/",
                self.admin_site.admin_view(self.costs_view),
                name="requests_app_informationrequest_costs",
            ),
            path(
                "<int:pk>/notice/<str:kind>/",
                self.admin_site.admin_view(self.issue_notice_view),
                name="requests_app_informationrequest_notice",
            ),
            path(
                "notice/<int:pk>/",
                self.admin_site.admin_view(self.download_notice),
                name="requests_app_notice_download",
            ),
            path(
                "attachment/<int:pk>/",
                self.admin_site.admin_view(self.download_attachment),
                name="requests_app_attachment_download",
            ),
            path(
                "response/<int:pk>/",
                self.admin_site.admin_view(self.download_response),
                name="requests_app_responsefile_download",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["transitions"] = workflow.available(obj)
            context["notice_kinds"] = notices.allowed_kinds(obj)
            context["deadline_periods"] = explain_request(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def transition_view(self, request, pk, name):
        request_obj = self.get_object(request, str(pk))
        if not self.has_change_permission(request, request_obj):
            raise PermissionDenied
        rule = workflow.TRANSITIONS.get(name)
        if rule is None or request_obj.status not in rule.sources:
            self.message_user(request, _("This action is not possible now."), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:requests_app_informationrequest_change", args=[pk])
            )
        form = TransitionForm(
            request.POST or None,
            transition=rule,
            request_obj=request_obj,
            initial={"version": request_obj.version, "valid_on": timezone.localdate()},
        )
        if request.method == "POST" and form.is_valid():
            try:
                workflow.transition(
                    request_obj,
                    name,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                    **form.params(),
                )
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            except DatabaseError:
                # transition() runs in one transaction: it rolled back whole, so the request is
                # as it was, and the officer may simply try again.
                logger.exception("The database refused step %s of request %s", name, pk)
                form.add_error(
                    None,
                    _(
                        "The step could not be saved because of a database error; the request "
                        "is unchanged. Try again in a moment."
                    ),
                )
            else:
                self.message_user(request, _("Done: %(action)s.") % {"action": rule.label})
                return HttpResponseRedirect(
                    reverse("admin:requests_app_informationrequest_change", args=[pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": request_obj,
            "transition": rule,
            "form": form,
            "title": rule.label,
        }
        return TemplateResponse(request, "admin/requests_app/transition.html", context)

    def register_view(self, request):
        """Sổ theo dõi: the agency's requests of a period as CSV or XLSX (LEGAL §7.3)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        agencies = scope_queryset(
            Agency.objects.order_by("name"), request.user, "self", doj_sees_all=False
        )
        form = RegisterForm(request.GET or None, agencies=agencies)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            return register.download(
                data["agency"], data["start"], data["end"], data["file_format"]
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Register of requests"),
            "form": form,
        }
        return TemplateResponse(request, "admin/requests_app/register.html", context)

    def issue_notice_view(self, request, pk, kind):
        request_obj = self.get_object(request, str(pk))
        if not self.has_change_permission(request, request_obj) or request.method != "POST":
            raise PermissionDenied
        change_url = reverse("admin:requests_app_informationrequest_change", args=[pk])
        try:
            notice = notices.issue(request_obj, kind, actor=request.user)
        except (notices.NoticeError, PdfUnavailable) as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request, _("Notice %(number)s issued.") % {"number": notice.reference}
            )
        return HttpResponseRedirect(change_url)

    def download_notice(self, request, pk):
        return self._file_of(request, Notice, pk, field="pdf")

    def costs_view(self, request, pk):
        """The itemised costs of Circular 46/2018 for this request (form 03's cost lines)."""
        request_obj = self.get_object(request, str(pk))
        if not self.has_change_permission(request, request_obj):
            raise PermissionDenied
        item_form = FeeItemLineForm(request.POST if "_add_item" in request.POST else None)
        postage_form = PostageForm(request.POST if "_add_postage" in request.POST else None)
        if request.method == "POST":
            try:
                self._change_costs(request, request_obj, item_form, postage_form)
            except fees.FeeError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                if not (item_form.errors or postage_form.errors):
                    return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": request_obj,
            "title": _("Costs"),
            "lines": request_obj.fee_lines.select_related("item"),
            "total": fees.total(request_obj),
            "editable": fees.is_editable(request_obj),
            "postage_allowed": fees.postage_allowed(request_obj),
            "item_form": item_form,
            "postage_form": postage_form,
        }
        return TemplateResponse(request, "admin/requests_app/costs.html", context)

    def _change_costs(self, request, request_obj, item_form, postage_form):
        if "_remove" in request.POST:
            line_pk = request.POST.get("_remove", "")
            line = request_obj.fee_lines.filter(pk=line_pk).first() if line_pk.isdigit() else None
            if line is not None:
                fees.remove_line(line)
        elif "_add_item" in request.POST and item_form.is_valid():
            data = item_form.cleaned_data
            fees.add_item(request_obj, data["item"], data["quantity"], data["size"])
        elif "_add_postage" in request.POST and postage_form.is_valid():
            fees.add_postage(request_obj, postage_form.cleaned_data["postage"])

    def _file_of(self, request, model, pk, field="file"):
        # admin_view only checks staff status; the files are the request's, so is its permission.
        if not self.has_view_permission(request):
            raise Http404  # as for a file out of scope: nothing says it exists
        attached = get_object_or_404(
            model.objects.filter(request__in=self.get_queryset(request)), pk=pk
        )
        return serve_file(getattr(attached, field))

    def download_attachment(self, request, pk):
        return self._file_of(request, RequestAttachment, pk)

    def download_response(self, request, pk):
        return self._file_of(request, ResponseFile, pk)


# The changelist loads the calendar once for all its rows (see changelist_view).
_list_calendar: ContextVar[WorkingCalendar | None] = ContextVar("list_calendar", default=None)


def _working_days_left(due):
    today = timezone.localdate()
    calendar = _list_calendar.get() or WorkingCalendar.around(today)
    if due < today:
        return -calendar.working_days_between(due, today)
    return calendar.working_days_between(today, due)


@admin.register(RequestEvent)
class RequestEventAdmin(AgencyScopedAdmin):
    """Read-only: the audit trail of every request of the officer's agency."""

    agency_path = "request__agency"
    doj_sees_all = False
    list_display = ("request", "at", "action", "from_status", "to_status", "actor")
    list_filter = ("action", "to_status")
    list_select_related = ("request", "actor")
    search_fields = ("request__tracking_code",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- legal rule sets: superusers only ------------------------------------------------------


class SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return False  # a rule set some request runs under must stay


class TimeLimitInline(SuperuserOnly, admin.TabularInline):
    model = TimeLimit
    extra = 0


class RefusalGroundInline(SuperuserOnly, admin.TabularInline):
    model = RefusalGround
    extra = 0


class RevisionInline(admin.TabularInline):
    model = RuleSetRevision
    extra = 0
    fields = ("number", "saved_at", "saved_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LegalRuleSet)
class LegalRuleSetAdmin(SuperuserOnly, PortalModelAdmin):
    list_display = ("name", "effective_from", "is_confirmed", "revision_count")
    inlines = (TimeLimitInline, RefusalGroundInline, RevisionInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(revision_total=Count("revisions"))

    @admin.display(description=_("revisions"), ordering="revision_total")
    def revision_count(self, obj):
        return obj.revision_total

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Every saved state is kept; requests received from now on pin this one.
        record_revision(form.instance, actor=request.user)


@admin.register(FeeItem)
class FeeItemAdmin(SuperuserOnly, PortalModelAdmin):
    """The Circular 46/2018 table: amounts are data a superuser corrects, never code."""

    list_display = ("code", "name", "unit", "unit_price", "sizes_apply", "is_active")
    list_editable = ("is_active",)


@admin.register(Complaint)
class ComplaintAdmin(AgencyScopedAdmin):
    """Feedback and complaints of the officer's agency; answering e-mails the sender."""

    doj_sees_all = False  # the sender's personal data stays with the agency
    list_display = ("received_at", "kind", "full_name", "request", "status")
    list_filter = ("kind", "status")
    list_select_related = ("request",)
    search_fields = ("full_name", "content")
    readonly_fields = (
        "agency",
        "kind",
        "request",
        "full_name",
        "email",
        "phone",
        "address",
        "content",
        "received_at",
        "status",
        "answered_at",
        "handled_by",
    )
    fields = (*readonly_fields, "answer")

    def has_add_permission(self, request):
        return False  # they come from the public form

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data:
            try:
                complaints.answer(obj, form.cleaned_data["answer"], actor=request.user)
            except complaints.ComplaintError as error:
                self.message_user(request, str(error), messages.ERROR)
