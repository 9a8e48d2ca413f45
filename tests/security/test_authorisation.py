"""The authorisation matrix (issue 8): for every role, what it may and may not reach.

Cases are generated, not listed: every admin in ``admin.site._registry``, its standard pages and
every URL its ``get_urls()`` adds, its actions, every autocomplete field, and the public, JSON,
file and report pages, each over agency A's and agency B's objects (ids and file pks guessed
across agencies). What each role may do is one table (``GRANTS``, from the permission groups of
the data migrations and docs/security.md) read by one function (``expected``); a page, URL,
action or admin the table does not know fails its test until someone says who may reach it.

The world is built once per module inside a transaction rolled back at the end; each test runs
in its own savepoint, so an action that publishes or deletes leaves the next test the same world.
"""

import datetime
import json
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlparse

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from agencies.demo import demo_pdf
from agencies.services import publish_regulation
from catalogs.models import CatalogEntry
from portal.admin_scoping import AgencyScopedAdmin
from portal.models import CalendarDay
from portal.roles import FOCAL_POINT_OFFICERS
from reports import services as report_services
from reports.tasks import render_report_pdf
from requests_app import fees, services, workflow
from requests_app.models import (
    Complaint,
    FeeItem,
    LegalRuleSet,
    Notice,
    RequestAttachment,
    ResponseFile,
)
from tests import factories
from tests.security import matrix

pytestmark = pytest.mark.django_db

# --- the roles and what each may do ---------------------------------------------------------

ROLES = ("anonymous", "staff_without_role", "officer_a", "officer_b", "doj_user", "superuser")
OWN_AGENCY = {"officer_a": "A", "officer_b": "B"}
AGENCIES = ("A", "B")

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
EVERY_PERMISSION = frozenset({VIEW, ADD, CHANGE, DELETE})


class Verdict(StrEnum):
    ALLOWED = "allowed"  # the page, file or result the endpoint gives
    REFUSED = "refused"  # 403 or 404
    HIDDEN = "hidden"  # 404: an object outside the user's scope is not even confirmed to exist
    LOGIN = "login"  # sent to the admin's login page


@dataclass(frozen=True)
class Grant:
    """Who may do what in one admin. Officers act on their own agency's records only."""

    officer: frozenset = frozenset()
    doj: frozenset = frozenset()
    scoped: bool = False  # the records belong to an agency (AgencyScopedAdmin)
    doj_sees_all: bool = True  # False where the records hold requesters' personal data


def _scoped(officer=(), doj=(), *, doj_sees_all=True) -> Grant:
    return Grant(frozenset(officer), frozenset(doj), scoped=True, doj_sees_all=doj_sees_all)


SUPERUSERS_ONLY = Grant()

# From agencies/migrations/0002_roles.py, catalogs/migrations/0003_roles.py,
# requests_app/migrations/0003_roles.py, 0007, 0010: the groups' permissions.
GRANTS = {
    "agencies.agency": _scoped({VIEW, CHANGE}, {VIEW, ADD, CHANGE}),
    "agencies.focalpoint": _scoped(EVERY_PERMISSION, {VIEW}),
    "agencies.internalregulation": _scoped(EVERY_PERMISSION, {VIEW}),
    "agencies.officer": _scoped((), {VIEW, ADD, CHANGE}),
    "catalogs.catalogentry": _scoped(EVERY_PERMISSION, {VIEW}),
    "requests_app.informationrequest": _scoped({VIEW, ADD, CHANGE}, doj_sees_all=False),
    "requests_app.requestevent": _scoped({VIEW}, doj_sees_all=False),
    "requests_app.complaint": _scoped({VIEW, CHANGE}, doj_sees_all=False),
    "requests_app.legalruleset": SUPERUSERS_ONLY,
    "requests_app.feeitem": SUPERUSERS_ONLY,
    "portal.calendarday": SUPERUSERS_ONLY,
    "auth.user": SUPERUSERS_ONLY,
    "auth.group": SUPERUSERS_ONLY,
    "axes.accessattempt": SUPERUSERS_ONLY,
    "axes.accesslog": SUPERUSERS_ONLY,
    "axes.accessfailurelog": SUPERUSERS_ONLY,
}

