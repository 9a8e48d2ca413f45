"""An officer of agency A gets nothing of agency B anywhere in the admin (DESIGN §1)."""

import json

import pytest
from django.urls import reverse

from agencies.models import FocalPoint
from agencies.services import publish_regulation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_records(agency_b):
    focal = factories.FocalPointFactory(agency=agency_b, name="Bộ phận Một cửa Phú Quốc")
    regulation = factories.InternalRegulationFactory(agency=agency_b, title="Quy chế của Phú Quốc")
    return {"agency": agency_b, "focalpoint": focal, "internalregulation": regulation}


def _admin_url(model, action, obj):
    return reverse(f"admin:agencies_{model}_{action}", args=[obj.pk])


@pytest.mark.parametrize("model", ["agency", "focalpoint", "internalregulation"])
def test_officer_list_shows_only_own_agency(client, officer_a, agency_a, b_records, model):
    factories.FocalPointFactory(agency=agency_a, name="Văn phòng Sở Tài chính")
    factories.InternalRegulationFactory(agency=agency_a, title="Quy chế của Sở Tài chính")
    client.force_login(officer_a)

    response = client.get(reverse(f"admin:agencies_{model}_changelist"))

    assert response.status_code == 200
    assert str(b_records[model]) not in response.content.decode()
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("model", ["agency", "focalpoint", "internalregulation"])
@pytest.mark.parametrize("action", ["change", "history", "delete"])
def test_officer_cannot_open_another_agencys_record(client, officer_a, b_records, model, action):
    client.force_login(officer_a)

    response = client.get(_admin_url(model, action, b_records[model]))

    assert response.status_code == 404


def test_officer_cannot_post_changes_to_another_agencys_focal_point(client, officer_a, b_records):
    focal = b_records["focalpoint"]
    client.force_login(officer_a)

    response = client.post(
        _admin_url("focalpoint", "change", focal),
        {"arrangement": "unit", "name": "Bị sửa trái phép", "phone": "1", "is_active": "on"},
    )

    assert response.status_code == 404
    focal.refresh_from_db()
    assert focal.name == "Bộ phận Một cửa Phú Quốc"


def test_officer_cannot_download_another_agencys_regulation_file(client, officer_a, b_records):
    client.force_login(officer_a)

    response = client.get(
        reverse("admin:agencies_internalregulation_file", args=[b_records["internalregulation"].pk])
    )

    assert response.status_code == 404


def test_officer_downloads_own_draft_regulation_file(client, officer_a, agency_a):
    regulation = factories.InternalRegulationFactory(agency=agency_a)
    client.force_login(officer_a)

    response = client.get(reverse("admin:agencies_internalregulation_file", args=[regulation.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_autocomplete_offers_only_own_agency(client, officer_a, agency_a, b_records):
    client.force_login(officer_a)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "agencies",
            "model_name": "internalregulation",
            "field_name": "agency",
            "term": "",
        },
    )

    assert response.status_code == 200
    names = [item["text"] for item in json.loads(response.content)["results"]]
    assert names == [agency_a.name]


def test_new_focal_point_lands_in_officers_agency_whatever_is_posted(
    client, officer_a, agency_a, agency_b
):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_focalpoint_add"),
        {
            "agency": agency_b.pk,
            "arrangement": "individual",
            "name": "Lê Văn Tâm",
            "phone": "0297 3 000 111",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    focal = FocalPoint.objects.get(name="Lê Văn Tâm")
    assert focal.agency == agency_a


def test_officer_edits_own_contacts_but_not_the_agency_identity(client, officer_a, agency_a):
    client.force_login(officer_a)
    url = _admin_url("agency", "change", agency_a)
    form = client.get(url).context["adminform"].form

    assert set(form.fields) == {
        "address",
        "phone",
        "fax",
        "email",
        "website",
        # what their notices print (Decree 30/2020)
        "superior_body",
        "document_code",
        "place_name",
        "signer_title",
        "signer_name",
        "payment_instructions",
    }

    response = client.post(
        url,
        {
            "name": "Tên bị đổi",
            "kind": "other",
            "address": "Số 5 đường Lê Lợi",
            "phone": "0297 3 999 999",
            "email": "vanphong@angiang.gov.vn",
            "focal_points-TOTAL_FORMS": "0",
            "focal_points-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    agency_a.refresh_from_db()
    assert agency_a.name == "Sở Tài chính"
    assert agency_a.kind == "department"
    assert agency_a.phone == "0297 3 999 999"


def test_officer_has_no_access_to_officer_accounts(client, officer_a):
    client.force_login(officer_a)

    assert client.get(reverse("admin:agencies_officer_changelist")).status_code == 403


def test_doj_staff_see_every_agency(client, doj_user, agency_a, b_records):
    client.force_login(doj_user)

    agencies = client.get(reverse("admin:agencies_agency_changelist"))
    regulation = client.get(
        _admin_url("internalregulation", "change", b_records["internalregulation"])
    )

    assert agencies.context["cl"].result_count == 2
    assert regulation.status_code == 200


def test_doj_staff_can_read_but_not_edit_an_agencys_regulation(client, doj_user, b_records):
    regulation = b_records["internalregulation"]
    client.force_login(doj_user)

    response = client.post(
        _admin_url("internalregulation", "change", regulation), {"title": "Sửa bởi Sở Tư pháp"}
    )

    assert response.status_code == 403
    regulation.refresh_from_db()
    assert regulation.title == "Quy chế của Phú Quốc"


def test_staff_user_without_agency_or_role_sees_nothing(client, b_records):
    user = factories.UserFactory()
    user.user_permissions.add(*_all_agency_permissions())
    client.force_login(user)

    response = client.get(reverse("admin:agencies_agency_changelist"))

    assert response.context["cl"].result_count == 0


def test_published_regulation_of_another_agency_is_still_hidden_in_admin(
    client, officer_a, b_records
):
    publish_regulation(b_records["internalregulation"])
    client.force_login(officer_a)

    response = client.get(
        _admin_url("internalregulation", "change", b_records["internalregulation"])
    )

    assert response.status_code == 404


def _all_agency_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="agencies")


def test_the_publish_action_ignores_another_agencys_regulation(client, officer_a, b_records):
    regulation = b_records["internalregulation"]
    client.force_login(officer_a)

    client.post(
        reverse("admin:agencies_internalregulation_changelist"),
        {"action": "publish_selected", "_selected_action": [regulation.pk]},
    )

    regulation.refresh_from_db()
    assert regulation.status == "draft"


def test_an_inline_row_of_another_agency_cannot_be_smuggled_in(
    client, officer_a, agency_a, b_records
):
    foreign = b_records["focalpoint"]
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_agency_change", args=[agency_a.pk]),
        {
            "address": "Số 1",
            "phone": "1",
            "email": "a@angiang.gov.vn",
            "focal_points-TOTAL_FORMS": "1",
            "focal_points-INITIAL_FORMS": "1",
            "focal_points-0-id": foreign.pk,
            "focal_points-0-agency": agency_a.pk,
            "focal_points-0-arrangement": "unit",
            "focal_points-0-name": "Chiếm quyền",
            "focal_points-0-phone": "1",
            "focal_points-0-is_active": "on",
        },
    )

    foreign.refresh_from_db()
    assert response.status_code in (200, 302)
    assert foreign.name == "Bộ phận Một cửa Phú Quốc"
    assert foreign.agency == b_records["agency"]
    assert FocalPoint.objects.filter(agency=b_records["agency"]).count() == 1
