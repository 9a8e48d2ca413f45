"""The request workflow: one transition table, events with their actor, nothing else writes
the status (LEGAL §7.4)."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings

from requests_app import fees, workflow
from requests_app.models import FeeItem, InformationRequest, RequestEvent
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date
S = InformationRequest.Status


@pytest.fixture(autouse=True)
def monday_morning(time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 8, 9, 0, tzinfo=datetime.UTC))


@pytest.fixture
def officer(agency_a):
    return factories.OfficerFactory(agency=agency_a).user


def _go(request_obj, name, actor, **params):
    return workflow.transition(request_obj, name, actor=actor, **params)


def test_an_online_request_goes_through_every_running_state(agency_a, officer):
    req = factories.make_request(agency_a)
    steps = [
        ("request_supplement", {"note": "Bổ sung số văn bản."}, S.NEEDS_SUPPLEMENT),
        ("supplement_received", {}, S.RECEIVED),
        ("accept", {"complexity": "complex", "valid_on": D(2025, 9, 8)}, S.VALID),
        ("ask_consent", {"note": "Cần văn bản đồng ý của nhà thầu."}, S.AWAITING_CONSENT),
        ("consent_received", {}, S.VALID),
        ("ask_payment", {"payment_due_on": D(2025, 9, 12)}, S.AWAITING_PAYMENT),
        ("payment_received", {"paid_amount": 30000, "paid_on": D(2025, 9, 8)}, S.VALID),
        ("extend", {"extension_reason": "Cần ý kiến của Sở Xây dựng."}, S.EXTENDED),
        ("ask_consent", {"note": "Cần thêm sự đồng ý."}, S.AWAITING_CONSENT),
        ("consent_received", {}, S.EXTENDED),
        (
            "provide_partial",
            {
                "grounds": [{"code": "a6_not_accessible", "art6_subtype": "work_secret"}],
                "reason": "Phần biên bản họp nội bộ không được cung cấp.",
            },
            S.PROVIDED_PARTIAL,
        ),
        ("close", {}, S.CLOSED),
    ]
    for name, params, expected in steps:
        if name == "ask_payment":  # 10 A4 photocopies: 10 × 3,000 đồng (Circular 46, item 1.1)
            fees.add_item(req, FeeItem.objects.get(code="1.1"), 10)
        _go(req, name, officer, **params)
        assert req.status == expected, name

    events = list(req.events.order_by("at", "pk").values_list("action", "to_status", "actor"))
    assert events[0] == ("submit", S.RECEIVED, None)
    assert [e[0] for e in events[1:]] == [name for name, _p, _e in steps]
    assert all(actor == officer.pk for _a, _s, actor in events[1:])
    assert req.due_on == D(2025, 9, 29)  # 15 working days (Law Art 30)
    assert req.extended_due_on == D(2025, 10, 14)  # + 15 plain days (Law Art 30)
    assert list(req.refusals.values_list("code", "art6_subtype")) == [
        ("a6_not_accessible", "work_secret")
    ]


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (
            [("redirect", {"responsible_agency_name": "Sở Xây dựng", "note": "Gửi Sở Xây dựng."})],
            S.REDIRECTED,
        ),
        ([("accept", {"complexity": "simple"}), ("provide_full", {})], S.PROVIDED_FULL),
        (
            [
                ("accept", {"complexity": "simple"}),
                (
                    "refuse",
                    {"grounds": [{"code": "a17_already_public"}], "reason": "Đã công khai."},
                ),
            ],
            S.REFUSED,
        ),
        ([("withdraw", {})], S.WITHDRAWN),
    ],
)
def test_the_other_outcomes(agency_a, officer, path, final):
    req = factories.make_request(agency_a)
    for name, params in path:
        _go(req, name, officer, **params)

    assert req.status == final
    _go(req, "close", officer)
    assert req.status == S.CLOSED
    events = list(req.events.order_by("at", "pk").values_list("action", "to_status", "actor"))
    assert [e[0] for e in events] == ["submit", *(name for name, _p in path), "close"]
    assert [e[1] for e in events[-2:]] == [final, S.CLOSED]
    assert all(actor == officer.pk for _a, _s, actor in events[1:])
    assert req.closed_at is not None


def test_every_status_of_the_table_is_reachable():
    targets = {t.target for t in workflow.TRANSITIONS.values()} | {S.RECEIVED}
    assert targets - {None} == set(S.values)


@pytest.mark.parametrize(
    ("status_path", "name"),
    [
        ([], "provide_full"),
        ([], "extend"),
        ([("accept", {"complexity": "simple"})], "accept"),
        ([("withdraw", {})], "accept"),
    ],
)
def test_a_transition_not_allowed_from_the_current_state_changes_nothing(
    agency_a, officer, status_path, name
):
    req = factories.make_request(agency_a)
    for step, params in status_path:
        _go(req, step, officer, **params)
    before = (req.status, req.version, RequestEvent.objects.count())

    with pytest.raises(workflow.TransitionNotAllowed):
        _go(req, name, officer, complexity="simple", extension_reason="x")

    req.refresh_from_db()
    assert (req.status, req.version, RequestEvent.objects.count()) == before


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("refuse", {"grounds": [], "reason": "x"}, "khoản 1 Điều 28"),
        ("refuse", {"grounds": [{"code": "not_paid"}], "reason": " "}, "bằng văn bản"),
        ("refuse", {"grounds": [{"code": "a6_not_accessible"}], "reason": "x"}, "Điều 6"),
        ("refuse", {"grounds": [{"code": "made_up"}], "reason": "x"}, "không hợp lệ"),
        ("ask_payment", {"payment_due_on": D(2025, 9, 12)}, "biểu chi phí"),
        ("extend", {"extension_reason": "x", "new_due_on": D(2026, 1, 1)}, "không muộn hơn"),
        ("ask_consent", {"note": ""}, "nội dung gửi người yêu cầu"),
    ],
)
def test_unlawful_particulars_are_refused_with_a_message(agency_a, officer, name, params, message):
    req = factories.make_request(agency_a)
    _go(req, "accept", officer, complexity="complex")
    before = (req.status, req.version)

    with pytest.raises(workflow.WorkflowError, match=message):
        _go(req, name, officer, **params)

    req.refresh_from_db()
    assert (req.status, req.version) == before
    assert not req.refusals.exists()


def test_an_extension_after_the_deadline_is_refused(agency_a, officer, time_machine):
    req = factories.make_request(agency_a)
    _go(req, "accept", officer, complexity="complex")
    time_machine.move_to(datetime.datetime(2025, 10, 1, 9, 0, tzinfo=datetime.UTC))

    with pytest.raises(workflow.WorkflowError, match="29/09/2025"):
        _go(req, "extend", officer, extension_reason="Quá nhiều tài liệu.")


def test_a_request_is_extended_only_once(agency_a, officer):
    req = factories.make_request(agency_a)
    _go(req, "accept", officer, complexity="complex")
    _go(req, "extend", officer, extension_reason="Cần ý kiến phối hợp.", new_due_on=D(2025, 10, 6))
    fees.add_item(req, FeeItem.objects.get(code="1.1"), 2)
    _go(req, "ask_payment", officer, payment_due_on=D(2025, 9, 20))

    with pytest.raises(workflow.WorkflowError, match="đã được gia hạn"):
        _go(req, "extend", officer, extension_reason="Lần hai.")


def test_a_stale_version_is_refused(agency_a, officer):
    req = factories.make_request(agency_a)
    stale = req.version
    _go(req, "request_supplement", officer, note="Thiếu số CCCD.")

    with pytest.raises(workflow.ConcurrentEdit):
        workflow.transition(
            req,
            "redirect",
            actor=officer,
            expected_version=stale,
            responsible_agency_name="Sở Y tế",
            note="Chuyển.",
        )


def test_events_are_append_only(agency_a):
    event = factories.make_request(agency_a).events.get()

    with pytest.raises(Exception, match="append-only"):
        event.save()
    with pytest.raises(Exception, match="append-only"):
        event.delete()


def test_a_request_pins_the_rules_in_force_when_received(agency_a):
    from requests_app.models import LegalRuleSet, TimeLimit
    from requests_app.models.rules import record_revision

    before = factories.make_request(agency_a)
    new_law = LegalRuleSet.objects.create(
        name="Luật Tiếp cận thông tin (sửa đổi) 2026",
        law_reference="chưa xác nhận",
        effective_from=D(2025, 9, 1),
    )
    TimeLimit.objects.create(
        rule_set=new_law, limit_group="electronic", complexity="simple", provide_days=2
    )
    record_revision(new_law)
    after = factories.make_request(agency_a)

    assert before.rule_revision.data["name"] == "Luật Tiếp cận thông tin 2016"
    assert after.rule_revision.data["name"] == "Luật Tiếp cận thông tin (sửa đổi) 2026"


def test_editing_a_rule_set_never_moves_existing_deadlines(agency_a, officer):
    from requests_app.models import TimeLimit
    from requests_app.models.rules import record_revision

    req = factories.make_request(agency_a)
    TimeLimit.objects.filter(limit_group="electronic", complexity="simple").update(provide_days=1)
    record_revision(req.rule_revision.rule_set)
    _go(req, "accept", officer, complexity="simple")

    assert req.due_on == D(2025, 9, 11)  # still 3 working days, as when it was received


def test_no_code_outside_the_workflow_writes_the_status():
    """Guard: the only writers of InformationRequest.status are in workflow.py."""
    package = Path(settings.BASE_DIR) / "requests_app"
    writers = []
    pattern = re.compile(r"\.status\s*=(?!=)|update\([^)]*\bstatus\s*=")
    for source in package.rglob("*.py"):
        if source.name == "workflow.py" or "migrations" in source.parts:
            continue
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if pattern.search(line) and "complaint" not in line:  # a complaint's own status
                writers.append(f"{source.relative_to(package)}:{number}")
    assert writers == []


@pytest.mark.parametrize(
    ("path", "outcome", "days", "on_time"),
    [
        (
            [("redirect", {"responsible_agency_name": "Sở Xây dựng", "note": "Gửi Sở Xây dựng."})],
            "redirected",
            0,
            None,
        ),
        ([("accept", {"complexity": "simple"}), ("provide_full", {})], "provided_full", 0, True),
        ([("withdraw", {})], "withdrawn", None, None),
    ],
)
def test_the_outcome_is_kept_when_the_file_is_closed(
    agency_a, officer, path, outcome, days, on_time
):
    req = factories.make_request(agency_a)
    for name, params in path:
        _go(req, name, officer, **params)
    _go(req, "close", officer)

    req.refresh_from_db()
    assert req.status == S.CLOSED
    assert (req.outcome, req.working_days_taken, req.on_time) == (outcome, days, on_time)
    assert req.outcome_at == req.events.get(to_status=outcome).at


def test_an_answer_after_the_deadline_counts_as_late(agency_a, officer, time_machine):
    req = factories.make_request(agency_a)
    _go(req, "accept", officer, complexity="simple")  # due Thursday 11 September (3 WD)
    time_machine.move_to(datetime.datetime(2025, 9, 15, 9, 0, tzinfo=datetime.UTC))
    _go(
        req,
        "refuse",
        officer,
        grounds=[{"code": "a17_already_public"}],
        reason="Đã công khai trên cổng.",
    )

    req.refresh_from_db()
    assert req.due_on == D(2025, 9, 11)
    assert (req.outcome, req.on_time, req.working_days_taken) == ("refused", False, 5)


def test_steps_taken_over_from_a_paper_register_keep_their_dates(agency_a, officer):
    received = datetime.datetime(2025, 3, 3, 2, 0, tzinfo=datetime.UTC)  # Monday 3 March
    req = factories.make_request(agency_a, channel="post", received_at=received)
    _go(req, "accept", officer, complexity="simple", at=received)
    answered = datetime.datetime(2025, 3, 7, 3, 0, tzinfo=datetime.UTC)
    _go(req, "provide_full", officer, at=answered)

    req.refresh_from_db()
    assert req.due_on == D(2025, 3, 10)  # 5 working days by post (Law Art 31)
    assert req.outcome_at == answered and req.answered_at == answered
    assert (req.working_days_taken, req.on_time) == (4, True)


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (datetime.datetime(2025, 9, 9, 9, 0, tzinfo=datetime.UTC), "tương lai"),
        (datetime.datetime(2025, 9, 1, 9, 0, tzinfo=datetime.UTC), "bước trước"),
    ],
)
def test_a_step_cannot_be_dated_in_the_future_or_before_the_previous_one(
    agency_a, officer, at, message
):
    req = factories.make_request(agency_a)  # received now, 8 September
    before = (req.status, req.version)

    with pytest.raises(workflow.WorkflowError, match=message):
        _go(req, "accept", officer, complexity="simple", at=at)

    req.refresh_from_db()
    assert (req.status, req.version) == before