# What an admin refuses to everyone, superusers included.
NOBODY = {
    "requests_app.requestevent": {ADD, CHANGE, DELETE},  # the workflow writes the audit trail
    "requests_app.complaint": {ADD},  # complaints come from the public form
    "requests_app.legalruleset": {DELETE},  # a rule set some request runs under must stay
    "requests_app.feeitem": {DELETE},
    "axes.accessattempt": {ADD},
    "axes.accesslog": {ADD},
    "axes.accessfailurelog": {ADD},
}


def in_scope(role: str, grant: Grant, owner: str) -> bool:
    if role == "superuser":
        return True
    if role == "doj_user":
        return grant.doj_sees_all
    return OWN_AGENCY.get(role) == owner


def expected(role: str, label: str, perm: str, owner: str | None) -> Verdict | None:
    """What ``role`` gets asking for ``perm`` in the admin of ``label``, on a record of agency
    ``owner`` (None: no record, or one of no agency); None when the table does not know."""
    grant = GRANTS.get(label)
    if grant is None or role not in ROLES:
        return None
    if role == "anonymous":
        return Verdict.LOGIN
    if owner is not None and grant.scoped and not in_scope(role, grant, owner):
        return Verdict.HIDDEN
    granted = {
        "superuser": EVERY_PERMISSION,
        "doj_user": grant.doj,
        "staff_without_role": frozenset(),
    }.get(role, grant.officer)
    if perm in granted and perm not in NOBODY.get(label, ()):
        return Verdict.ALLOWED
    return Verdict.REFUSED


# --- the world: one of everything for agency A and for agency B ------------------------------


@dataclass
class Agency:
    agency: object
    officer: object
    focal_point: object
    draft_regulation: object
    published_regulation: object
    draft_entry: object
    published_entry: object
    draft_file: object
    published_file: object
    request: object
    attachment: object
    response_file: object
    notice: object
    complaint: object


# What none but the owning agency's officers (and superusers) may ever see: requesters' and
# senders' personal data. Drafts are also kept from anyone outside the agency but DOJ staff.
PERSONAL = {
    "A": ("Lâm Thị Ánh Nguyệt", "079111222333", "Hồ Văn Khiếu"),
    "B": ("Võ Thị Riêng Tư", "079999888777", "Đỗ Thị Nại"),
}
DRAFTS = {
    "A": ("Dự thảo kế hoạch thanh tra ngân sách", "Dự thảo quy chế nội bộ Sở Tài chính"),
    "B": ("Dự thảo phương án đền bù đặc khu", "Dự thảo quy chế nội bộ Phú Quốc"),
}


@dataclass
class World:
    users: dict
    of: dict  # "A" / "B" -> Agency
    unpublished_report: object  # of the province
    published_report: object
    report_of_a: object  # agency A's own, unpublished
    singles: dict = field(default_factory=dict)  # records of no agency, by admin label

    def records(self, label: str) -> list[tuple[str | None, str, object]] | None:
        """(owner, tag, record) for the admin of ``label``; None when the world has none."""
        per_agency = {
            "agencies.agency": lambda a: [("", a.agency)],
            "agencies.focalpoint": lambda a: [("", a.focal_point)],
            "agencies.internalregulation": lambda a: [("draft", a.draft_regulation)],
            "agencies.officer": lambda a: [("", a.officer)],
            "catalogs.catalogentry": lambda a: [
                ("draft", a.draft_entry),
                ("published", a.published_entry),
            ],
            "requests_app.informationrequest": lambda a: [("", a.request)],
            "requests_app.requestevent": lambda a: [("", a.request.events.first())],
            "requests_app.complaint": lambda a: [("", a.complaint)],
        }
        if label in per_agency:
            return [
                (owner, f"{owner} {tag}".strip(), record)
                for owner in AGENCIES
                for tag, record in per_agency[label](self.of[owner])
            ]
        if label in self.singles:
            return [(None, "any", self.singles[label])]
        return None


