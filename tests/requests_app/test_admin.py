"""Officers handle their own agency's requests in the admin; personal data stays there."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app.models import InformationRequest, RequestAttachment, ResponseFile
from tests import factories
from tests.history import play

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def monday(time_machine):
    time_machine.move_to(datetime.datetime(2025, 9, 8, 9, 0, tzinfo=datetime.UTC))


@pytest.fixture
def b_request(agency_b):
    req = factories.make_request(agency_b, full_name="Võ Thị Riêng Tư", id_number="079999888777")
    RequestAttachment.objects.create(
        request=req, kind="consent", file=factories.pdf_file("dong-y.pdf")
    )
    ResponseFile.objects.create(request=req, title="Kết quả", file=factories.pdf_file())
    return req


def test_officer_lists_only_their_agencys_requests(client, officer_a, agency_a, b_request):
    own = factories.make_request(agency_a)
    client.force_login(officer_a)

    response = client.get(reverse("admin:requests_app_informationrequest_changelist"))

    assert [r.pk for r in response.context["cl"].result_list] == [own.pk]
    assert "Võ Thị Riêng Tư" not in response.content.decode()


@pytest.mark.parametrize("action", ["change", "history"])
def test_officer_gets_404_on_another_agencys_request(client, officer_a, b_request, action):
    client.force_login(officer_a)

    url = reverse(f"admin:requests_app_informationrequest_{action}", args=[b_request.pk])

    assert client.get(url).status_code == 404


def test_officer_cannot_move_another_agencys_request(client, officer_a, b_request):
    client.force_login(officer_a)
    url = reverse(
        "admin:requests_app_informationrequest_transition", args=[b_request.pk, "withdraw"]
    )

    response = client.post(url, {"version": b_request.version})

    assert response.status_code == 404
    b_request.refresh_from_db()
    assert b_request.status == InformationRequest.Status.RECEIVED


def test_officer_cannot_see_another_agencys_events_or_files(client, officer_a, b_request):
    client.force_login(officer_a)

    events = client.get(reverse("admin:requests_app_requestevent_changelist"))
    attachment = client.get(
        reverse("admin:requests_app_attachment_download", args=[b_request.attachments.get().pk])
    )
    response_file = client.get(
        reverse(
            "admin:requests_app_responsefile_download", args=[b_request.response_files.get().pk]
        )
    )

    assert events.context["cl"].result_count == 0
    assert attachment.status_code == response_file.status_code == 404


def test_staff_without_the_officers_permissions_cannot_download_their_agencys_files(
    client, agency_b, b_request
):
    from requests_app import notices

    notice = notices.issue(b_request, "02", actor=None, signer_title="GĐ", signer_name="Lê Văn Ký")
    no_group = factories.OfficerFactory(agency=agency_b, user__groups=[]).user
    client.force_login(no_group)

    responses = [
        client.get(reverse("admin:requests_app_notice_download", args=[notice.pk])),
        client.get(
            reverse("admin:requests_app_attachment_download", args=[b_request.attachments.get().pk])
        ),
        client.get(
            reverse(
                "admin:requests_app_responsefile_download", args=[b_request.response_files.get().pk]
            )
        ),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]


def test_department_of_justice_sees_no_requester_data(client, doj_user, b_request):
    client.force_login(doj_user)

    responses = [
        client.get(reverse("admin:requests_app_informationrequest_changelist")),
        client.get(reverse("admin:requests_app_informationrequest_change", args=[b_request.pk])),
        client.get(reverse("admin:requests_app_requestevent_changelist")),
        client.get(
            reverse("admin:requests_app_attachment_download", args=[b_request.attachments.get().pk])
        ),
        client.get(reverse("admin:index")),
    ]

    assert all(r.status_code in (403, 404) for r in responses[:4])
    index = responses[4].content.decode()
    assert "Võ Thị Riêng Tư" not in index
    assert reverse("admin:app_list", args=["requests_app"]) not in index


def test_the_admin_search_of_another_agency_finds_nothing(client, officer_a, b_request):
    client.force_login(officer_a)

    response = client.get(
        reverse("admin:requests_app_informationrequest_changelist"), {"q": "Riêng Tư"}
    )

    assert response.context["cl"].result_count == 0


def test_officer_enters_a_request_received_by_post_for_someone_who_cannot_write(
    client, officer_a, agency_a
):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:requests_app_informationrequest_add"),
        factories.request_received_by_post(written_for_requester="on"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    req = InformationRequest.objects.get()
    assert req.agency == agency_a
    assert req.channel == "post"
    assert req.entered_by == officer_a
    assert req.status == InformationRequest.Status.RECEIVED
    assert req.events.get().actor == officer_a


def test_the_status_cannot_be_edited_in_the_change_form(client, officer_a, agency_a):
    req = factories.make_request(agency_a)
    client.force_login(officer_a)
    url = reverse("admin:requests_app_informationrequest_change", args=[req.pk])

    form = client.get(url).context["adminform"].form

    assert "status" not in form.fields
    assert "due_on" not in form.fields


def test_a_transition_through_the_admin_page(client, officer_a, agency_a):
    req = factories.make_request(agency_a)
    client.force_login(officer_a)
    url = reverse("admin:requests_app_informationrequest_transition", args=[req.pk, "accept"])

    response = client.post(
        url, {"version": req.version, "complexity": "complex", "valid_on": "08/09/2025"}
    )

    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.VALID
    assert req.due_on == datetime.date(2025, 9, 29)
    assert req.events.last().actor == officer_a


def test_two_officers_editing_at_once_the_second_is_told(client, officer_a, agency_a):
    req = factories.make_request(agency_a)
    client.force_login(officer_a)
    stale = req.version
    accept = reverse("admin:requests_app_informationrequest_transition", args=[req.pk, "accept"])
    supplement = reverse(
        "admin:requests_app_informationrequest_transition", args=[req.pk, "request_supplement"]
    )

    client.post(accept, {"version": stale, "complexity": "simple", "valid_on": "08/09/2025"})
    second = client.post(supplement, {"version": stale, "note": "Thiếu địa chỉ."})

    assert second.status_code == 302  # not possible any more from "valid": back to the request
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.VALID


def test_a_stale_form_of_the_same_transition_is_refused(client, officer_a, agency_a):
    req = factories.make_request(agency_a)
    client.force_login(officer_a)
    url = reverse(
        "admin:requests_app_informationrequest_transition", args=[req.pk, "request_supplement"]
    )
    stale = req.version
    client.post(url, {"version": stale, "note": "Thiếu số CCCD."})
    client.post(
        reverse(
            "admin:requests_app_informationrequest_transition", args=[req.pk, "supplement_received"]
        ),
        {"version": stale + 1},
    )

    response = client.post(url, {"version": stale, "note": "Lần nữa."})

    assert response.status_code == 200
    assert "Người khác vừa thay đổi" in response.content.decode()


def test_overdue_requests_stand_out_and_filter(client, officer_a, agency_a, time_machine):
    late = factories.make_request(agency_a)
    from requests_app import workflow

    workflow.transition(late, "accept", actor=officer_a, complexity="simple")
    factories.make_request(agency_a)
    time_machine.move_to(datetime.datetime(2025, 9, 20, 9, 0, tzinfo=datetime.UTC))
    client.force_login(officer_a)

    listing = client.get(reverse("admin:requests_app_informationrequest_changelist"))
    overdue = client.get(
        reverse("admin:requests_app_informationrequest_changelist"), {"due": "overdue"}
    )

    assert 'class="overdue"' in listing.content.decode()
    assert [r.pk for r in overdue.context["cl"].result_list] == [late.pk]


def test_only_superusers_edit_rule_sets(client, officer_a, doj_user, superuser):
    for user, expected in ((officer_a, 403), (doj_user, 403), (superuser, 200)):
        client.force_login(user)
        assert (
            client.get(reverse("admin:requests_app_legalruleset_changelist")).status_code
            == expected
        )


def test_requests_from_people_needing_assistance_come_first(client, officer_a, agency_a):
    factories.make_request(agency_a, full_name="Người thứ nhất")
    assisted = factories.make_request(agency_a, full_name="Người khiếm thị", needs_assistance=True)
    client.force_login(officer_a)

    listing = client.get(reverse("admin:requests_app_informationrequest_changelist"))

    assert listing.context["cl"].result_list[0].pk == assisted.pk


def test_saving_a_rule_set_in_the_admin_records_a_revision(client, superuser):
    from requests_app.models import LegalRuleSet

    client.force_login(superuser)
    response = client.post(
        reverse("admin:requests_app_legalruleset_add"),
        {
            "name": "Luật Tiếp cận thông tin (sửa đổi) 2026",
            "law_reference": "Chưa xác nhận số hiệu",
            "effective_from": "01/09/2026",
            "time_limits-TOTAL_FORMS": "1",
            "time_limits-INITIAL_FORMS": "0",
            "time_limits-0-limit_group": "electronic",
            "time_limits-0-complexity": "simple",
            "time_limits-0-provide_days": "3",
            "time_limits-0-provide_unit": "working",
            "time_limits-0-extension_days": "0",
            "time_limits-0-extension_unit": "working",
            "refusal_grounds-TOTAL_FORMS": "0",
            "refusal_grounds-INITIAL_FORMS": "0",
            "revisions-TOTAL_FORMS": "0",
            "revisions-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    rule_set = LegalRuleSet.objects.get(effective_from="2026-09-01")
    revision = rule_set.revisions.get()
    assert revision.saved_by == superuser
    assert revision.data["time_limits"][0]["provide_days"] == 3


def test_what_a_citizen_sent_online_cannot_be_rewritten_by_an_officer(client, officer_a, agency_a):
    req = factories.make_request(agency_a, information="Kế hoạch sử dụng đất 2026")
    client.force_login(officer_a)

    url = reverse("admin:requests_app_informationrequest_change", args=[req.pk])
    form = client.get(url).context["adminform"].form

    assert "information" not in form.fields
    assert "full_name" not in form.fields
    assert "assigned_to" in form.fields


@pytest.mark.parametrize(
    ("day", "message"), [("01/01/2000", "bộ quy tắc"), ("01/01/2030", "tương lai")]
)
def test_an_impossible_date_received_is_explained(client, officer_a, day, message):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:requests_app_informationrequest_add"),
        {"channel": "post", "received_at_0": day, "received_at_1": "10:00"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_the_assigned_filter_ignores_odd_values(client, officer_a):
    client.force_login(officer_a)

    response = client.get(
        reverse("admin:requests_app_informationrequest_changelist"), {"assigned": "²"}
    )

    assert response.status_code == 200


def test_a_request_sent_with_the_online_form_is_handled_step_by_step_in_the_admin(
    client, officer_a, agency_a
):
    from django.core.cache import cache
    from django.test import Client

    from requests_app import fees
    from requests_app.models import FeeItem
    from tests.requests_app.test_public_form import _form

    cache.clear()  # the per-address limit on submissions, whatever ran before
    assert Client().post(reverse("requests_app:submit"), _form(agency_a)).status_code == 302
    req = InformationRequest.objects.get()
    client.force_login(officer_a)
    steps = [
        ("request_supplement", {"note": "Bổ sung số văn bản."}, "needs_supplement"),
        ("supplement_received", {}, "received"),
        ("accept", {"complexity": "complex", "valid_on": "08/09/2025"}, "valid"),
        ("ask_consent", {"note": "Cần văn bản đồng ý."}, "awaiting_consent"),
        ("consent_received", {}, "valid"),
        ("ask_payment", {"payment_due_on": "12/09/2025"}, "awaiting_payment"),
        ("payment_received", {"paid_amount": "30000", "paid_on": "08/09/2025"}, "valid"),
        ("extend", {"extension_reason": "Cần ý kiến của Sở Xây dựng."}, "extended"),
        (
            "provide_partial",
            {
                "grounds": ["a6_not_accessible"],
                "art6_subtype": "internal_meeting",
                "reason": "Biên bản họp nội bộ.",
            },
            "provided_partial",
        ),
        ("close", {}, "closed"),
    ]
    for name, data, expected in steps:
        if name == "ask_payment":
            fees.add_item(req, FeeItem.objects.get(code="1.1"), 10)
        req.refresh_from_db()
        url = reverse("admin:requests_app_informationrequest_transition", args=[req.pk, name])

        response = client.post(url, {"version": req.version, **data})

        assert response.status_code == 302, (name, response.content.decode()[:3000])
        req.refresh_from_db()
        assert req.status == expected, name

    events = list(req.events.order_by("at", "pk"))
    assert [(e.action, e.from_status, e.to_status) for e in events] == [
        ("submit", "", "received"),
        *(
            (name, before, after)
            for (name, _d, after), before in zip(
                steps, ["received", *(s[2] for s in steps[:-1])], strict=True
            )
        ),
    ]
    assert events[0].actor is None  # the citizen
    assert {e.actor for e in events[1:]} == {officer_a}
    assert req.due_on == datetime.date(2025, 9, 29)
    assert req.extended_due_on == datetime.date(2025, 10, 14)


def _request_urls(req):
    return [
        ("get", reverse("admin:requests_app_informationrequest_change", args=[req.pk])),
        ("get", reverse("admin:requests_app_informationrequest_history", args=[req.pk])),
        ("get", reverse("admin:requests_app_informationrequest_delete", args=[req.pk])),
        (
            "get",
            reverse("admin:requests_app_informationrequest_transition", args=[req.pk, "accept"]),
        ),
        ("get", reverse("admin:requests_app_informationrequest_costs", args=[req.pk])),
        ("post", reverse("admin:requests_app_informationrequest_notice", args=[req.pk, "02"])),
        ("get", reverse("admin:requests_app_notice_download", args=[req.notices.get().pk])),
        ("get", reverse("admin:requests_app_attachment_download", args=[req.attachments.get().pk])),
        (
            "get",
            reverse("admin:requests_app_responsefile_download", args=[req.response_files.get().pk]),
        ),
        ("get", reverse("admin:requests_app_requestevent_change", args=[req.events.first().pk])),
    ]


@pytest.mark.parametrize("who", ["officer of another agency", "Department of Justice"])
def test_no_page_of_another_agencys_request_opens(client, officer_a, doj_user, b_request, who):
    from requests_app import notices
    from requests_app.models import Notice

    notices.issue(b_request, "02", actor=None, signer_title="GIÁM ĐỐC", signer_name="Lê Văn Ký")
    client.force_login(officer_a if who.startswith("officer") else doj_user)
    before = (b_request.status, b_request.version, Notice.objects.count())

    for method, url in _request_urls(b_request):
        response = getattr(client, method)(url)
        assert response.status_code in (403, 404), url
        assert "Võ Thị Riêng Tư" not in response.content.decode(errors="replace"), url

    b_request.refresh_from_db()
    assert (b_request.status, b_request.version, Notice.objects.count()) == before


def test_the_handling_agencys_officer_opens_each_page_of_the_request(client, b_request, agency_b):
    from requests_app import notices

    notices.issue(b_request, "02", actor=None, signer_title="GIÁM ĐỐC", signer_name="Lê Văn Ký")
    client.force_login(factories.OfficerFactory(agency=agency_b).user)

    for method, url in _request_urls(b_request):
        if method == "get" and "/delete/" not in url:  # requests are never deleted
            assert client.get(url).status_code == 200, url
    change = client.get(_request_urls(b_request)[0][1]).content.decode()
    assert "Võ Thị Riêng Tư" in change
    assert "Luật Tiếp cận thông tin 2016" in change  # the rule set the request runs under


def test_the_list_filters_on_due_soon_status_channel_and_officer(
    client, officer_a, agency_a, time_machine
):
    from requests_app import workflow

    other = factories.OfficerFactory(agency=agency_a).user
    soon = factories.make_request(agency_a, assigned_to=other)
    workflow.transition(soon, "accept", actor=officer_a, complexity="simple")  # due Thu 11/9
    later = factories.make_request(agency_a, channel="post")
    workflow.transition(later, "accept", actor=officer_a, complexity="complex")  # due 29/9
    waiting = factories.make_request(agency_a)  # no clock yet
    time_machine.move_to(datetime.datetime(2025, 9, 9, 9, 0, tzinfo=datetime.UTC))
    client.force_login(officer_a)
    url = reverse("admin:requests_app_informationrequest_changelist")

    def listed(**query):
        return {r.pk for r in client.get(url, query).context["cl"].result_list}

    assert listed(due="soon") == {soon.pk}
    assert listed(status="received") == {waiting.pk}
    assert listed(channel="post") == {later.pk}
    assert listed(assigned=str(other.pk)) == {soon.pk}
    assert listed(assigned="none") == {later.pk, waiting.pk}
    page = client.get(url).content.decode()
    assert "11/09/2025" in page and "29/09/2025" in page  # the due dates
    rows = {r.pk: r for r in client.get(url).context["cl"].result_list}
    from requests_app.admin import InformationRequestAdmin

    columns = InformationRequestAdmin(InformationRequest, None)
    assert columns.days_left(rows[soon.pk]) == 2
    assert columns.days_left(rows[later.pk]) == 14
    assert columns.days_left(rows[waiting.pk]) == "—"


def _change_form_data(page, **changes):
    """What the browser would send back from the change page, with ``changes``."""
    data = {}

    def keep(form):
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = "on" if value is True else value

    keep(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        keep(formset.management_form)
        for form in formset.forms:
            keep(form)
    data.update(changes)
    return data


def test_saving_the_change_form_never_undoes_a_step_taken_meanwhile(
    client, officer_a, agency_a, monkeypatch
):
    from requests_app import workflow
    from requests_app.admin import InformationRequestAdmin

    req = factories.make_request(agency_a)
    client.force_login(officer_a)
    url = reverse("admin:requests_app_informationrequest_change", args=[req.pk])
    data = _change_form_data(client.get(url), assigned_to=officer_a.pk)
    save_form = InformationRequestAdmin.save_form

    def colleague_accepts_meanwhile(self, request, form, change):
        colleague = factories.OfficerFactory(agency=agency_a).user
        workflow.transition(req, "accept", actor=colleague, complexity="simple")
        return save_form(self, request, form, change)

    monkeypatch.setattr(InformationRequestAdmin, "save_form", colleague_accepts_meanwhile)

    assert client.post(url, data).status_code == 302
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.VALID  # as the event log says
    assert req.events.last().to_status == InformationRequest.Status.VALID
    assert req.due_on == datetime.date(2025, 9, 11)
    assert req.assigned_to == officer_a


def test_a_change_form_left_open_while_the_request_changed_is_refused(client, officer_a, agency_a):
    from requests_app import workflow

    req = factories.make_request(agency_a)
    colleague = factories.OfficerFactory(agency=agency_a).user
    client.force_login(officer_a)
    url = reverse("admin:requests_app_informationrequest_change", args=[req.pk])
    page = client.get(url)
    assert f'name="seen_version" value="{req.version}"' in page.content.decode()
    mine = _change_form_data(page, assigned_to=officer_a.pk)
    theirs = _change_form_data(client.get(url), assigned_to=colleague.pk)

    assert client.post(url, theirs).status_code == 302
    stale = client.post(url, mine)
    workflow.transition(req, "accept", actor=colleague, complexity="simple")
    fresh = _change_form_data(client.get(url), assigned_to=officer_a.pk)
    workflow.transition(req, "provide_full", actor=colleague)
    after_a_step = client.post(url, fresh)

    for response in (stale, after_a_step):
        assert response.status_code == 200
        assert "Người khác vừa thay đổi" in response.content.decode()
    req.refresh_from_db()
    assert req.assigned_to == colleague
    assert req.status == InformationRequest.Status.PROVIDED_FULL


def test_the_request_list_runs_the_same_queries_for_few_and_many_requests(
    client, officer_a, agency_a
):
    def accepted_on(day):  # running, due a few days later: some overdue for over a year
        steps = [("accept", day, {"complexity": "simple"})]
        play(agency_a, officer_a, received=day, steps=steps)

    url = reverse("admin:requests_app_informationrequest_changelist")
    client.force_login(officer_a)
    for offset in range(5):
        accepted_on(datetime.date(2024, 3, 4) + datetime.timedelta(weeks=offset * 7))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for offset in range(40):
        accepted_on(datetime.date(2023, 1, 2) + datetime.timedelta(weeks=offset * 3))
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)

    assert page.content.decode().count('class="field-tracking_code"') == 45
    assert len(many) == len(few)
