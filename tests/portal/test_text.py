"""Text arrives NFC or NFD depending on the keyboard; it is stored NFC and searched folded."""

import unicodedata

import pytest
from django.urls import reverse

from agencies.models import Agency, FocalPoint
from portal.text import fold, nfc
from tests import factories

NFD_NAME = unicodedata.normalize("NFD", "Sở Tư pháp tỉnh An Giang")


def test_fold_removes_marks_case_and_d_with_stroke():
    assert fold("ĐẶC KHU Phú Quốc") == "dac khu phu quoc"
    assert fold(NFD_NAME) == fold("Sở Tư pháp tỉnh An Giang") == "so tu phap tinh an giang"


def test_nfc_composes_decomposed_vietnamese():
    assert NFD_NAME != "Sở Tư pháp tỉnh An Giang"
    assert nfc(NFD_NAME) == "Sở Tư pháp tỉnh An Giang"


@pytest.mark.django_db
def test_model_stores_nfc_whatever_was_typed():
    agency = Agency.objects.create(name=NFD_NAME, kind=Agency.Kind.DEPARTMENT)

    agency.refresh_from_db()
    assert agency.name == "Sở Tư pháp tỉnh An Giang"
    assert unicodedata.is_normalized("NFC", agency.name)


@pytest.mark.django_db
def test_admin_form_input_is_stored_nfc(client, officer_a):
    client.force_login(officer_a)
    typed = unicodedata.normalize("NFD", "Bộ phận Một cửa")

    response = client.post(
        reverse("admin:agencies_focalpoint_add"),
        {
            "arrangement": "section",
            "name": typed,
            "reception_address": unicodedata.normalize("NFD", "Số 2 đường Lê Lợi"),
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    focal = FocalPoint.objects.get()
    assert focal.name == "Bộ phận Một cửa"
    assert focal.reception_address == "Số 2 đường Lê Lợi"


@pytest.mark.django_db
def test_search_text_is_the_same_for_nfc_and_nfd_names():
    nfd = factories.AgencyFactory(name=NFD_NAME)

    assert nfd.search_text == "so tu phap tinh an giang"


@pytest.mark.django_db
def test_what_officers_type_while_handling_requests_and_catalogs_is_stored_nfc(agency_a):
    from catalogs.services import record_correction
    from requests_app import workflow

    officer = factories.OfficerFactory(agency=agency_a).user
    request = factories.make_request(agency_a)
    entry = factories.CatalogEntryFactory(agency=agency_a, title="Dự toán 2026")
    typed = unicodedata.normalize("NFD", "Bổ sung số văn bản, ngày ký.")

    event = workflow.transition(
        request, "request_supplement", actor=officer, note=typed, internal_note=typed
    )
    entry.title = "Dự toán năm 2026"
    correction = record_correction(entry, {"title": "Dự toán 2026"}, reason=typed, actor=officer)

    event.refresh_from_db()
    correction.refresh_from_db()
    for stored in (event.note, event.internal_note, correction.reason):
        assert stored == "Bổ sung số văn bản, ngày ký."