def _agency(key, agency, officer_user, today) -> Agency:
    requester, id_number, sender = PERSONAL[key]
    draft_title, draft_regulation_title = DRAFTS[key]
    draft_entry = factories.CatalogEntryFactory(
        agency=agency,
        title=draft_title,
        status=CatalogEntry.Status.DRAFT,
        published_at=None,
        disclosed_on=None,
    )
    published_entry = factories.CatalogEntryFactory(agency=agency)
    published_regulation = factories.InternalRegulationFactory(agency=agency)
    publish_regulation(published_regulation)
    request_obj = factories.make_request(
        agency, full_name=requester, id_number=id_number, email=f"{id_number}@example.com"
    )
    workflow.transition(
        request_obj, "accept", actor=officer_user, complexity="simple", valid_on=today
    )
    request_obj.refresh_from_db()
    fees.add_item(request_obj, FeeItem.objects.filter(is_active=True).first(), 2)
    return Agency(
        agency=agency,
        officer=officer_user.officer,
        focal_point=factories.FocalPointFactory(agency=agency),
        draft_regulation=factories.InternalRegulationFactory(
            agency=agency, title=draft_regulation_title
        ),
        published_regulation=published_regulation,
        draft_entry=draft_entry,
        published_entry=published_entry,
        draft_file=factories.CatalogFileFactory(entry=draft_entry),
        published_file=factories.CatalogFileFactory(entry=published_entry),
        request=request_obj,
        attachment=RequestAttachment.objects.create(
            request=request_obj, kind="consent", file=factories.pdf_file("dong-y.pdf")
        ),
        response_file=ResponseFile.objects.create(
            request=request_obj, title="Kết quả", file=factories.pdf_file()
        ),
        notice=Notice.objects.create(
            agency=agency,
            request=request_obj,
            kind=Notice.Kind.RECEIPT,
            year=today.year,
            number=1,
            symbol=f"TB-{key}",
            issued_on=today,
            place_name="An Giang",
            signer_title="GIÁM ĐỐC",
            signer_name="Trương Văn Ký",
            pdf=ContentFile(demo_pdf("01/TB"), name="thong-bao.pdf"),
            issued_by=officer_user,
        ),
        complaint=Complaint.objects.create(
            agency=agency,
            kind=Complaint.Kind.COMPLAINT,
            request=request_obj,
            full_name=sender,
            email="phananh@example.com",
            content="Quá hạn mà chưa được trả lời.",
        ),
    )


def _compiled(year: int, agency=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = report_services.request_compilation(
            datetime.date(year, 1, 1), datetime.date(year, 12, 31), agency=agency
        )
    report.refresh_from_db()
    return report


def _build_world() -> World:
    today = timezone.localdate()
    agency_a = factories.AgencyFactory(name="Sở Tài chính")
    agency_b = factories.AgencyFactory(name="Đặc khu Phú Quốc", kind="commune")
    users = {
        "staff_without_role": factories.UserFactory(is_staff=True),
        "officer_a": factories.OfficerFactory(agency=agency_a).user,
        "officer_b": factories.OfficerFactory(agency=agency_b).user,
        "doj_user": factories.DojUserFactory(),
        "superuser": factories.UserFactory(is_staff=True, is_superuser=True),
    }
    of = {
        "A": _agency("A", agency_a, users["officer_a"], today),
        "B": _agency("B", agency_b, users["officer_b"], today),
    }
    published = _compiled(today.year - 2)
    report_services.save_narrative(
        published, situation="Đã công khai.", difficulties="—", recommendations="—", actor=None
    )
    published = report_services.mark_reviewed(published, actor=users["doj_user"])
    published = report_services.publish(published, actor=users["doj_user"])
    render_report_pdf(published.pk)  # once for the module, rather than in every download
    published.refresh_from_db()
    unpublished = _compiled(today.year - 1)
    render_report_pdf(unpublished.pk)
    unpublished.refresh_from_db()
    access = {"username": "doan-mat-khau", "ip_address": "203.0.113.9", "user_agent": "x"}
    access |= {"http_accept": "*/*", "path_info": "/admin/login/"}
    return World(
        users=users,
        of=of,
        unpublished_report=unpublished,
        report_of_a=_compiled(today.year - 1, agency=agency_a),
        published_report=published,
        singles={
            "requests_app.legalruleset": LegalRuleSet.objects.first(),
            "requests_app.feeitem": FeeItem.objects.first(),
            "portal.calendarday": CalendarDay.objects.create(
                date=datetime.date(today.year, 12, 31), is_working_day=False, note="Nghỉ bù"
            ),
            "auth.user": users["staff_without_role"],
            "auth.group": Group.objects.get(name=FOCAL_POINT_OFFICERS),
            "axes.accessattempt": AccessAttempt.objects.create(
                **access, get_data="", post_data="", failures_since_start=1
            ),
            "axes.accesslog": AccessLog.objects.create(**access),
            "axes.accessfailurelog": AccessFailureLog.objects.create(**access),
        },
    )


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("authorisation-media")


@pytest.fixture
def _media_root(settings, media_dir):
    """Overrides tests/conftest.py's: the world's files live as long as the world."""
    settings.MEDIA_ROOT = media_dir


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_dir):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_dir),
        transaction.atomic(),
    ):
        yield _build_world()
        transaction.set_rollback(True)


