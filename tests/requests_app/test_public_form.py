"""The online request form (forms 01a/01b), its receipt and tracking."""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from requests_app.models import InformationRequest, RequestAttachment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _form(agency, **changes):
    data = {
        "agency": agency.pk,
        "requester_kind": "self",
        "full_name": "Nguyễn Thị Hoa",
        "id_type": "citizen_card",
        "id_number": "091188004321",
        "address": "Ấp Bình An, xã Tri Tôn",
        "email": "hoa@example.com",
        "information": "Kế hoạch sử dụng đất năm 2026 của xã",
        "purpose": "Biết quy hoạch đất nơi gia đình sinh sống",
        "delivery_form": "email",
        "copies": "1",
        "members-TOTAL_FORMS": "5",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "200",
        "website": "",
    }
    data.update(changes)
    return data


def _submit(client, agency, **changes):
    return client.post(reverse("requests_app:submit"), _form(agency, **changes))


def test_a_citizen_submits_and_gets_a_receipt_with_a_tracking_code(client, agency_a):
    response = _submit(client, agency_a)

    request_obj = InformationRequest.objects.get()
    assert response.status_code == 302
    assert re.fullmatch(
        r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", request_obj.tracking_code
    )
    receipt = client.get(response["Location"]).content.decode()
    assert request_obj.tracking_code in receipt
    assert request_obj.status == InformationRequest.Status.RECEIVED
    assert request_obj.channel == "online"
    assert request_obj.events.get().action == "submit"


def test_missing_required_fields_are_explained_and_nothing_is_saved(client, agency_a):
    response = _submit(client, agency_a, full_name="", information="", purpose="", id_number="")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu chưa được gửi" in page
    assert page.count('class="error"') >= 4
    assert not InformationRequest.objects.exists()


def test_the_form_is_stored_nfc(client, agency_a):
    import unicodedata

    _submit(client, agency_a, full_name=unicodedata.normalize("NFD", "Nguyễn Thị Hoa"))

    assert InformationRequest.objects.get().full_name == "Nguyễn Thị Hoa"


def test_a_commune_asks_whether_the_requester_resides_there(client):
    commune = factories.AgencyFactory(name="Xã Tri Tôn", kind="commune")

    unanswered = _submit(client, commune)
    outsider = _submit(client, commune, resides_in_commune="False")
    accepted = _submit(
        client,
        commune,
        resides_in_commune="False",
        interest_link="Thửa đất của tôi nằm trong quy hoạch của xã",
    )

    assert unanswered.status_code == outsider.status_code == 400
    assert "Hãy trả lời câu hỏi này" in unanswered.content.decode()
    assert "không cư trú tại xã" in outsider.content.decode()
    assert accepted.status_code == 302
    assert InformationRequest.objects.get().resides_in_commune is False


def test_a_foreigner_must_link_the_information_to_their_own_rights(client, agency_a):
    refused = _submit(
        client, agency_a, requester_kind="foreigner", id_type="passport", nationality="Hàn Quốc"
    )
    accepted = _submit(
        client,
        agency_a,
        requester_kind="foreigner",
        id_type="passport",
        nationality="Hàn Quốc",
        own_rights_link="Giấy phép lao động của tôi",
    )

    assert refused.status_code == 400
    assert "quyền, nghĩa vụ của mình" in refused.content.decode()
    assert accepted.status_code == 302


def _submit_for_members(client, agency, *members):
    """Form 01b: an organisation asks for the members given as (name, identity number, reason)."""
    rows = {
        f"members-{row}-{name}": value
        for row, member in enumerate(members)
        for name, value in zip(("full_name", "id_number", "reason"), member, strict=True)
    }
    return _submit(
        client,
        agency,
        requester_kind="organisation",
        organisation_name="Hợp tác xã Tân Hiệp",
        **rows,
    )


def test_an_organisation_lists_its_members(client, agency_a):
    refused = _submit_for_members(client, agency_a)
    accepted = _submit_for_members(
        client,
        agency_a,
        ("Lê Văn A", "091000000001", "Đất canh tác"),
        ("Trần Thị B", "091000000002", "Đất canh tác"),
    )

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert list(InformationRequest.objects.get().members.values_list("full_name", flat=True)) == [
        "Lê Văn A",
        "Trần Thị B",
    ]


