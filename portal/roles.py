"""The portal's roles (DESIGN §1): Django groups created by a data migration in ``agencies``.

An officer is a staff user with an ``Officer`` profile linking them to exactly one agency.
Department of Justice staff watch every agency. The helpers here read the profile through the
``officer`` relation without importing the agencies app, which depends on ``portal``.
"""

FOCAL_POINT_OFFICERS = "Focal-point officers"
DEPARTMENT_OF_JUSTICE = "Department of Justice"


def _group_names(user) -> frozenset[str]:
    cached = getattr(user, "_portal_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) if user.pk else frozenset()
        user._portal_group_names = cached
    return cached


def is_doj_staff(user) -> bool:
    return bool(user.is_active and DEPARTMENT_OF_JUSTICE in _group_names(user))


def sees_all_agencies(user) -> bool:
    return bool(user.is_active and (user.is_superuser or is_doj_staff(user)))


def officer_agency_id(user) -> int | None:
    """The agency an officer belongs to, or None for anyone without an active officer profile."""
    if not (user.is_authenticated and user.is_active):
        return None
    officer = getattr(user, "officer", None)  # RelatedObjectDoesNotExist is an AttributeError
    return officer.agency_id if officer is not None else None
