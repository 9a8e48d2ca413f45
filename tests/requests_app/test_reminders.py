"""The daily reminder: each due-soon and overdue request reminded exactly once, even after a gap."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone

from portal.tasks import clear_expired_sessions
from requests_app import workflow
from requests_app.models import Reminder
from requests_app.tasks import send_deadline_reminders
from tests import factories

D = datetime.date


def _at(time_machine, day):
    time_machine.move_to(datetime.datetime(day.year, day.month, day.day, 1, 0, tzinfo=datetime.UTC))


def _handled(agency, officer, complexity="simple"):
    req = factories.make_request(agency)
    workflow.transition(req, "accept", actor=officer, complexity=complexity)
    return req


@pytest.fixture
def requests_due(agency_a, time_machine):
    _at(time_machine, D(2025, 9, 8))
    officer = factories.OfficerFactory(agency=agency_a, user__email="canbo@example.com").user
    soon = _handled(agency_a, officer)  # due Thu 11/9
    later = _handled(agency_a, officer, "complex")  # due 29/9
    factories.make_request(agency_a)  # not yet valid: no clock, no reminder
    return soon, later


@pytest.mark.django_db
def test_run_twice_the_same_day_reminds_once(
    requests_due, time_machine, django_capture_on_commit_callbacks
):
    soon, _later = requests_due
    _at(time_machine, D(2025, 9, 10))

    with django_capture_on_commit_callbacks(execute=True):
        first = send_deadline_reminders.delay().get()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_deadline_reminders.delay().get()

    assert first == {"due_soon": 1, "overdue": 0}
    assert second == {"due_soon": 0, "overdue": 0}
    assert [(r.request_id, r.kind) for r in Reminder.objects.all()] == [(soon.pk, "due_soon")]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["canbo@example.com"]
    assert soon.tracking_code in mail.outbox[0].subject


@pytest.mark.django_db
def test_after_days_without_beat_nothing_is_missed_and_nothing_sent_twice(
    requests_due, time_machine, django_capture_on_commit_callbacks
):
    soon, later = requests_due
    _at(time_machine, D(2025, 9, 10))
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders.delay().get()
    _at(time_machine, D(2025, 9, 26))  # beat was down for two weeks

    with django_capture_on_commit_callbacks(execute=True):
        caught_up = send_deadline_reminders.delay().get()
    with django_capture_on_commit_callbacks(execute=True):
        again = send_deadline_reminders.delay().get()

    assert caught_up == {"due_soon": 1, "overdue": 1}
    assert again == {"due_soon": 0, "overdue": 0}
    kinds = sorted((r.request_id, r.kind) for r in Reminder.objects.all())
    assert kinds == sorted([(soon.pk, "due_soon"), (soon.pk, "overdue"), (later.pk, "due_soon")])


@pytest.mark.django_db
def test_an_extension_gives_a_new_reminder_for_the_new_deadline(
    agency_a, time_machine, django_capture_on_commit_callbacks
):
    _at(time_machine, D(2025, 9, 8))
    officer = factories.OfficerFactory(agency=agency_a).user
    req = _handled(agency_a, officer, "complex")
    _at(time_machine, D(2025, 9, 26))
    send_deadline_reminders.delay().get()
    workflow.transition(req, "extend", actor=officer, extension_reason="Cần phối hợp.")
    _at(time_machine, D(2025, 10, 10))

    send_deadline_reminders.delay().get()

    assert sorted(Reminder.objects.values_list("kind", "due_on")) == [
        ("due_soon", D(2025, 9, 29)),
        ("due_soon", D(2025, 10, 14)),
    ]


@pytest.mark.worker
def test_a_real_worker_reminds_each_request_once(live_worker, agency_a, migrated_data):
    soon = factories.make_request(agency_a)
    officer = factories.OfficerFactory(agency=agency_a).user
    workflow.transition(soon, "accept", actor=officer, complexity="simple")
    # The worker runs on the real clock: make the request due today.
    type(soon).objects.filter(pk=soon.pk).update(due_on=timezone.localdate())
    marker = Session.objects.create(
        session_key="marker", session_data="x", expire_date=timezone.now() - datetime.timedelta(1)
    )

    send_deadline_reminders.apply_async(queue=live_worker.queue)
    send_deadline_reminders.apply_async(queue=live_worker.queue)
    # The solo worker runs tasks in order: once this one is done, both runs are.
    clear_expired_sessions.apply_async(queue=live_worker.queue)
    deadline = time.monotonic() + 60
    while Session.objects.filter(pk=marker.pk).exists():
        assert time.monotonic() < deadline, "the worker did not finish within 60s"
        time.sleep(0.2)

    assert list(Reminder.objects.values_list("request_id", "kind")) == [(soon.pk, "due_soon")]


def _until(condition, what):
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"the worker did not {what} within 60s"
        time.sleep(0.2)


@pytest.mark.worker
def test_a_real_worker_after_days_without_beat_reminds_due_soon_and_overdue_once(
    live_worker, agency_a, migrated_data
):
    from portal.models import OutboxMessage
    from requests_app.models import InformationRequest

    officer = factories.OfficerFactory(agency=agency_a, user__email="canbo@example.com").user
    soon, late = factories.make_request(agency_a), factories.make_request(agency_a)
    for request_obj in (soon, late):
        workflow.transition(request_obj, "accept", actor=officer, complexity="simple")
    factories.make_request(agency_a)  # not valid yet: no clock, no reminder
    # The worker runs on the real clock: one due today, one overdue since beat went down.
    today = timezone.localdate()
    InformationRequest.objects.filter(pk=soon.pk).update(due_on=today)
    InformationRequest.objects.filter(pk=late.pk).update(due_on=today - datetime.timedelta(5))
    reminders = OutboxMessage.objects.filter(key__startswith="reminder:")

    for _run in range(3):  # the catch-up run, then beat's next runs
        send_deadline_reminders.apply_async(queue=live_worker.queue)
    _until(lambda: reminders.filter(sent_at__isnull=False).count() >= 2, "send the reminders")
    marker = Session.objects.create(
        session_key="marker", session_data="x", expire_date=timezone.now() - datetime.timedelta(1)
    )
    clear_expired_sessions.apply_async(queue=live_worker.queue)  # after everything queued so far
    _until(lambda: not Session.objects.filter(pk=marker.pk).exists(), "finish")

    assert sorted(Reminder.objects.values_list("request_id", "kind")) == sorted(
        [(soon.pk, "due_soon"), (late.pk, "overdue")]
    )
    to_officer = [m for m in live_worker.sent_mails() if "canbo@example.com" in m]
    assert len(to_officer) == 2
    assert sum(soon.tracking_code in m for m in to_officer) == 1
    assert sum(late.tracking_code in m for m in to_officer) == 1