def test_a_members_mistakes_are_shown_beside_the_row_and_in_the_list_to_correct(client, agency_a):
    response = _submit_for_members(
        client, agency_a, ("Lê Văn A", "", ""), ("A" * 151, "091000000002", "Đất canh tác")
    )

    html = response.content.decode()
    start = html.index('class="form-errors')
    summary = html[start : html.index("</div>", start)]
    assert response.status_code == 400
    assert 'href="#id_members-1-full_name">Họ và tên (2):' in summary
    assert "tối đa 150 kí tự (hiện có 151)" in summary
    assert re.findall(r'<p class="error">([^<]*)', html) == [  # each beside its row, once
        "Ghi đủ họ tên, số giấy tờ tùy thân và lý do của từng thành viên.",
        "Giá trị này chỉ có tối đa 150 kí tự (hiện có 151)",
    ]
    assert 'href="#id_members-0-full_name">Thành viên 1: Ghi đủ họ tên' in summary
    assert 'value="Lê Văn A"' in html  # nothing typed is lost
    assert not InformationRequest.objects.exists()


def test_a_representative_attaches_proof_and_it_is_checked_by_content(client, agency_a):
    fake = _submit(
        client,
        agency_a,
        requester_kind="representative",
        represented_name="Cháu An",
        represented_relation="Cha",
        representation_file=SimpleUploadedFile("giay.pdf", b"MZ..."),
    )
    real = _submit(
        client,
        agency_a,
        requester_kind="representative",
        represented_name="Cháu An",
        represented_relation="Cha",
        representation_file=factories.pdf_file("giay.pdf"),
    )

    assert fake.status_code == 400
    assert real.status_code == 302
    assert RequestAttachment.objects.get().kind == "representation"


def test_conditional_information_requires_the_written_consent(client, agency_a):
    entry = factories.CatalogEntryFactory(agency=agency_a, catalog="conditional")
    url = reverse("requests_app:submit") + f"?entry={entry.pk}"

    refused = client.post(url, _form(agency_a))
    accepted = client.post(url, _form(agency_a, consent_file=factories.pdf_file("mau-06.pdf")))

    assert refused.status_code == 400
    assert "văn bản đồng ý" in refused.content.decode()
    assert accepted.status_code == 302
    assert InformationRequest.objects.get().catalog_entry == entry


def test_the_entry_link_prefills_agency_and_information(client, agency_a):
    entry = factories.CatalogEntryFactory(agency=agency_a, title="Dự toán ngân sách 2026")

    form = client.get(reverse("requests_app:submit"), {"entry": entry.pk}).context["form"]

    assert form.initial["agency"] == agency_a
    assert "Dự toán ngân sách 2026" in form.initial["information"]


def test_the_preview_shows_what_is_already_published_without_javascript(client, agency_a):
    factories.CatalogEntryFactory(agency=agency_a, title="Kế hoạch sử dụng đất năm 2026")

    response = client.post(reverse("requests_app:submit"), _form(agency_a, _check="1"))

    page = response.content.decode()
    assert "có thể đã được công khai" in page
    assert "Kế hoạch sử dụng đất năm 2026" in page
    assert not InformationRequest.objects.exists()


def test_the_honeypot_stops_robots(client, agency_a):
    response = _submit(client, agency_a, website="http://spam.example")

    assert response.status_code == 400
    assert not InformationRequest.objects.exists()


def test_submissions_are_rate_limited_per_address(client, agency_a):
    statuses = [_submit(client, agency_a).status_code for _ in range(11)]

    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


# Nothing listens on port 1: the cache server is "down" for this test only.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/1",
    }
}


def test_with_redis_down_a_request_is_still_saved_and_its_receipt_shown(client, agency_a):
    with override_settings(CACHES=REDIS_DOWN):
        receipt = client.post(reverse("requests_app:submit"), _form(agency_a), follow=True)
        lookup = client.post(
            reverse("requests_app:track"), {"code": "2222-3333-4444", "secret": "x"}
        )

    request_obj = InformationRequest.objects.get()
    assert receipt.status_code == 200
    assert request_obj.tracking_code in receipt.content.decode()
    assert lookup.status_code == 429  # guessing is not let through while the limit is down


def test_tracking_needs_the_code_and_a_second_factor(client, agency_a):
    request_obj = factories.make_request(
        agency_a, email="binh@example.com", id_number="091088001234"
    )
    code = request_obj.tracking_code
    track = reverse("requests_app:track")

    wrong = client.post(track, {"code": code, "secret": "someone@example.com"})
    unknown = client.post(track, {"code": "2222-3333-4444", "secret": "binh@example.com"})
    direct = client.get(reverse("requests_app:status", args=[code]))
    by_mail = client.post(
        track, {"code": code.lower().replace("-", " "), "secret": "BINH@example.com"}
    )

    assert wrong.status_code == unknown.status_code == 200
    assert wrong.content.decode().count("Không có yêu cầu nào khớp") == 1
    assert unknown.content.decode().count("Không có yêu cầu nào khớp") == 1
    assert direct.status_code == 404
    assert by_mail.status_code == 302
    assert client.get(by_mail["Location"]).status_code == 200