# --- asking and judging ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    endpoint: str  # the same name for every role: the summary counts roles × endpoints
    url: str
    verdict: Verdict | None
    method: str = "get"
    data: dict | None = None
    ok_status: int = 200
    magic: bytes = b""  # the first bytes of a file that is allowed


def _forbidden_text(world: World, role: str, *, public: bool) -> list[str]:
    """What must appear in no page ``role`` receives."""
    texts = []
    for owner in AGENCIES:
        outsider = OWN_AGENCY.get(role) != owner
        if public or (role != "superuser" and outsider):
            texts += PERSONAL[owner]
        if public or (role not in ("superuser", "doj_user") and outsider):
            texts += DRAFTS[owner]
    return texts


def _text_of(response) -> str:
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or not content_type.startswith(
        ("text/", "application/json")
    ):
        return ""
    text = response.content.decode()
    if content_type.startswith("application/json"):  # "\u1ea1" escapes would hide a name
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _body_start(response, length: int) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)[:length]
    return response.content[:length]


def check(client, world: World, role: str, case: Case, *, public: bool = False) -> list[str]:
    """Ask as ``role``; the problems found, none if the answer is the one expected."""
    matrix.record(role, case.endpoint)
    where = f"{role} {case.method.upper()} {case.url} ({case.endpoint})"
    if case.verdict is None:
        return [f"{where}: the matrix has no expectation for this endpoint; add it to GRANTS"]
    response = getattr(client, case.method)(case.url, case.data or {})
    status = response.status_code
    if status == 302 and urlparse(response["Location"]).path == reverse("admin:login"):
        got = Verdict.LOGIN
    elif status == 404:
        got = Verdict.HIDDEN
    elif status == 403:
        got = Verdict.REFUSED
    elif status == case.ok_status and (
        not case.magic or _body_start(response, len(case.magic)) == case.magic
    ):
        got = Verdict.ALLOWED
    else:
        got = None
    problems = []
    if not (got == case.verdict or (case.verdict == Verdict.REFUSED and got == Verdict.HIDDEN)):
        problems.append(f"{where}: expected {case.verdict}, got {status} ({got or 'unexpected'})")
    if status == 200:
        problems += [f"{where}: {p}" for p in _choice_problems(world, role, response)]
    if status < 300:
        text = _text_of(response)
        problems += [
            f"{where}: shows {secret!r}"
            for secret in _forbidden_text(world, role, public=public)
            if secret in text
        ]
    return problems


def _choice_problems(world: World, role: str, response) -> list[str]:
    """A select box (or an autocomplete's validation) of an admin form offers no record out of
    the user's scope: a pk of another agency's record posted by hand must be refused."""
    context = getattr(response, "context", None)
    if context is None or "adminform" not in context:
        return []
    forms = [(context["adminform"].form, None)]
    forms += [
        # An inline row's own id is checked against the parent record by the formset.
        (form, form._meta.model._meta.pk.name)
        for inline in context.get("inline_admin_formsets", ())
        for form in inline.formset
    ]
    problems = []
    for form, own_id in forms:
        for name, form_field in form.fields.items():
            if name == own_id:
                continue
            queryset = getattr(form_field, "queryset", None)
            grant = GRANTS.get(_label(queryset.model)) if queryset is not None else None
            if grant is None or not grant.scoped:
                continue
            offered = set(queryset.values_list("pk", flat=True))
            foreign = {
                tag
                for owner, tag, record in world.records(_label(queryset.model))
                if record.pk in offered and not in_scope(role, grant, owner)
            }
            if foreign:
                problems.append(f"the field {name!r} offers {sorted(foreign)}")
    return problems


