"""Admin for agencies, focal points, internal regulations and officers.

Scoping comes from ``portal.admin_scoping.AgencyScopedAdmin``: an officer sees and edits only
their own agency; Department of Justice staff see every agency and manage agencies and officers.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin_base import LoginForm
from portal.admin_scoping import AgencyScopedAdmin, is_scoped_officer
from portal.files import ScopedFileInput, serve_file

from .forms import OfficerChangeForm, OfficerCreationForm
from .models import Agency, FocalPoint, InternalRegulation, Officer
from .services import RegulationError, create_officer, publish_regulation, update_officer

admin.site.site_header = _("Access to information — administration")
admin.site.site_title = _("Access to information")
admin.site.index_title = _("Agencies, catalogs and requests")
admin.site.login_form = LoginForm


class FocalPointInline(admin.StackedInline):
    model = FocalPoint
    extra = 0
    fields = (
        ("arrangement", "is_active"),
        ("name", "position"),
        ("phone", "fax", "email"),
        "reception_address",
        "reception_hours",
    )


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    agency_path = "self"
    list_display = (
        "name",
        "kind",
        "parent",
        "compliance_summary",
        "officer_count",
        "is_active",
    )
    list_filter = ("kind", "is_active", "area_rate")
    list_select_related = ("parent",)
    # Explicit: Meta.ordering does not apply to the aggregated queryset below.
    ordering = ("name",)
    search_fields = ("name", "short_name", "administrative_code")
    autocomplete_fields = ("parent", "successor")
    inlines = (FocalPointInline,)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "parent", "administrative_code")}),
        (_("Contacts"), {"fields": ("address", ("phone", "fax"), "email", "website")}),
        (_("Status"), {"fields": ("is_active", "successor", "area_rate")}),
        (
            _("Official notices"),
            {
                "fields": (
                    "superior_body",
                    ("document_code", "place_name"),
                    ("signer_title", "signer_name"),
                    "payment_instructions",
                )
            },
        ),
    )
    # What an officer may keep current on their own agency's profile (Law Art 17(1)(m)).
    officer_editable_fields = (
        "address",
        "phone",
        "fax",
        "email",
        "website",
        "superior_body",
        "document_code",
        "place_name",
        "signer_title",
        "signer_name",
        "payment_instructions",
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_compliance()
            .annotate(officer_total=Count("officers", distinct=True))
        )

    def get_search_results(self, request, queryset, search_term):
        # Accent-insensitive: "so tu phap" finds "Sở Tư pháp", as on the public directory.
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False

    def get_readonly_fields(self, request, obj=None):
        if is_scoped_officer(request.user):
            return tuple(
                field.name
                for field in Agency._meta.fields
                if field.editable and field.name not in self.officer_editable_fields
            )
        if obj is not None:
            # Printed on notices and posted at offices: an agency's address never changes.
            return (*super().get_readonly_fields(request, obj), "slug")
        return super().get_readonly_fields(request, obj)

    @admin.display(description=_("compliance"))
    def compliance_summary(self, obj):
        return format_html_join(
            mark_safe("<br>"),
            "{} {}",
            (
                ("✓" if met else "✗", check.met if met else check.missing)
                for check, met in obj.compliance_badges
            ),
        )

    @admin.display(description=_("officers"), ordering="officer_total")
    def officer_count(self, obj):
        return obj.officer_total


@admin.register(FocalPoint)
class FocalPointAdmin(AgencyScopedAdmin):
    list_display = ("name", "agency", "arrangement", "phone", "email", "is_active")
    list_filter = ("arrangement", "is_active")
    list_select_related = ("agency",)
    search_fields = ("name", "position", "email", "agency__name")
    autocomplete_fields = ("agency",)
    fields = (
        "agency",
        ("arrangement", "is_active"),
        ("name", "position"),
        ("phone", "fax", "email"),
        "reception_address",
        "reception_hours",
    )


@admin.register(InternalRegulation)
class InternalRegulationAdmin(AgencyScopedAdmin):
    list_display = (
        "title",
        "agency",
        "decision_number",
        "effective_date",
        "status",
        "current_badge",
        "complete_badge",
    )
    list_filter = ("status",)
    list_select_related = ("agency", "superseded_by")
    search_fields = ("title", "decision_number", "agency__name")
    autocomplete_fields = ("agency",)
    actions = ("publish_selected",)
    readonly_fields = ("status", "published_at", "superseded_by")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "agency",
                    "title",
                    ("decision_number", "decision_date", "effective_date"),
                    "signed_file",
                    "body",
                )
            },
        ),
        (
            _("Mandatory contents (Law Art 34(1)(h), Decree 13 Art 12(1))"),
            {"fields": [field for field, _label in InternalRegulation.CHECKLIST]},
        ),
        (_("Publication"), {"fields": ("status", "published_at", "superseded_by")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "signed_file":
            kwargs["widget"] = ScopedFileInput("admin:agencies_internalregulation_file")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == InternalRegulation.Status.PUBLISHED:
            # A published decision is a legal record: change it by publishing a new version.
            return tuple(f.name for f in InternalRegulation._meta.fields if f.name != "id")
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == InternalRegulation.Status.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/file/",
                self.admin_site.admin_view(self.download_file),
                name="agencies_internalregulation_file",
            ),
            *super().get_urls(),
        ]

    def download_file(self, request, pk):
        regulation = self.get_object(request, str(pk))
        if not self.has_view_permission(request, regulation):
            raise PermissionDenied
        return serve_file(regulation.signed_file)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["show_publish"] = (
            obj is None or obj.status == InternalRegulation.Status.DRAFT
        ) and self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            self._publish(request, obj)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            self._publish(request, obj)
            return HttpResponseRedirect(
                reverse("admin:agencies_internalregulation_change", args=[obj.pk])
            )
        return super().response_add(request, obj, post_url_continue)

    def _publish(self, request, obj) -> bool:
        try:
            publish_regulation(obj)
        except RegulationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        self.message_user(request, _("The regulation is published."), messages.SUCCESS)
        return True

    @admin.action(description=_("Publish the selected draft regulations"))
    def publish_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        published = sum(
            self._publish(request, regulation)
            for regulation in queryset.filter(status=InternalRegulation.Status.DRAFT)
        )
        self.message_user(
            request,
            ngettext("%d regulation published.", "%d regulations published.", published)
            % published,
        )

    @admin.display(description=_("current"), boolean=True)
    def current_badge(self, obj):
        return obj.is_current

    @admin.display(description=_("all five contents"), boolean=True)
    def complete_badge(self, obj):
        return obj.is_complete


@admin.register(Officer)
class OfficerAdmin(AgencyScopedAdmin):
    list_display = ("full_name", "username", "email", "agency", "is_active", "last_login")
    list_filter = ("user__is_active",)
    list_select_related = ("user", "agency")
    search_fields = ("full_name", "user__username", "user__email", "agency__name")
    autocomplete_fields = ("agency",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = OfficerChangeForm if obj is not None else OfficerCreationForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("username", "email", "full_name", "agency", "position", "phone")
        return ("agency", "full_name", "position", "phone", "is_active")

    def save_form(self, request, form, change):
        if change:
            return super().save_form(request, form, change)
        # The account, its group and its profile are made together by the service.
        return create_officer(
            **form.officer_fields(), set_password_url_base=request.build_absolute_uri("/")
        )

    def save_model(self, request, obj, form, change):
        if change:
            update_officer(obj, is_active=form.cleaned_data["is_active"])

    def save_related(self, request, form, formsets, change):
        if change:  # a new officer's relations were made by create_officer()
            super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            _("%(email)s will receive a link to choose a password.") % {"email": obj.user.email},
        )
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description=_("username"), ordering="user__username")
    def username(self, obj):
        return obj.user.username

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("active"), boolean=True, ordering="user__is_active")
    def is_active(self, obj):
        return obj.user.is_active

    @admin.display(description=_("last login"), ordering="user__last_login")
    def last_login(self, obj):
        return obj.user.last_login