def test_tracking_by_the_last_four_digits(client, agency_a):
    request_obj = factories.make_request(agency_a, id_number="091088001234")

    response = client.post(
        reverse("requests_app:track"), {"code": request_obj.tracking_code, "secret": "1234"}
    )

    assert response.status_code == 302


def test_tracking_lookups_are_rate_limited(client, agency_a):
    statuses = [
        client.post(
            reverse("requests_app:track"), {"code": "2222-3333-4444", "secret": "x"}
        ).status_code
        for _ in range(31)
    ]

    assert statuses[-1] == 429


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"code": "x" * 500, "secret": "y"},
        {"code": "\x00", "secret": "\x00"},
        {"code": "ĐĐĐĐ-ĐĐĐĐ-ĐĐĐĐ", "secret": "1"},
    ],
)
def test_odd_tracking_input_gives_a_normal_page(client, data):
    assert client.post(reverse("requests_app:track"), data).status_code == 200


def test_without_a_rule_set_in_force_the_citizen_is_sent_elsewhere_not_crashed(client, agency_a):
    from requests_app.models import LegalRuleSet

    LegalRuleSet.objects.update(effective_from="2099-01-01")

    assert client.get(reverse("requests_app:submit")).status_code == 200
    response = _submit(client, agency_a)
    assert response.status_code == 503
    assert not InformationRequest.objects.exists()


def test_an_odd_digit_in_the_entry_link_gives_a_normal_page(client):
    assert client.get(reverse("requests_app:submit"), {"entry": "²"}).status_code == 200


def test_a_very_long_vietnamese_file_name_is_stored_safely(client, agency_a):
    upload = factories.pdf_file("ệ" * 120 + ".pdf")

    response = _submit(
        client,
        agency_a,
        requester_kind="representative",
        represented_name="Cháu An",
        represented_relation="Cha",
        representation_file=upload,
    )

    assert response.status_code == 302
    stored = RequestAttachment.objects.get().file.name
    assert len(stored.encode()) < 200
    assert stored.endswith(".pdf")


def test_a_tracking_code_locks_after_five_wrong_answers_from_any_address(client, agency_a):
    request_obj = factories.make_request(agency_a, id_number="091088001234")
    track = reverse("requests_app:track")
    for n in range(5):
        client.post(
            track,
            {"code": request_obj.tracking_code, "secret": f"{n:04d}"},
            REMOTE_ADDR=f"10.0.0.{n}",
        )

    right_answer = client.post(
        track, {"code": request_obj.tracking_code, "secret": "1234"}, REMOTE_ADDR="10.0.0.99"
    )

    assert right_answer.status_code == 200  # refused for today, with the usual message
    assert "Không có yêu cầu nào khớp" in right_answer.content.decode()


def test_the_rightful_requester_may_look_as_often_as_they_like(client, agency_a):
    request_obj = factories.make_request(agency_a, id_number="091088001234")

    statuses = [
        client.post(
            reverse("requests_app:track"), {"code": request_obj.tracking_code, "secret": "1234"}
        ).status_code
        for _ in range(8)
    ]

    assert statuses == [302] * 8


def test_a_forged_forwarded_for_header_does_not_escape_the_rate_limit(client, agency_a, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = reverse("requests_app:submit")
    statuses = [
        client.post(
            url, _form(agency_a), headers={"x-forwarded-for": f"1.2.3.{n}, 203.0.113.9"}
        ).status_code
        for n in range(11)
    ]

    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


def test_a_post_without_the_csrf_token_is_refused(agency_a):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)

    assert browser.post(reverse("requests_app:submit"), _form(agency_a)).status_code == 403
    assert browser.post(
        reverse("requests_app:track"), {"code": "x", "secret": "y"}
    ).status_code == (403)
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: factories.pdf_file("giay.pdf"), "giới hạn"),  # over the limit set below
        (lambda: SimpleUploadedFile("giay.exe", b"MZ\x90\x00"), "PDF, Word"),
        (lambda: SimpleUploadedFile("giay.png", b"%PDF-1.4\n%%EOF"), "không khớp"),
    ],
)
def test_an_oversize_or_wrong_type_file_is_explained_and_nothing_is_saved(
    client, agency_a, settings, upload, message
):
    settings.PORTAL_MAX_DOCUMENT_BYTES = 200

    response = _submit(
        client,
        agency_a,
        requester_kind="representative",
        represented_name="Cháu An",
        represented_relation="Cha",
        representation_file=upload(),
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InformationRequest.objects.exists()
    assert not RequestAttachment.objects.exists()


def test_the_receipt_shows_the_rules_the_request_runs_under(client, agency_a):
    receipt = client.get(_submit(client, agency_a)["Location"]).content.decode()

    assert "<dd>Luật Tiếp cận thông tin 2016</dd>" in receipt
