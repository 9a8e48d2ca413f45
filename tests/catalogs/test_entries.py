"""Derived facts of an entry, corrections, and the end of disclosure periods."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalogs.models import CatalogEntry, DisclosureMethod
from catalogs.services import CatalogError, publish, record_correction
from catalogs.tasks import end_expired_entries
from portal.models import CalendarDay
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def test_publication_deadline_is_five_working_days_after_creation():
    # Created Thursday 12 February 2026, just before Tết (16–20 February) — Law Art 18(4).
    entry = factories.CatalogEntryFactory(created_on=D(2026, 2, 12))

    assert entry.publication_deadline == D(2026, 2, 26)


def test_an_administrators_extra_day_off_moves_the_deadline():
    CalendarDay.objects.create(date=D(2025, 9, 4), is_working_day=False, note="Nghỉ bù")

    entry = factories.CatalogEntryFactory(created_on=D(2025, 9, 3))

    assert entry.publication_deadline == D(2025, 9, 11)  # not Wednesday 10 September


def test_publishing_after_the_deadline_is_flagged_late():
    on_time = factories.CatalogEntryFactory(created_on=D(2025, 9, 8), disclosed_on=D(2025, 9, 15))
    late = factories.CatalogEntryFactory(created_on=D(2025, 9, 8), disclosed_on=D(2025, 9, 16))

    assert not on_time.was_published_late
    assert late.was_published_late
    assert list(CatalogEntry.objects.late()) == [late]


def test_information_created_before_july_2018_has_no_deadline_and_says_so(client):
    old = factories.CatalogEntryFactory(created_on=D(2017, 3, 1), disclosed_on=D(2019, 1, 1))

    page = client.get(old.get_absolute_url()).content.decode()

    assert old.predates_law
    assert old.publication_deadline is None
    assert not old.was_published_late
    assert "khoản 2 Điều 14 Nghị định 13" in page


def test_conditional_entry_needs_its_ground_and_whose_consent():
    entry = CatalogEntry(
        agency=factories.AgencyFactory(),
        catalog=CatalogEntry.Catalog.CONDITIONAL,
        classification=CatalogEntry.Classification.CONDITIONAL,
        category="g",
        title="Hồ sơ dự thầu",
        created_on=D(2025, 1, 1),
    )

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert {"consent_ground", "consent_holder"} <= set(error.value.message_dict)


def test_classification_must_match_the_list():
    entry = factories.CatalogEntryFactory.build(
        agency=factories.AgencyFactory(), classification=CatalogEntry.Classification.CONDITIONAL
    )

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert "classification" in error.value.message_dict


def test_a_not_accessible_entry_cannot_be_published():
    entry = factories.CatalogEntryFactory(
        status=CatalogEntry.Status.DRAFT,
        published_at=None,
        classification=CatalogEntry.Classification.NOT_ACCESSIBLE,
        not_accessible_ground="state_secret",
    )

    with pytest.raises(CatalogError):
        publish(entry)
    entry.refresh_from_db()
    assert entry.status == CatalogEntry.Status.DRAFT


def test_the_entry_page_shows_what_the_law_lists_and_links_to_a_prefilled_request(client):
    entry = factories.CatalogEntryFactory(
        title="Quy hoạch sử dụng đất năm 2026",
        number_symbol="125/QĐ-UBND",
        category="g",
        created_on=D(2025, 9, 1),
        creating_unit="Phòng Kinh tế",
        disclosed_on=D(2025, 9, 3),
        disclosure_period="Thường xuyên",
        place="Trụ sở Ủy ban",
        access_url="https://angiang.gov.vn/van-ban/125",
        summary="Quy hoạch đến năm 2030.",
        listed_on=D(2025, 9, 4),
    )
    entry.disclosure_forms.set(DisclosureMethod.objects.filter(code__in=["gazette", "posting"]))

    page = client.get(entry.get_absolute_url()).content.decode()

    for shown in (
        "125/QĐ-UBND",
        "01/09/2025",
        "Phòng Kinh tế",
        "g) Đầu tư công, mua sắm công",
        "Công báo",
        "Niêm yết tại trụ sở",
        "03/09/2025",
        "Thường xuyên",
        "Trụ sở Ủy ban",
        'href="https://angiang.gov.vn/van-ban/125"',
        "Quy hoạch đến năm 2030.",
        "04/09/2025",
        f'href="{reverse("requests_app:submit")}?entry={entry.pk}"',
    ):
        assert shown in page, shown


def test_correction_history_is_shown_on_the_entry_page(client):
    entry = factories.CatalogEntryFactory(place="Trụ sở")
    before = {"place": entry.place}
    entry.place = "Trụ sở và Bộ phận Một cửa"
    entry.save()

    record_correction(entry, before, reason="Bổ sung địa điểm niêm yết.")
    page = client.get(entry.get_absolute_url()).content.decode()

    entry.refresh_from_db()
    assert entry.status == CatalogEntry.Status.CORRECTED
    assert "Bổ sung địa điểm niêm yết." in page
    assert "<td>Trụ sở</td><td>Trụ sở và Bộ phận Một cửa</td>" in page


def test_a_correction_needs_a_reason():
    entry = factories.CatalogEntryFactory(title="Cũ")
    entry.title = "Mới"

    with pytest.raises(CatalogError):
        record_correction(entry, {"title": "Cũ"}, reason="  ")


def test_daily_task_ends_expired_disclosures_and_is_idempotent(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 8, 0))
    ended = factories.CatalogEntryFactory(
        disclosed_on=D(2026, 1, 1), disclosure_ends_on=D(2026, 3, 1)
    )
    running = factories.CatalogEntryFactory(
        disclosed_on=D(2026, 1, 1), disclosure_ends_on=D(2026, 3, 2)
    )

    assert end_expired_entries.delay().get() == 1
    assert end_expired_entries.delay().get() == 0
    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.status == CatalogEntry.Status.EXPIRED
    assert running.status == CatalogEntry.Status.PUBLISHED


def test_a_file_past_its_review_date_puts_its_entry_up_for_review(client, agency_a):
    entry = factories.CatalogEntryFactory(agency=agency_a, review_on=D(2030, 1, 1))
    factories.CatalogFileFactory(entry=entry, review_on=D(2030, 1, 1))
    factories.CatalogFileFactory(entry=entry, review_on=D(2020, 1, 1))
    factories.CatalogFileFactory(entry=entry, review_on=D(2020, 6, 1))

    agency = client.get(agency_a.get_absolute_url()).context["agency"]

    assert agency.catalog_review_due == 1  # the entry, once, however many of its files
    assert list(CatalogEntry.objects.review_due(D(2026, 1, 1))) == [entry]
    assert not CatalogEntry.objects.review_due(D(2019, 1, 1)).exists()


def test_ended_entries_stay_public_and_say_so(client):
    entry = factories.CatalogEntryFactory(status=CatalogEntry.Status.EXPIRED)

    page = client.get(entry.get_absolute_url()).content.decode()

    assert "Hết thời hạn công khai" in page


def test_agency_page_shows_catalog_freshness(client, agency_a):
    factories.CatalogEntryFactory(
        agency=agency_a, created_on=D(2025, 9, 8), disclosed_on=D(2025, 9, 30)
    )
    factories.CatalogEntryFactory(agency=agency_a, review_on=D(2020, 1, 1))

    agency = client.get(agency_a.get_absolute_url()).context["agency"]

    assert agency.catalog_late == 1
    assert agency.catalog_review_due == 1
    assert agency.catalog_updated_at is not None
    assert agency.has_published_catalog


@pytest.mark.parametrize("page", ["agency", "agency catalog"])
def test_citizens_see_the_catalog_freshness_on_the_agencys_pages(client, agency_a, page):
    factories.CatalogEntryFactory(
        agency=agency_a, created_on=D(2025, 9, 8), disclosed_on=D(2025, 9, 30)
    )
    factories.CatalogEntryFactory(agency=agency_a, review_on=D(2020, 1, 1))
    url = {
        "agency": agency_a.get_absolute_url(),
        "agency catalog": reverse("catalogs:agency_list", args=[agency_a.slug]),
    }[page]

    text = client.get(url).content.decode()

    assert "<dt>Số mục công khai muộn</dt><dd>1</dd>" in text
    assert "<dt>Số mục quá hạn rà soát</dt><dd>1</dd>" in text
    assert re.search(r"<dt>Cập nhật lần cuối</dt><dd>\d\d/\d\d/\d{4}</dd>", text)


def test_directory_badge_and_filter_know_about_the_catalog(client, agency_a, agency_b):
    factories.CatalogEntryFactory(agency=agency_a)

    response = client.get(reverse("agencies:directory"), {"compliance": "no_catalog"})

    assert [a.name for a in response.context["page"].object_list] == [agency_b.name]
