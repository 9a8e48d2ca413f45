"""Faults a citizen or an officer would notice: fifty citizens sending the request form at the
same moment, and the database failing in the middle of a workflow step.

The concurrency pattern follows
tests/requests_app/test_notices.py::test_fifty_notices_issued_at_once_get_fifty_consecutive_numbers:
real threads, each with its own database connection, on PostgreSQL.
"""

import datetime
import threading

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, IntegrityError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from portal.models import OutboxMessage
from requests_app import workflow
from requests_app.models import (
    InformationRequest,
    RequestAttachment,
    RequestEvent,
    RequestRefusal,
)
from tests import factories
from tests.conftest import needs, uses_postgresql
from tests.requests_app.test_public_form import _form as _public_form
from tests.security.test_uploads import real_pdf

CITIZENS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_submissions_at_once_make_fifty_requests_with_fifty_tracking_codes(
    agency_a, migrated_data, patient_pool
):
    needs(uses_postgresql(), "fifty connections at once need PostgreSQL; .ci/run uses it")
    cache.clear()  # the per-address limits start from zero
    start = threading.Barrier(CITIZENS)
    receipts, errors = {}, []

    def citizen(number):
        # Fifty people, fifty addresses: the per-address limit is not what is tested here.
        browser = Client(REMOTE_ADDR=f"10.0.0.{number + 1}")
        data = _public_form(
            agency_a,
            full_name=f"Người gửi số {number}",
            consent_file=SimpleUploadedFile("dong-y.pdf", real_pdf()),
        )
        try:
            start.wait(timeout=60)
            response = browser.post(reverse("requests_app:submit"), data)
            receipts[number] = (response.status_code, response.get("Location", ""))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=citizen, args=(n,)) for n in range(CITIZENS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(status for status, _location in receipts.values()) == [302] * CITIZENS
    requests = list(InformationRequest.objects.all())
    codes = {r.tracking_code for r in requests}
    assert len(requests) == len(codes) == CITIZENS
    assert {r.full_name for r in requests} == {f"Người gửi số {n}" for n in range(CITIZENS)}
    # Each citizen's receipt names their own request.
    by_name = {r.full_name: r.tracking_code for r in requests}
    for number, (_status, location) in receipts.items():
        assert location.endswith(f"/{by_name[f'Người gửi số {number}']}/")
    assert RequestEvent.objects.filter(action="submit").count() == CITIZENS
    files = set(RequestAttachment.objects.values_list("file", flat=True))
    assert len(files) == CITIZENS


# --- a database error in the middle of a step -----------------------------------------------


def _fail_on_event_insert(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "event_pkey"')

    monkeypatch.setattr(RequestEvent, "save", refuse)


def _fail_on_mail_to_requester(monkeypatch):
    # The last write of a step: the request and its event are already in the transaction.
    def lost(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(OutboxMessage, "save", lost)


FAILURES = {"event-insert": _fail_on_event_insert, "outbox-mail": _fail_on_mail_to_requester}

STEPS = {
    "accept": {"complexity": "complex", "valid_on": datetime.date(2025, 9, 8)},
    "refuse": {"grounds": [{"code": "a17_already_public"}], "reason": "Đã công khai trên cổng."},
}


@pytest.fixture
def monday(time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 8, 9, 0, tzinfo=datetime.UTC))


def _state(req) -> dict:
    """Everything a step may write, as the database holds it."""
    return {
        "request": InformationRequest.objects.filter(pk=req.pk).values().get(),
        "events": list(RequestEvent.objects.filter(request=req).values()),
        "refusals": list(RequestRefusal.objects.filter(request=req).values()),
        "mails": list(OutboxMessage.objects.values_list("key", flat=True)),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
@pytest.mark.parametrize(("step", "params"), STEPS.items(), ids=STEPS.keys())
def test_a_database_error_during_a_step_leaves_the_request_as_it_was(
    agency_a, officer_a, monday, monkeypatch, failure, step, params
):
    req = factories.make_request(agency_a)
    before = _state(req)
    failure(monkeypatch)

    with pytest.raises(DatabaseError):
        workflow.transition(req, step, actor=officer_a, expected_version=req.version, **params)

    assert _state(req) == before
    assert before["request"]["status"] == InformationRequest.Status.RECEIVED
    assert before["request"]["due_on"] is None and before["refusals"] == []


def _accept_in_the_admin(client, req):
    url = reverse("admin:requests_app_informationrequest_transition", args=[req.pk, "accept"])
    return client.post(
        url, {"version": req.version, "complexity": "complex", "valid_on": "08/09/2025"}
    )


DATABASE_ERROR_MESSAGE = "Không lưu được bước này do lỗi cơ sở dữ liệu; yêu cầu vẫn giữ nguyên"


@pytest.mark.django_db
@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_the_officer_is_told_of_a_database_error_and_can_take_the_step_again(
    client, agency_a, officer_a, monday, monkeypatch, failure
):
    req = factories.make_request(agency_a)
    client.force_login(officer_a)
    before = _state(req)

    with monkeypatch.context() as patched:
        failure(patched)
        refused = _accept_in_the_admin(client, req)

    assert refused.status_code == 200  # the step's page again, not a server error
    assert DATABASE_ERROR_MESSAGE in refused.content.decode()
    assert _state(req) == before
    # Nothing was half-written, not even the version: the same page, sent again, goes through.
    assert _accept_in_the_admin(client, req).status_code == 302
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.VALID
    assert req.due_on == datetime.date(2025, 9, 29)


@pytest.mark.django_db
def test_a_failing_trigger_in_postgresql_rolls_the_whole_step_back(
    client, agency_a, officer_a, monday
):
    needs(uses_postgresql(), "a real database error from a trigger needs PostgreSQL")
    req = factories.make_request(agency_a)
    client.force_login(officer_a)
    before = _state(req)
    with connection.cursor() as cursor:
        # The test's transaction rolls the trigger back with everything else.
        cursor.execute(
            "CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_event BEFORE INSERT ON requests_app_requestevent "
            "FOR EACH ROW EXECUTE FUNCTION refuse_event()"
        )

    refused = _accept_in_the_admin(client, req)

    assert refused.status_code == 200
    assert DATABASE_ERROR_MESSAGE in refused.content.decode()
    assert _state(req) == before
