"""Admin for the catalogs: officers keep their agency's two lists; scoping is the shared rule."""

import uuid
from io import BytesIO
from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agencies.models import Agency
from portal.admin_scoping import AgencyScopedAdmin, is_scoped_officer, scope_queryset
from portal.files import ScopedFileInput, serve_file
from portal.roles import officer_agency_id

from . import importers
from .choices import PUBLIC_STATUSES, Catalog, EntryStatus
from .forms import CatalogEntryAdminForm, ImportForm
from .models import CatalogCorrection, CatalogEntry, CatalogFile
from .search import search
from .services import CatalogError, publish, record_correction

SESSION_KEY = "catalog_imports"


class CatalogFileInline(admin.TabularInline):
    model = CatalogFile
    extra = 0
    fields = ("title", "file", "classification", "not_accessible_ground", "review_on", "size")
    readonly_fields = ("size",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            kwargs["widget"] = ScopedFileInput("admin:catalogs_catalogfile_download")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CorrectionInline(admin.TabularInline):
    model = CatalogCorrection
    extra = 0
    fields = ("corrected_at", "reason", "changes_made", "actor")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # corrections are recorded by editing the published entry

    @admin.display(description=_("changes"))
    def changes_made(self, correction):
        return format_html_join(
            mark_safe("<br>"),
            "{}: {} → {}",
            (
                (label, before or "—", after or "—")
                for label, before, after in correction.readable_changes()
            ),
        )


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("classification review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (("due", _("Past its review date")),)

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.review_due(timezone.localdate())
        return queryset


class LateFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return (("yes", _("Published late (Law Art 18(4))")),)

    def queryset(self, request, queryset):
        return queryset.late() if self.value() == "yes" else queryset


@admin.register(CatalogEntry)
class CatalogEntryAdmin(AgencyScopedAdmin):
    form = CatalogEntryAdminForm
    list_display = (
        "title",
        "agency",
        "list_short",
        "category_point",
        "status",
        "created_on",
        "publication_deadline",
        "late_badge",
        "review_on",
    )
    list_filter = ("catalog", "status", "category", "classification", LateFilter, ReviewDueFilter)
    list_select_related = ("agency",)
    search_fields = ("title",)
    autocomplete_fields = ("agency",)
    date_hierarchy = "created_on"
    actions = ("publish_selected",)
    inlines = (CatalogFileInline, CorrectionInline)
    readonly_fields = ("status", "published_at", "publication_deadline")
    fieldsets = (
        (None, {"fields": ("agency", "catalog", "category", "title", "number_symbol")}),
        (
            _("Creation"),
            {"fields": (("created_on", "creating_unit"), "summary")},
        ),
        (
            _("Disclosure (Law Art 18, Art 19(1)(g))"),
            {
                "fields": (
                    "disclosure_forms",
                    ("disclosed_on", "disclosure_period", "disclosure_ends_on"),
                    "place",
                    "access_url",
                )
            },
        ),
        (
            _("Conditional access (Law Art 7)"),
            {"fields": ("consent_ground", "consent_holder", "consent_how")},
        ),
        (
            _("Classification (Law Art 34(1)(e))"),
            {"fields": (("classification", "not_accessible_ground"), "review_on")},
        ),
        (
            _("Publication"),
            {
                "fields": (
                    ("status", "listed_on"),
                    ("published_at", "publication_deadline"),
                    "correction_reason",
                )
            },
        ),
    )

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if is_scoped_officer(request.user):  # an officer's list holds one agency only
            columns = tuple(c for c in columns if c != "agency")
        return columns

    @admin.display(description=_("list"), ordering="catalog")
    def list_short(self, obj):
        return _("With conditions") if obj.catalog == Catalog.CONDITIONAL else _("Public")

    @admin.display(description=_("Category"), ordering="category")
    def category_point(self, obj):
        return obj.get_category_display().split(")")[0]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "disclosure_forms":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The same accent-insensitive search as the public catalog.
        return (search(queryset, search_term), False) if search_term else (queryset, False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.status not in PUBLIC_STATUSES:
            # Only a published entry can be corrected.
            fieldsets = [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "correction_reason"]})
                for name, opts in fieldsets
            ]
        return fieldsets

    def save_model(self, request, obj, form, change):
        before = {}
        if change:
            stored = CatalogEntry.objects.get(pk=obj.pk)
            before = {
                name: getattr(stored, name) for name in form.changed_data if hasattr(stored, name)
            }
        super().save_model(request, obj, form, change)
        if before and obj.status in PUBLIC_STATUSES:
            record_correction(
                obj,
                before,
                reason=form.cleaned_data.get("correction_reason", ""),
                actor=request.user,
            )

    @admin.action(description=_("Publish the selected draft entries"))
    def publish_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        done = 0
        for entry in queryset.filter(status=EntryStatus.DRAFT):
            try:
                publish(entry)
                done += 1
            except CatalogError as error:
                self.message_user(request, f"{entry}: {error}", messages.ERROR)
        self.message_user(
            request, ngettext("%d entry published.", "%d entries published.", done) % done
        )

    @admin.display(description=_("late"), boolean=True)
    def late_badge(self, obj):
        return obj.was_published_late

    # --- files ------------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "files/<int:pk>/",
                self.admin_site.admin_view(self.download_file),
                name="catalogs_catalogfile_download",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="catalogs_catalogentry_import",
            ),
            path(
                "import/template.xlsx",
                self.admin_site.admin_view(self.import_template),
                name="catalogs_catalogentry_import_template",
            ),
            *super().get_urls(),
        ]

    def download_file(self, request, pk):
        attached = get_object_or_404(
            CatalogFile.objects.filter(entry__in=self.get_queryset(request)), pk=pk
        )
        if not self.has_view_permission(request, attached.entry):
            raise PermissionDenied
        return serve_file(attached.file)

    # --- import -----------------------------------------------------------------------------

    def import_template(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        buffer = BytesIO()
        importers.template_workbook().save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="mau-danh-muc-thong-tin.xlsx"'
        return response

    def _import_form(self, request, data=None, files=None):
        fixed = None
        if is_scoped_officer(request.user):
            fixed = Agency.objects.get(pk=officer_agency_id(request.user))
        agencies = scope_queryset(Agency.objects.active(), request.user, "self")
        return ImportForm(data, files, agencies=agencies, fixed_agency=fixed)

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "_confirm" in request.POST:
            return self._confirm_import(request)
        form = self._import_form(request, request.POST or None, request.FILES or None)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                preview = importers.parse(importers.read_table(upload), form.chosen_agency())
            except importers.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                context["preview"] = preview
                context["rows"] = preview.entries[:50]
                if preview.is_valid:
                    context["token"] = self._keep_upload(request, upload, form)
        return TemplateResponse(request, "admin/catalogs/catalogentry/import.html", context)

    def _keep_upload(self, request, upload, form) -> str:
        upload.seek(0)
        token = uuid.uuid4().hex
        suffix = PurePath(upload.name).suffix.lower()
        stored = default_storage.save(f"imports/{token}{suffix}", ContentFile(upload.read()))
        pending = request.session.get(SESSION_KEY, {})
        pending[token] = {
            "path": stored,
            "name": upload.name,
            "agency": form.chosen_agency().pk,
            "publish": form.cleaned_data["publish_now"],
        }
        request.session[SESSION_KEY] = pending
        return token

    def _confirm_import(self, request):
        pending = request.session.get(SESSION_KEY, {})
        job = pending.pop(request.POST.get("token", ""), None)
        request.session[SESSION_KEY] = pending
        changelist = reverse("admin:catalogs_catalogentry_changelist")
        if job is None or not default_storage.exists(job["path"]):
            self.message_user(
                request, _("This import has expired; upload the file again."), messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:catalogs_catalogentry_import"))
        agency = get_object_or_404(
            scope_queryset(Agency.objects.all(), request.user, "self"), pk=job["agency"]
        )
        with default_storage.open(job["path"], "rb") as stored:
            upload = SimpleUploadedFile(job["name"], stored.read())
        default_storage.delete(job["path"])
        try:
            preview = importers.parse(importers.read_table(upload), agency)
            result = importers.import_entries(preview, agency, publish_now=job["publish"])
        except importers.ImportFileError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:catalogs_catalogentry_import"))
        self.message_user(
            request,
            _("%(created)d entries imported; %(skipped)d were already in the list.") % result,
            messages.SUCCESS,
        )
        return HttpResponseRedirect(changelist)