def login(client, world: World, role: str) -> None:
    if role != "anonymous":
        client.force_login(world.users[role])


def _label(model) -> str:
    return model._meta.label_lower


REGISTRY = {_label(model): model_admin for model, model_admin in admin.site._registry.items()}


# --- the admin: standard pages and every URL an admin adds ----------------------------------

STANDARD = {  # url suffix -> (permission, on a record)
    "changelist": (VIEW, False),
    "add": (ADD, False),
    "change": (VIEW, True),  # a record that may be viewed opens read-only
    "history": (VIEW, True),
    "delete": (DELETE, True),
}


@dataclass(frozen=True)
class Custom:
    """A URL an admin adds in get_urls(): the permission it needs and whose records it takes."""

    perm: str
    targets: object  # World -> [(owner, tag, url args)]
    method: str = "get"
    ok_status: int = 200
    magic: bytes = b""


def _each(pick):
    return lambda w: [(key, key, pick(w.of[key])) for key in AGENCIES]


def _nothing(world):
    return [(None, "", [])]


PDF = b"%PDF-"
CUSTOM = {
    "agencies_internalregulation_file": Custom(
        VIEW, _each(lambda a: [a.draft_regulation.pk]), magic=PDF
    ),
    "catalogs_catalogfile_download": Custom(
        VIEW,
        lambda w: [
            (key, f"{key} {tag}", [getattr(w.of[key], f"{tag}_file").pk])
            for key in AGENCIES
            for tag in ("draft", "published")
        ],
        magic=PDF,
    ),
    "catalogs_catalogentry_import": Custom(ADD, _nothing),
    "catalogs_catalogentry_import_template": Custom(ADD, _nothing, magic=b"PK"),
    "requests_app_informationrequest_transition": Custom(
        CHANGE, _each(lambda a: [a.request.pk, workflow.available(a.request)[0].name])
    ),
    "requests_app_informationrequest_register": Custom(VIEW, _nothing),
    "requests_app_informationrequest_costs": Custom(CHANGE, _each(lambda a: [a.request.pk])),
    # A refusal notice cannot be issued for a request being handled: the page says so and
    # returns to the request, nothing is rendered; someone out of scope gets a 404 first.
    "requests_app_informationrequest_notice": Custom(
        CHANGE,
        _each(lambda a: [a.request.pk, Notice.Kind.REFUSAL]),
        method="post",
        ok_status=302,
    ),
    "requests_app_notice_download": Custom(VIEW, _each(lambda a: [a.notice.pk]), magic=PDF),
    "requests_app_attachment_download": Custom(VIEW, _each(lambda a: [a.attachment.pk]), magic=PDF),
    "auth_user_password_change": Custom(
        CHANGE, lambda w: [(None, "any", [w.singles["auth.user"].pk])]
    ),
    "requests_app_responsefile_download": Custom(
        VIEW, _each(lambda a: [a.response_file.pk]), magic=PDF
    ),
}


def admin_cases(world: World, role: str, label: str) -> list[Case]:
    model_admin = REGISTRY[label]
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    records = world.records(label)
    cases = []
    for pattern in model_admin.get_urls():
        name = pattern.name
        if name is None and str(pattern.pattern) == "<path:object_id>/":
            continue  # Django's redirect of a bare id to the change page
        suffix = (name or "").removeprefix(prefix)
        if name and name.startswith(prefix) and suffix in STANDARD:
            perm, on_record = STANDARD[suffix]
            custom = Custom(
                perm, (lambda w: [(o, t, [r.pk]) for o, t, r in records]) if on_record else _nothing
            )
            if on_record and records is None:
                cases.append(Case(f"admin:{name} (no record in the world)", "-", None))
                continue
        elif name in CUSTOM:
            custom = CUSTOM[name]
        else:
            cases.append(Case(f"admin:{name or pattern.pattern}", "-", None))
            continue
        targets = custom.targets(world) if callable(custom.targets) else custom.targets
        for owner, tag, args in targets:
            cases.append(
                Case(
                    f"admin:{name}" + (f"[{tag}]" if tag else ""),
                    reverse(f"admin:{name}", args=args),
                    expected(role, label, custom.perm, owner),
                    method=custom.method,
                    ok_status=custom.ok_status,
                    magic=custom.magic,
                )
            )
    return cases


