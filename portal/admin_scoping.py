"""The one scoping rule every admin of every app uses (DESIGN §1).

- superusers and Department of Justice staff see every agency's records (an admin that holds
  requesters' personal data sets ``doj_sees_all = False``);
- an officer sees only the records of their own agency;
- any other staff user sees nothing.

Lists, change forms, history, deletion, autocomplete and file downloads all start from
``get_queryset``, so a record outside the scope is answered with 404 wherever it is asked for.
"""

from django.http import Http404

from portal.admin_base import PortalModelAdmin
from portal.roles import is_doj_staff, officer_agency_id


def scope_queryset(queryset, user, agency_path: str, *, doj_sees_all: bool = True):
    """Restrict ``queryset`` to what ``user`` may see; ``agency_path`` leads to the Agency."""
    if user.is_active and user.is_superuser:
        return queryset
    if doj_sees_all and is_doj_staff(user):
        return queryset
    agency_id = officer_agency_id(user)
    if agency_id is None:
        return queryset.none()
    lookup = "pk" if agency_path == "self" else f"{agency_path}_id"
    return queryset.filter(**{lookup: agency_id})


def is_scoped_officer(user) -> bool:
    """True for an officer whose admin is limited to one agency."""
    if user.is_superuser or is_doj_staff(user):
        return False
    return officer_agency_id(user) is not None


class _OwnAgencyFormMixin:
    """Sets the officer's agency on a new object before validation, since they cannot choose."""

    own_agency_field = ""
    own_agency_id = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            setattr(self.instance, f"{self.own_agency_field}_id", self.own_agency_id)


class AgencyScopedAdmin(PortalModelAdmin):
    """Base admin for every model that belongs to an agency.

    ``agency_path`` is the ORM path from the model to its Agency ("agency", "request__agency"), or
    "self" for the Agency admin itself. When the model has a direct ``agency`` foreign key, officers
    never see it as a field: a new record is put in their agency.
    """

    agency_path = "agency"
    doj_sees_all = True

    @property
    def own_agency_field(self) -> str:
        return (
            self.agency_path if self.agency_path != "self" and "__" not in self.agency_path else ""
        )

    def get_queryset(self, request):
        return scope_queryset(
            super().get_queryset(request),
            request.user,
            self.agency_path,
            doj_sees_all=self.doj_sees_all,
        )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Django would redirect with "does not exist"; a plain 404 says nothing either way.
            raise Http404
        return obj

    def _in_scope(self, request, obj) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if self.own_agency_field and is_scoped_officer(request.user):
            fields = (*fields, self.own_agency_field)
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and self.own_agency_field and is_scoped_officer(request.user):
            attrs = {
                "own_agency_field": self.own_agency_field,
                "own_agency_id": officer_agency_id(request.user),
            }
            form = type(form.__name__, (_OwnAgencyFormMixin, form), attrs)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A select box lists only what the related admin would show this user.
        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        if isinstance(related_admin, AgencyScopedAdmin) and "queryset" not in kwargs:
            kwargs["queryset"] = related_admin.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
