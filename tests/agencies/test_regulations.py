"""Internal regulations: publishing, versions, the public page and its file (Law Art 34(1)(h))."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import InternalRegulation
from agencies.services import RegulationError, publish_regulation
from tests import factories

pytestmark = pytest.mark.django_db


def _regulation(agency, effective, **kwargs):
    return factories.InternalRegulationFactory(
        agency=agency, decision_date=effective, effective_date=effective, **kwargs
    )


def test_newer_regulation_supersedes_the_current_one(agency_a):
    old = publish_regulation(_regulation(agency_a, datetime.date(2018, 7, 1)))
    new = publish_regulation(_regulation(agency_a, datetime.date(2025, 8, 1)))

    old.refresh_from_db()
    assert new.is_current
    assert old.superseded_by == new
    assert list(InternalRegulation.objects.current()) == [new]


def test_publishing_an_older_decision_late_files_it_as_an_earlier_version(agency_a):
    current = publish_regulation(_regulation(agency_a, datetime.date(2025, 8, 1)))
    late = publish_regulation(_regulation(agency_a, datetime.date(2018, 7, 1)))

    current.refresh_from_db()
    assert current.is_current
    assert late.superseded_by == current


def test_a_published_regulation_cannot_be_published_again(agency_a):
    regulation = publish_regulation(_regulation(agency_a, datetime.date(2025, 8, 1)))

    with pytest.raises(RegulationError):
        publish_regulation(regulation)


def test_publishing_requires_the_signed_file(agency_a):
    regulation = _regulation(agency_a, datetime.date(2025, 8, 1), signed_file=None)

    with pytest.raises(RegulationError, match="PDF"):
        publish_regulation(regulation)
    regulation.refresh_from_db()
    assert regulation.status == InternalRegulation.Status.DRAFT


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused():
    regulation = InternalRegulation(
        signed_file=SimpleUploadedFile("decision.pdf", b"MZ\x90\x00exe")
    )

    with pytest.raises(ValidationError) as error:
        regulation.full_clean(exclude=["agency"])

    assert "signed_file" in error.value.message_dict


def test_a_pdf_over_the_limit_is_refused(settings):
    settings.PORTAL_MAX_PDF_BYTES = 1024
    big = b"%PDF-1.4\n" + b"0" * 2048 + b"\n%%EOF\n"
    regulation = InternalRegulation(signed_file=SimpleUploadedFile("big.pdf", big))

    with pytest.raises(ValidationError) as error:
        regulation.full_clean(exclude=["agency"])

    assert "vượt giới hạn 1,0\xa0KB" in error.value.message_dict["signed_file"][0]


@pytest.mark.parametrize(("extra", "accepted"), [(0, True), (1, False)])
def test_the_admin_accepts_a_signed_pdf_of_20_mb_and_not_a_byte_more(
    client, officer_a, extra, accepted
):
    end = b"\n%%EOF\n"
    size = 20 * 1024 * 1024 + extra
    scan = b"%PDF-1.4\n" + b"0" * (size - 9 - len(end)) + end
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế cung cấp thông tin",
            "decision_number": "12/QĐ-STC",
            "decision_date": "02/09/2025",
            "effective_date": "15/09/2025",
            "signed_file": SimpleUploadedFile("ban-quet.pdf", scan),
        },
    )

    assert InternalRegulation.objects.exists() is accepted
    if not accepted:
        assert response.status_code == 200
        assert "vượt giới hạn 20,0\xa0MB" in response.content.decode()


def test_admin_upload_of_a_fake_pdf_says_why_and_saves_nothing(client, officer_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế cung cấp thông tin",
            "decision_number": "12/QĐ-STC",
            "decision_date": "02/09/2025",
            "effective_date": "15/09/2025",
            "signed_file": SimpleUploadedFile("quyet-dinh.pdf", b"not a pdf at all"),
        },
    )

    assert response.status_code == 200
    assert "không phải văn bản PDF" in response.content.decode()
    assert not InternalRegulation.objects.exists()


def test_officer_saves_and_publishes_from_the_admin(client, officer_a, agency_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế cung cấp thông tin của Sở Tài chính",
            "decision_number": "12/QĐ-STC",
            "decision_date": "02/09/2025",
            "effective_date": "15/09/2025",
            "signed_file": factories.pdf_file(),
            "designates_focal_point": "on",
            "_publish": "Lưu và công bố",
        },
    )

    regulation = InternalRegulation.objects.get()
    assert response.status_code == 302
    assert regulation.agency == agency_a
    assert regulation.is_current
    # Vietnamese dates are day first: 02/09/2025 is National Day, not 9 February.
    assert regulation.decision_date == datetime.date(2025, 9, 2)


def test_published_regulation_is_read_only_in_the_admin(client, officer_a, agency_a):
    regulation = publish_regulation(_regulation(agency_a, datetime.date(2025, 8, 1)))
    client.force_login(officer_a)
    url = reverse("admin:agencies_internalregulation_change", args=[regulation.pk])

    form = client.get(url).context["adminform"].form
    client.post(url, {"title": "Đổi tên sau khi ký"})

    regulation.refresh_from_db()
    assert form.fields == {}
    assert regulation.title != "Đổi tên sau khi ký"


def test_public_page_shows_current_regulation_checklist_and_earlier_versions(client, agency_a):
    old = publish_regulation(_regulation(agency_a, datetime.date(2018, 7, 1), title="Quy chế 2018"))
    current = publish_regulation(
        _regulation(
            agency_a, datetime.date(2025, 8, 1), title="Quy chế 2025", covers_classification=False
        )
    )

    page = client.get(reverse("agencies:regulation", args=[agency_a.slug])).content.decode()

    assert "<h1>Quy chế 2025</h1>" in page
    assert "Còn thiếu:" in page  # the classification content is not covered
    assert old.get_absolute_url() in page
    assert reverse("agencies:regulation_file", args=[agency_a.slug, current.pk]) in page


def test_earlier_version_page_says_it_is_no_longer_in_force(client, agency_a):
    old = publish_regulation(_regulation(agency_a, datetime.date(2018, 7, 1)))
    publish_regulation(_regulation(agency_a, datetime.date(2025, 8, 1)))

    page = client.get(old.get_absolute_url()).content.decode()

    assert "không còn hiệu lực" in page


def test_draft_regulation_and_its_file_are_never_public(client, agency_a):
    draft = _regulation(agency_a, datetime.date(2025, 8, 1), title="Dự thảo quy chế mật")

    regulation_page = client.get(reverse("agencies:regulation", args=[agency_a.slug]))
    agency_page = client.get(agency_a.get_absolute_url())
    version_page = client.get(
        reverse("agencies:regulation_version", args=[agency_a.slug, draft.pk])
    )
    file_response = client.get(reverse("agencies:regulation_file", args=[agency_a.slug, draft.pk]))

    assert "Dự thảo quy chế mật" not in regulation_page.content.decode()
    assert "Dự thảo quy chế mật" not in agency_page.content.decode()
    assert version_page.status_code == 404
    assert file_response.status_code == 404


def test_published_file_is_served_as_pdf(client, agency_a):
    regulation = publish_regulation(_regulation(agency_a, datetime.date(2025, 8, 1)))

    response = client.get(reverse("agencies:regulation_file", args=[agency_a.slug, regulation.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


POLYGLOT = b"%PDF-1.4 */ alert(document.cookie) /* %%EOF"


@pytest.mark.parametrize("name", ["quy-che.html", "quy-che.js", "quy-che.pdf"])
def test_a_script_dressed_as_a_pdf_is_refused(client, officer_a, name):
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế",
            "decision_number": "1/QĐ-STC",
            "decision_date": "01/09/2025",
            "effective_date": "01/09/2025",
            "signed_file": SimpleUploadedFile(name, b"<script>/* " + POLYGLOT + b"*/</script>"),
        },
    )

    assert response.status_code == 200
    assert not InternalRegulation.objects.exists()


def test_a_stored_file_is_always_served_as_a_pdf_named_pdf(client, agency_a):
    regulation = _regulation(agency_a, datetime.date(2025, 8, 1))
    regulation.signed_file.save("trang.html", factories.pdf_file(), save=True)
    publish_regulation(regulation)

    response = client.get(reverse("agencies:regulation_file", args=[agency_a.slug, regulation.pk]))

    assert regulation.signed_file.name.endswith(".pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_regulation_published_ahead_of_its_effective_date_waits_its_turn(client, agency_a):
    in_force = publish_regulation(
        _regulation(agency_a, datetime.date(2025, 8, 1), title="Quy chế 2025")
    )
    upcoming = publish_regulation(
        _regulation(agency_a, datetime.date(2099, 1, 1), title="Quy chế 2099")
    )

    page = client.get(reverse("agencies:regulation", args=[agency_a.slug])).content.decode()
    in_force.refresh_from_db()

    assert in_force.is_current and not upcoming.is_current and upcoming.is_upcoming
    assert list(InternalRegulation.objects.current()) == [in_force]
    assert "<h1>Quy chế 2025</h1>" in page
    assert "sắp có hiệu lực" in page