def test_the_matrix_knows_every_registered_admin():
    """A new admin fails here until GRANTS says who may use it; a removed one fails too."""
    assert set(REGISTRY) == set(GRANTS)


def test_the_table_agrees_with_how_each_admin_is_scoped():
    for label, grant in GRANTS.items():
        model_admin = REGISTRY[label]
        assert isinstance(model_admin, AgencyScopedAdmin) == grant.scoped, label
        if grant.scoped:
            assert model_admin.doj_sees_all == grant.doj_sees_all, label


@pytest.mark.parametrize("label", sorted(REGISTRY))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_what_it_may_in_each_admin(client, world, role, label):
    login(client, world, role)

    problems = [
        p for case in admin_cases(world, role, label) for p in check(client, world, role, case)
    ]

    assert not problems, "\n".join(problems)


def test_the_site_index_and_app_pages(client, world):
    """The admin's index and each app's page: DOJ staff get no page of the requests app."""
    problems = []
    for role in ROLES:
        client.logout()
        login(client, world, role)
        problems += check(
            client,
            world,
            role,
            Case("admin:index", reverse("admin:index"), _site_verdict(role, None)),
        )
        for app_label in sorted({label.split(".")[0] for label in REGISTRY}):
            problems += check(
                client,
                world,
                role,
                Case(
                    f"admin:app_list[{app_label}]",
                    reverse("admin:app_list", args=[app_label]),
                    _site_verdict(role, app_label),
                ),
            )

    assert not problems, "\n".join(problems)


def _site_verdict(role: str, app_label: str | None) -> Verdict:
    if role == "anonymous":
        return Verdict.LOGIN
    if app_label is None:
        return Verdict.ALLOWED
    labels = [label for label in REGISTRY if label.split(".")[0] == app_label]
    reachable = any(expected(role, label, VIEW, None) == Verdict.ALLOWED for label in labels)
    return Verdict.ALLOWED if reachable else Verdict.REFUSED


# --- admin actions: never on another agency's records, whatever pks are posted ---------------


@dataclass(frozen=True)
class Action:
    perm: str
    applies: object  # record -> bool: which of the selected records the action changes
    done: object  # (record, response) -> bool: whether it acted on that record


def _deleted_or_offered(record, confirmation) -> bool:
    """Deleted, or offered for deletion on the confirmation page (where a record that is
    protected, or has an audit trail nobody may delete, stays): either way the action took it."""
    if not type(record).objects.filter(pk=record.pk).exists():
        return True
    context = getattr(confirmation, "context", None) or {}
    return "queryset" in context and context["queryset"].filter(pk=record.pk).exists()


def _published(record, confirmation) -> bool:
    return type(record).objects.get(pk=record.pk).status != record.status


ACTIONS = {
    "delete_selected": Action(DELETE, lambda r: True, _deleted_or_offered),
    "publish_selected": Action(CHANGE, lambda r: r.status == "draft", _published),
}


def _action_names(model_admin) -> list[str]:
    names = [name for name, _func in model_admin.admin_site.actions]
    names += [a if isinstance(a, str) else a.__name__ for a in model_admin.actions or ()]
    return names


@pytest.mark.parametrize(
    "label", sorted(label for label in REGISTRY if GRANTS.get(label, Grant()).scoped)
)
@pytest.mark.parametrize("role", ROLES)
def test_admin_actions_never_touch_records_out_of_scope(client, world, role, label):
    model_admin = REGISTRY[label]
    records = world.records(label)
    url = reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")
    login(client, world, role)
    problems = []
    for name in _action_names(model_admin):
        endpoint = f"{url} action={name}"
        matrix.record(role, endpoint)
        action = ACTIONS.get(name)
        if action is None:
            problems.append(f"{role} {endpoint}: the matrix does not know this action")
            continue
        should = {
            tag
            for owner, tag, record in records
            if action.applies(record)
            and expected(role, label, action.perm, owner) == Verdict.ALLOWED
        }
        selected = {"action": name, "_selected_action": [r.pk for _o, _t, r in records]}
        with transaction.atomic():  # each action sees the world as built
            # As a user would: the action, then its confirmation where it asks for one.
            response = client.post(url, selected)
            confirmed = client.post(url, selected | {"post": "yes"})
            did = {tag for _o, tag, record in records if action.done(record, response)}
            transaction.set_rollback(True)
        if did != should:
            problems.append(
                f"{role} POST {endpoint}: acted on {sorted(did)}, should on {sorted(should)} "
                f"(status {response.status_code}, then {confirmed.status_code})"
            )

    assert not problems, "\n".join(problems)


