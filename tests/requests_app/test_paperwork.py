"""Costs, payment, the register, complaints and anonymisation (issue 5's paperwork)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from requests_app import fees, privacy, workflow
from requests_app.models import Complaint, FeeItem, InformationRequest, Notice, Payment
from requests_app.tasks import anonymise_old_requests
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def september(time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 8, 9, 0, tzinfo=datetime.UTC))


@pytest.fixture
def officer(agency_a):
    return factories.OfficerFactory(agency=agency_a).user


@pytest.fixture
def handled(agency_a, officer):
    req = factories.make_request(agency_a, delivery_form="post")
    workflow.transition(req, "accept", actor=officer, complexity="complex")
    return req


def _photocopy():
    return FeeItem.objects.get(code="1.1")


@pytest.mark.parametrize("rate, expected", [(100, 30_000), (70, 21_000), (50, 15_000)])
def test_the_agencys_area_rate_applies_to_the_circular_46_table(handled, rate, expected):
    handled.agency.area_rate = rate
    handled.agency.save()

    line = fees.add_item(handled, _photocopy(), 10)

    assert line.amount == expected


def test_paper_size_multiplies_only_where_the_table_says(handled):
    assert fees.add_item(handled, _photocopy(), 1, size=4).amount == 12_000  # A2 = 4 × A4
    with pytest.raises(fees.FeeError):
        fees.add_item(handled, FeeItem.objects.get(code="3"), 1, size=2)  # audio: per minute


@pytest.mark.parametrize("quantity", [0, -3, 10**9, "5"])
def test_an_absurd_quantity_is_refused_and_nothing_is_added(handled, quantity):
    with pytest.raises(fees.FeeError):
        fees.add_item(handled, _photocopy(), quantity)

    assert not handled.fee_lines.exists()


def test_email_and_fax_carry_no_sending_cost(agency_a, officer):
    req = factories.make_request(agency_a, delivery_form="email")
    workflow.transition(req, "accept", actor=officer, complexity="simple")

    with pytest.raises(fees.FeeError, match="bưu chính"):
        fees.add_postage(req, 20_000)


def test_information_cannot_be_provided_while_its_costs_are_unpaid(handled, officer):
    fees.add_item(handled, _photocopy(), 10)

    with pytest.raises(workflow.WorkflowError, match="chưa được thanh toán"):
        workflow.transition(handled, "provide_full", actor=officer)
    handled.refresh_from_db()
    assert handled.status == InformationRequest.Status.VALID


def test_a_payment_is_recorded_once_and_must_match_the_notice(handled, officer):
    fees.add_item(handled, _photocopy(), 10)
    workflow.transition(handled, "ask_payment", actor=officer, payment_due_on=D(2025, 9, 12))

    with pytest.raises(workflow.WorkflowError, match="30000"):
        workflow.transition(
            handled, "payment_received", actor=officer, paid_amount=5, paid_on=D(2025, 9, 8)
        )
    workflow.transition(
        handled, "payment_received", actor=officer, paid_amount=30_000, paid_on=D(2025, 9, 8)
    )
    workflow.transition(handled, "provide_full", actor=officer)

    assert handled.status == InformationRequest.Status.PROVIDED_FULL
    assert handled.payment.amount == 30_000


def test_information_cannot_be_provided_in_part_while_its_costs_are_unpaid(handled, officer):
    fees.add_item(handled, _photocopy(), 10)

    with pytest.raises(workflow.WorkflowError, match="chưa được thanh toán"):
        workflow.transition(
            handled,
            "provide_partial",
            actor=officer,
            grounds=[{"code": "a17_already_public"}],
            reason="Một phần đã công khai.",
        )
    handled.refresh_from_db()
    assert handled.status == InformationRequest.Status.VALID
    assert not handled.refusals.exists()


def _paid(handled, officer):
    fees.add_item(handled, _photocopy(), 10)
    workflow.transition(handled, "ask_payment", actor=officer, payment_due_on=D(2025, 9, 12))
    workflow.transition(
        handled, "payment_received", actor=officer, paid_amount=30_000, paid_on=D(2025, 9, 8)
    )


def test_a_payment_recorded_twice_is_refused_and_changes_nothing(client, handled, officer):
    _paid(handled, officer)
    events = handled.events.count()

    with pytest.raises(workflow.WorkflowError, match="Ghi nhận đã thanh toán"):
        workflow.transition(
            handled, "payment_received", actor=officer, paid_amount=30_000, paid_on=D(2025, 9, 8)
        )
    client.force_login(officer)
    url = reverse(
        "admin:requests_app_informationrequest_transition", args=[handled.pk, "payment_received"]
    )
    page = client.post(
        url,
        {"version": handled.version, "paid_amount": "30000", "paid_on": "08/09/2025"},
        follow=True,
    )

    assert "Không thể thực hiện thao tác này lúc này" in page.content.decode()
    assert Payment.objects.filter(request=handled).count() == 1
    assert handled.events.count() == events


def test_costs_cannot_change_once_paid_so_nothing_is_provided_unpaid(client, handled, officer):
    _paid(handled, officer)
    client.force_login(officer)
    url = reverse("admin:requests_app_informationrequest_costs", args=[handled.pk])

    with pytest.raises(fees.FeeError, match="đã được thanh toán"):
        fees.add_item(handled, FeeItem.objects.get(code="1.2"), 100)
    page = client.post(
        url, {"_add_item": "1", "item": _photocopy().pk, "quantity": "100", "size": "1"}
    )
    client.post(url, {"_remove": handled.fee_lines.get().pk})

    assert "đã được thanh toán" in page.content.decode()
    assert [line.amount for line in handled.fee_lines.all()] == [30_000]
    workflow.transition(handled, "provide_full", actor=officer)
    assert fees.total(handled) == handled.payment.amount == 30_000


@pytest.mark.parametrize("value", ["abc", "999999", ""])
def test_removing_a_cost_line_that_is_not_there_changes_nothing(client, officer, handled, value):
    line = fees.add_item(handled, _photocopy(), 4)
    client.force_login(officer)
    url = reverse("admin:requests_app_informationrequest_costs", args=[handled.pk])

    response = client.post(url, {"_remove": value})

    assert response.status_code == 302
    assert list(handled.fee_lines.all()) == [line]


def test_the_costs_page_adds_and_removes_lines(client, officer, handled):
    client.force_login(officer)
    url = reverse("admin:requests_app_informationrequest_costs", args=[handled.pk])

    client.post(url, {"_add_item": "1", "item": _photocopy().pk, "quantity": "4", "size": "1"})
    bad = client.post(
        url, {"_add_item": "1", "item": _photocopy().pk, "quantity": "-1", "size": "1"}
    )
    client.post(url, {"_add_postage": "1", "postage": "25000"})

    assert bad.status_code == 200
    assert [line.amount for line in handled.fee_lines.all()] == [12_000, 25_000]
    client.post(url, {"_remove": handled.fee_lines.first().pk})
    assert handled.fee_lines.count() == 1


def test_the_register_lists_the_period_as_a_spreadsheet(client, officer, agency_a, time_machine):
    first = factories.make_request(agency_a)
    time_machine.move_to(datetime.datetime(2025, 10, 20, 9, 0, tzinfo=datetime.UTC))
    factories.make_request(agency_a)  # outside the period
    client.force_login(officer)

    response = client.get(
        reverse("admin:requests_app_informationrequest_register"),
        {"agency": agency_a.pk, "start": "01/09/2025", "end": "30/09/2025", "file_format": "xlsx"},
    )

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Mã tra cứu", "Ngày tiếp nhận")
    assert [row[1] for row in rows[1:]] == [first.tracking_code]
    assert rows[1][3] == "Trần Văn Bình"


def test_the_register_lists_the_period_as_csv(client, officer, agency_a):
    listed = factories.make_request(agency_a, full_name="Đỗ Thị Ưng Ánh")
    client.force_login(officer)

    response = client.get(
        reverse("admin:requests_app_informationrequest_register"),
        {"agency": agency_a.pk, "start": "01/09/2025", "end": "30/09/2025", "file_format": "csv"},
    )

    assert response["Content-Disposition"].endswith('-20250901-20250930.csv"')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["STT", "Mã tra cứu", "Ngày tiếp nhận"]
    assert [row[:4] for row in rows[1:]] == [
        ["1", listed.tracking_code, "08/09/2025", "Đỗ Thị Ưng Ánh"]
    ]


def test_a_register_period_that_ends_before_it_starts_is_explained(client, officer, agency_a):
    client.force_login(officer)

    response = client.get(
        reverse("admin:requests_app_informationrequest_register"),
        {"agency": agency_a.pk, "start": "30/09/2025", "end": "01/09/2025", "file_format": "csv"},
    )

    assert response.status_code == 200
    assert "kết thúc" in response.content.decode()


def test_an_officer_gets_no_register_of_another_agency(client, officer, agency_b):
    client.force_login(officer)

    response = client.get(
        reverse("admin:requests_app_informationrequest_register"),
        {"agency": agency_b.pk, "start": "01/09/2025", "end": "30/09/2025", "file_format": "csv"},
    )

    assert response.status_code == 200  # the form refuses the choice
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_a_citizen_sends_a_complaint_from_the_agencys_page(client, agency_a):
    req = factories.make_request(agency_a)
    url = reverse("requests_app:complaint", args=[agency_a.slug])

    empty = client.post(
        url,
        {
            "kind": "complaint",
            "full_name": "Trần Văn Bình",
            "content": " ",
            "email": "b@example.com",
        },
    )
    sent = client.post(
        url,
        {
            "kind": "complaint",
            "full_name": "Trần Văn Bình",
            "email": "b@example.com",
            "content": "Quá hạn 15 ngày mà chưa nhận được thông tin.",
            "tracking_code": req.tracking_code,
        },
    )

    assert empty.status_code == 400
    assert sent.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.request == req
    assert client.get(agency_a.get_absolute_url()).content.decode().count(url) == 1


def test_with_redis_down_a_complaint_is_still_received(client, agency_a):
    from django.test import override_settings

    from tests.requests_app.test_public_form import REDIS_DOWN

    with override_settings(CACHES=REDIS_DOWN):
        sent = client.post(
            reverse("requests_app:complaint", args=[agency_a.slug]),
            {
                "kind": "feedback",
                "full_name": "Lê Thị C",
                "email": "c@example.com",
                "content": "Trang web khó tìm.",
            },
        )

    assert sent.status_code == 200
    assert Complaint.objects.get().content == "Trang web khó tìm."


def test_officers_answer_complaints_and_the_sender_is_told(
    client, officer, agency_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    complaint = Complaint.objects.create(
        agency=agency_a,
        kind="feedback",
        full_name="Lê Thị C",
        email="c@example.com",
        content="Trang web khó tìm.",
    )
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:requests_app_complaint_change", args=[complaint.pk]),
            {"answer": "Cảm ơn góp ý."},
        )

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ANSWERED
    assert mail.outbox[0].to == ["c@example.com"]


def test_personal_data_is_anonymised_on_schedule_and_statistics_survive(
    agency_a, officer, time_machine, settings
):
    settings.PORTAL_ANONYMISE_AFTER_YEARS = 5
    req = factories.make_request(
        agency_a,
        needs_assistance=True,
        requester_kind="foreigner",
        nationality="Hàn Quốc",
        own_rights_link="Giấy phép lao động",
    )
    workflow.transition(req, "accept", actor=officer, complexity="simple")
    workflow.transition(
        req,
        "refuse",
        actor=officer,
        grounds=[{"code": "a17_already_public"}],
        reason="Đã công khai tại cổng.",
    )
    workflow.transition(req, "close", actor=officer)
    factories.make_request(agency_a)  # still open: never anonymised

    time_machine.move_to(datetime.datetime(2030, 9, 7, 9, 0, tzinfo=datetime.UTC))
    assert anonymise_old_requests.delay().get() == 0  # one day short of five years
    time_machine.move_to(datetime.datetime(2030, 9, 9, 9, 0, tzinfo=datetime.UTC))
    assert anonymise_old_requests.delay().get() == 1
    assert anonymise_old_requests.delay().get() == 0

    req.refresh_from_db()
    assert (req.full_name, req.id_number, req.address, req.email, req.nationality) == (
        "—",
        "",
        "",
        "",
        "",
    )
    assert not req.events.exclude(note="").exists()
    # What the yearly statistics count is still there.
    assert (req.status, req.channel, req.requester_kind, req.needs_assistance) == (
        "closed",
        "online",
        "foreigner",
        True,
    )
    assert list(req.refusals.values_list("code", flat=True)) == ["a17_already_public"]
    assert req.valid_on == D(2025, 9, 8) and req.answered_at is not None


def test_anonymising_removes_files_and_notice_pdfs_but_keeps_their_numbers(agency_a, officer):
    from requests_app.models import RequestAttachment

    req = factories.make_request(agency_a)
    attachment = RequestAttachment.objects.create(
        request=req, kind="consent", file=factories.pdf_file()
    )
    Notice.objects.create(
        agency=agency_a,
        request=req,
        kind="02",
        year=2025,
        number=7,
        symbol="TB-X",
        issued_on=D(2025, 9, 8),
        place_name="Rạch Giá",
        signer_title="GĐ",
        signer_name="A",
        pdf=factories.pdf_file("n.pdf"),
    )
    path = attachment.file.path

    privacy.anonymise(req)

    import os

    assert not os.path.exists(path)
    assert not req.attachments.exists()
    notice = Notice.objects.get()
    assert notice.number == 7 and not notice.pdf


def test_the_requester_is_emailed_once_at_each_public_step(
    agency_a, officer, django_capture_on_commit_callbacks
):
    from django.core import mail

    from portal.tasks import flush_outbox

    S = InformationRequest.Status
    with django_capture_on_commit_callbacks(execute=True):
        req = factories.make_request(agency_a, delivery_form="post", email="binh@example.com")
    steps = [
        ("accept", {"complexity": "simple"}),
        ("ask_payment", {"payment_due_on": D(2025, 9, 12)}),
        ("payment_received", {"paid_amount": 30_000, "paid_on": D(2025, 9, 8)}),  # internal
        ("provide_full", {}),
        ("close", {}),  # internal
    ]
    for name, params in steps:
        if name == "ask_payment":
            fees.add_item(req, _photocopy(), 10)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.transition(req, name, actor=officer, **params)
    flush_outbox.delay().get()  # what beat runs every minute sends nothing again

    assert all(m.to == ["binh@example.com"] for m in mail.outbox)
    assert all(req.tracking_code in m.subject for m in mail.outbox)
    statuses = [S.RECEIVED, S.VALID, S.AWAITING_PAYMENT, S.PROVIDED_FULL]
    assert [m.subject.rsplit(": ", 1)[1] for m in mail.outbox] == [str(s.label) for s in statuses]
    assert "30000 đồng" in mail.outbox[2].body and "12/09/2025" in mail.outbox[2].body


def test_anonymising_clears_the_mails_and_complaints_of_the_request(
    agency_a, officer, django_capture_on_commit_callbacks
):
    from portal.models import OutboxMessage
    from requests_app import complaints

    with django_capture_on_commit_callbacks(execute=True):
        req = factories.make_request(agency_a, full_name="Đỗ Thị Ưng Ánh", email="anh@example.com")
        complaint = Complaint.objects.create(
            agency=agency_a,
            request=req,
            kind="complaint",
            full_name="Đỗ Thị Ưng Ánh",
            email="anh@example.com",
            phone="0912345678",
            content="Chưa nhận được phiếu.",
        )
        complaints.answer(complaint, "Kính gửi bà Đỗ Thị Ưng Ánh: đã gửi lại.", actor=officer)
    assert OutboxMessage.objects.count() == 2

    privacy.anonymise(req)

    for message in OutboxMessage.objects.all():
        assert message.to == [] and "Ánh" not in message.body, message.key
    complaint.refresh_from_db()
    assert (complaint.full_name, complaint.email, complaint.phone) == ("—", "", "")
    assert complaint.kind == "complaint"  # still counted in the statistics
