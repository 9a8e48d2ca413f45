"""What the requester sees after proving the request is theirs."""

import datetime

import pytest
from django.urls import reverse

from requests_app import services, workflow
from requests_app.models import ResponseFile
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def provided(agency_a, time_machine):
    time_machine.move_to(datetime.datetime(2026, 2, 12, 9, 0, tzinfo=datetime.UTC))
    officer = factories.OfficerFactory(agency=agency_a).user
    req = factories.make_request(agency_a)
    workflow.transition(req, "accept", actor=officer, complexity="simple")
    ResponseFile.objects.create(request=req, title="Quyết định 125", file=factories.pdf_file())
    workflow.transition(req, "provide_full", actor=officer, note="Gửi kèm quyết định.")
    return req


def _open(client, req):
    client.post(reverse("requests_app:track"), {"code": req.tracking_code, "secret": req.email})
    return client.get(reverse("requests_app:status", args=[req.tracking_code]))


def test_the_status_page_shows_timeline_due_date_and_its_explanation(client, provided):
    page = _open(client, provided).content.decode()

    assert "Đã cung cấp toàn bộ" in page
    assert "Gửi kèm quyết định." in page
    assert "24/02/2026" in page  # 3 working days across Tết
    assert "Cách tính thời hạn" in page
    assert "Thứ Bảy" in page


def test_provided_files_download_through_an_expiring_signed_link(client, provided, time_machine):
    page = _open(client, provided)
    files = page.context["files"]
    url = reverse("requests_app:download", args=[files[0][1]])

    assert client.get(url).status_code == 200
    time_machine.move_to(datetime.datetime(2026, 2, 14, 9, 0, tzinfo=datetime.UTC))
    assert client.get(url).status_code == 404


def test_a_tampered_link_gives_404(client, provided):
    token = services.download_token(provided.response_files.get())

    assert client.get(reverse("requests_app:download", args=[token[:-2] + "xx"])).status_code == 404


def test_files_are_not_offered_before_the_information_is_provided(client, agency_a):
    req = factories.make_request(agency_a)
    ResponseFile.objects.create(request=req, title="Bản nháp", file=factories.pdf_file())

    assert _open(client, req).context["files"] == []


def test_the_receipt_is_only_for_the_browser_that_submitted(client, agency_a):
    req = factories.make_request(agency_a)

    assert client.get(reverse("requests_app:receipt", args=[req.tracking_code])).status_code == 404