# --- autocomplete: never another agency's records -------------------------------------------


def _autocomplete_fields():
    for label, model_admin in sorted(REGISTRY.items()):
        for field_name in model_admin.autocomplete_fields:
            remote = model_admin.model._meta.get_field(field_name).remote_field.model
            yield label, field_name, _label(remote)


AUTOCOMPLETE = list(_autocomplete_fields())


def test_there_are_autocomplete_fields_to_check():
    assert len(AUTOCOMPLETE) >= 7


@pytest.mark.parametrize("role", ROLES)
def test_autocomplete_lists_only_records_in_scope(client, world, role):
    login(client, world, role)
    problems = []
    for label, field_name, remote in AUTOCOMPLETE:
        app_label, model_name = label.split(".")
        query = f"app_label={app_label}&model_name={model_name}&field_name={field_name}"
        case = Case(
            f"admin:autocomplete[{label}.{field_name}]",
            f"{reverse('admin:autocomplete')}?{query}&term=",
            expected(role, remote, VIEW, None),
        )
        found = check(client, world, role, case)
        problems += found
        if found or case.verdict != Verdict.ALLOWED:
            continue
        response = client.get(case.url)
        listed = {int(item["id"]) for item in response.json()["results"]}
        grant = GRANTS[remote]
        may_see = {
            record.pk
            for owner, _tag, record in world.records(remote)
            if not grant.scoped or in_scope(role, grant, owner)
        }
        if listed != may_see:
            problems.append(f"{role} {case.endpoint}: lists {listed}, may see {may_see}")

    assert not problems, "\n".join(problems)


# --- public, JSON, file and report pages ----------------------------------------------------

EVERYONE = dict.fromkeys(ROLES, Verdict.ALLOWED)
NO_ONE = dict.fromkeys(ROLES, Verdict.HIDDEN)
# The dashboard and compiled reports: staff of the DOJ and officers (their own agency's figures).
STAFF_PAGE = {
    "anonymous": Verdict.LOGIN,
    "staff_without_role": Verdict.REFUSED,
    "officer_a": Verdict.ALLOWED,
    "officer_b": Verdict.ALLOWED,
    "doj_user": Verdict.ALLOWED,
    "superuser": Verdict.ALLOWED,
}
MANAGING = STAFF_PAGE | {"officer_a": Verdict.REFUSED, "officer_b": Verdict.REFUSED}
UNPUBLISHED = STAFF_PAGE | {"anonymous": Verdict.HIDDEN, "staff_without_role": Verdict.HIDDEN}
ALL_FIGURES_UNPUBLISHED = UNPUBLISHED | {"officer_a": Verdict.REFUSED, "officer_b": Verdict.REFUSED}


def _sheet_of(key):
    other = "officer_b" if key == "A" else "officer_a"
    return UNPUBLISHED | {other: Verdict.HIDDEN}


