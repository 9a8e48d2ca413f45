"""Officers keep their own agency's catalog in the admin, and only theirs."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogs.models import CatalogEntry, CatalogFile
from tests import factories

pytestmark = pytest.mark.django_db


def _entry_form(entry=None, **changes):
    data = {
        "catalog": "public",
        "category": "dd",
        "title": "Dự toán ngân sách năm 2026",
        "number_symbol": "12/BC-STC",
        "created_on": "05/01/2026",
        "classification": "public",
        "listed_on": "05/01/2026",
        "disclosure_forms": ["portal"],
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    if entry is not None:
        data |= {
            "title": entry.title,
            "number_symbol": entry.number_symbol,
            "created_on": entry.created_on.strftime("%d/%m/%Y"),
            "listed_on": entry.listed_on.strftime("%d/%m/%Y"),
            "category": entry.category,
            "disclosed_on": entry.disclosed_on.strftime("%d/%m/%Y") if entry.disclosed_on else "",
        }
    return data | changes


@pytest.fixture
def b_entry(agency_b):
    entry = factories.CatalogEntryFactory(agency=agency_b, title="Mục của Phú Quốc")
    factories.CatalogFileFactory(entry=entry)
    return entry


def test_officer_list_shows_only_own_agency(client, officer_a, agency_a, b_entry):
    factories.CatalogEntryFactory(agency=agency_a, title="Mục của Sở Tài chính")
    client.force_login(officer_a)

    response = client.get(reverse("admin:catalogs_catalogentry_changelist"))

    assert [e.title for e in response.context["cl"].result_list] == ["Mục của Sở Tài chính"]


@pytest.mark.parametrize("action", ["change", "history", "delete"])
def test_officer_gets_404_on_another_agencys_entry(client, officer_a, b_entry, action):
    client.force_login(officer_a)

    response = client.get(reverse(f"admin:catalogs_catalogentry_{action}", args=[b_entry.pk]))

    assert response.status_code == 404


def test_officer_cannot_download_another_agencys_file(client, officer_a, b_entry):
    client.force_login(officer_a)
    attached = b_entry.files.get()

    response = client.get(reverse("admin:catalogs_catalogfile_download", args=[attached.pk]))

    assert response.status_code == 404


def test_admin_search_autocomplete_is_scoped(client, officer_a, agency_a, b_entry):
    factories.CatalogEntryFactory(agency=agency_a, title="Mục của Sở Tài chính")
    client.force_login(officer_a)

    response = client.get(reverse("admin:catalogs_catalogentry_changelist"), {"q": "muc cua"})

    assert [e.title for e in response.context["cl"].result_list] == ["Mục của Sở Tài chính"]


def test_autocomplete_of_agencies_in_catalog_admin_offers_only_own(
    client, officer_a, agency_a, agency_b
):
    client.force_login(officer_a)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "catalogs", "model_name": "catalogentry", "field_name": "agency", "term": ""},
    )

    assert [r["text"] for r in json.loads(response.content)["results"]] == [agency_a.name]


def test_officer_adds_an_entry_in_their_agency_as_a_draft(client, officer_a, agency_a, agency_b):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:catalogs_catalogentry_add"), _entry_form(agency=agency_b.pk)
    )

    assert response.status_code == 302
    entry = CatalogEntry.objects.get()
    assert entry.agency == agency_a
    assert entry.status == CatalogEntry.Status.DRAFT
    assert list(entry.disclosure_forms.values_list("code", flat=True)) == ["portal"]


def test_publish_action_publishes_drafts(client, officer_a, agency_a):
    draft = factories.CatalogEntryFactory(
        agency=agency_a, status=CatalogEntry.Status.DRAFT, published_at=None, disclosed_on=None
    )
    client.force_login(officer_a)

    client.post(
        reverse("admin:catalogs_catalogentry_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.status == CatalogEntry.Status.PUBLISHED
    assert draft.published_at is not None


def test_changing_a_published_entry_requires_a_reason_and_records_a_correction(
    client, officer_a, agency_a
):
    entry = factories.CatalogEntryFactory(agency=agency_a, title="Dự toán ngân sách 2026")
    client.force_login(officer_a)
    url = reverse("admin:catalogs_catalogentry_change", args=[entry.pk])

    refused = client.post(url, _entry_form(entry, title="Dự toán ngân sách năm 2026"))
    accepted = client.post(
        url,
        _entry_form(
            entry, title="Dự toán ngân sách năm 2026", correction_reason="Thiếu chữ 'năm'."
        ),
    )

    assert refused.status_code == 200
    assert "Hãy ghi rõ nội dung sai" in refused.content.decode()
    assert accepted.status_code == 302
    entry.refresh_from_db()
    assert entry.status == CatalogEntry.Status.CORRECTED
    correction = entry.corrections.get()
    assert correction.readable_changes() == [
        ("tên văn bản, hồ sơ, tài liệu", "Dự toán ngân sách 2026", "Dự toán ngân sách năm 2026")
    ]
    assert correction.actor == officer_a


def _upload(client, entry, name, content):
    data = _entry_form(
        entry,
        **{
            "files-TOTAL_FORMS": "1",
            "files-0-title": "Toàn văn",
            "files-0-classification": "public",
            "files-0-file": SimpleUploadedFile(name, content),
        },
    )
    return client.post(reverse("admin:catalogs_catalogentry_change", args=[entry.pk]), data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00 an executable"),
        ("bang.xlsx", b"%PDF-1.4 pretending\n%%EOF"),
        ("anh.png", b"\xff\xd8\xff\xe0 a jpeg"),
        ("script.html", b"<script>alert(1)</script>"),
    ],
)
def test_attachments_are_checked_by_content(client, officer_a, agency_a, name, content):
    entry = factories.CatalogEntryFactory(
        agency=agency_a, status=CatalogEntry.Status.DRAFT, published_at=None
    )
    client.force_login(officer_a)

    response = _upload(client, entry, name, content)

    assert response.status_code == 200
    assert not CatalogFile.objects.exists()


def test_a_real_pdf_is_attached(client, officer_a, agency_a):
    entry = factories.CatalogEntryFactory(
        agency=agency_a, status=CatalogEntry.Status.DRAFT, published_at=None
    )
    client.force_login(officer_a)

    response = _upload(client, entry, "bao-cao.pdf", factories.pdf_file().read())

    assert response.status_code == 302
    assert CatalogFile.objects.get().size > 0


def test_an_attachment_over_the_size_limit_is_refused_with_the_limit(
    client, officer_a, agency_a, settings
):
    settings.PORTAL_MAX_DOCUMENT_BYTES = 1024
    entry = factories.CatalogEntryFactory(
        agency=agency_a, status=CatalogEntry.Status.DRAFT, published_at=None
    )
    client.force_login(officer_a)
    big = b"%PDF-1.4\n" + b"0" * 2048 + b"\n%%EOF\n"

    response = _upload(client, entry, "bao-cao.pdf", big)

    assert response.status_code == 200
    assert "vượt giới hạn 1,0\xa0KB" in response.content.decode()
    assert not CatalogFile.objects.exists()


def test_doj_can_read_every_catalog_but_not_edit(client, doj_user, b_entry):
    client.force_login(doj_user)
    url = reverse("admin:catalogs_catalogentry_change", args=[b_entry.pk])

    assert client.get(url).status_code == 200
    assert client.post(url, _entry_form(b_entry, title="Sửa")).status_code == 403