def public_cases(world: World, role: str) -> list[Case]:
    a, b = world.of["A"], world.of["B"]
    cases = []

    def add(endpoint, url_name, args, verdicts, method="get", ok_status=200, magic=b""):
        url = reverse(url_name, args=args)
        cases.append(Case(endpoint, url, verdicts.get(role), method, None, ok_status, magic))

    add("api:agencies", "api:agencies", [], EVERYONE)
    add("api:entries", "api:entries", [], EVERYONE)
    add("api:entry[published]", "api:entry", [a.published_entry.pk], EVERYONE)
    add("api:entry[draft]", "api:entry", [a.draft_entry.pk], NO_ONE)
    add("api:entry[B draft]", "api:entry", [b.draft_entry.pk], NO_ONE)
    file_of = (a.published_entry.pk, a.published_file.pk)
    add("catalogs:file[published]", "catalogs:file", file_of, EVERYONE, magic=PDF)
    add("catalogs:file[draft]", "catalogs:file", [a.draft_entry.pk, a.draft_file.pk], NO_ONE)
    # Guessing file pks under an entry one may see: another entry's draft file, B's file.
    add(
        "catalogs:file[a published entry, a draft's file]",
        "catalogs:file",
        [a.published_entry.pk, a.draft_file.pk],
        NO_ONE,
    )
    add(
        "catalogs:file[A's entry, B's file]",
        "catalogs:file",
        [a.published_entry.pk, b.published_file.pk],
        NO_ONE,
    )
    slug = a.agency.slug
    regulation = "agencies:regulation_file"
    add(
        f"{regulation}[published]",
        regulation,
        [slug, a.published_regulation.pk],
        EVERYONE,
        magic=PDF,
    )
    add(f"{regulation}[draft]", regulation, [slug, a.draft_regulation.pk], NO_ONE)
    add(f"{regulation}[A's slug, B's pk]", regulation, [slug, b.published_regulation.pk], NO_ONE)
    download = "requests_app:download"
    token = services.download_token(a.response_file)
    tampered = token.replace(f"file:{a.response_file.pk}:", f"file:{b.response_file.pk}:")
    add(f"{download}[signed file]", download, [token], EVERYONE, magic=PDF)
    add(
        f"{download}[signed notice]",
        download,
        [services.download_token(a.notice)],
        EVERYONE,
        magic=PDF,
    )
    add(f"{download}[another file's pk in a signed link]", download, [tampered], NO_ONE)
    add(f"{download}[a bare pk]", download, [str(a.response_file.pk)], NO_ONE)
    add("reports:index", "reports:index", [], EVERYONE)
    add("reports:dashboard", "reports:dashboard", [], STAFF_PAGE)
    # An empty form: those who may compile get it back with its errors, nothing is queued.
    add("reports:compile", "reports:compile", [], MANAGING, method="post", ok_status=400)
    for tag, report in (
        ("unpublished", world.unpublished_report),
        ("published", world.published_report),
    ):
        reading = UNPUBLISHED if tag == "unpublished" else EVERYONE
        figures = ALL_FIGURES_UNPUBLISHED if tag == "unpublished" else EVERYONE
        add(f"reports:detail[{tag}]", "reports:detail", [report.pk], reading)
        add(f"reports:progress[{tag}]", "reports:progress", [report.pk], reading)
        add(f"reports:pdf[{tag}]", "reports:pdf", [report.pk], figures, magic=PDF)
        add(f"reports:xlsx[{tag}]", "reports:xlsx", [report.pk], figures, magic=b"PK")
        add(f"reports:csv[{tag}]", "reports:csv", [report.pk], figures)
        for key in AGENCIES:
            add(
                f"reports:agency_pdf[{tag}, {key}]",
                "reports:agency_pdf",
                [report.pk, world.of[key].agency.slug],
                _sheet_of(key) if tag == "unpublished" else EVERYONE,
                magic=PDF,
            )
    # Agency A's own report: not even its existence for agency B's officers.
    own_report = UNPUBLISHED | {"officer_b": Verdict.HIDDEN}
    report_of_a = [world.report_of_a.pk]
    add("reports:detail[A's own]", "reports:detail", report_of_a, own_report)
    add("reports:progress[A's own]", "reports:progress", report_of_a, own_report)
    csv_verdicts = ALL_FIGURES_UNPUBLISHED | {"officer_b": Verdict.HIDDEN}
    add("reports:csv[A's own]", "reports:csv", report_of_a, csv_verdicts)
    # A published report cannot be changed: those who manage reports are told so on its page.
    for name in ("narrative", "review", "publish", "recompile"):
        add(
            f"reports:{name}",
            f"reports:{name}",
            [world.published_report.pk],
            MANAGING,
            method="post",
            ok_status=302,
        )
    return cases


@pytest.mark.parametrize("role", ROLES)
def test_public_file_json_and_report_pages(client, world, role):
    login(client, world, role)

    problems = [
        p
        for case in public_cases(world, role)
        for p in check(client, world, role, case, public=not case.endpoint.startswith("reports:"))
    ]

    assert not problems, "\n".join(problems)
