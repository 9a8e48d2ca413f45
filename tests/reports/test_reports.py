"""Reports: compiling through the job, checks that block publication, review and publication,
the PDF/XLSX/CSV exports, who sees which figures, the command and the schedule."""

import csv
import datetime
import io
import re
import unicodedata
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports import services, statistics
from reports.management.commands.compile_report import Command
from reports.models import AgencyYearStatistics, YearlyReport
from reports.tasks import compile_closed_period
from tests import factories, pdfs
from tests.conftest import needs

pytestmark = pytest.mark.django_db
D = datetime.date
State = YearlyReport.State


def snapshot(report: YearlyReport) -> dict:
    report.refresh_from_db()
    rows = AgencyYearStatistics.objects.filter(report=report).order_by("agency_id")
    return {
        "totals": report.totals,
        "rows": [(row.agency_id, row.figures, row.previous) for row in rows],
        "checks": report.check_results,
    }


def publishable(report, doj_user) -> YearlyReport:
    services.save_narrative(
        report,
        situation="Các cơ quan đã công khai danh mục thông tin.",
        difficulties="Một số xã chưa có cán bộ đầu mối.",
        recommendations="Bố trí cán bộ đầu mối tại các xã.",
        actor=doj_user,
    )
    return services.mark_reviewed(report, actor=doj_user)


# --- the job -------------------------------------------------------------------------------


def test_a_compilation_stores_every_agencys_figures_and_passes_its_checks(year_2025, compile_2025):
    report = compile_2025()

    assert (report.state, report.progress) == (State.DONE, 100)
    assert report.rows.count() == 3  # A, B and the Department of Justice itself
    assert (report.totals["received"], report.totals["resolved"], report.totals["refused"]) == (
        5,
        4,
        1,
    )
    assert report.totals["pending_end"] == 1
    assert report.check_results["failed"] == [] and report.check_results["ran"] > 40
    row_a = report.rows.get(agency=year_2025["a"]).figures
    assert (row_a["on_time"], row_a["late"]) == (2, 1)  # June: 8 working days for 3


def test_recompiling_replaces_the_figures_with_identical_ones(
    year_2025, compile_2025, after_commit
):
    report = compile_2025()
    before = snapshot(report)

    with after_commit():
        services.recompile(report)

    assert snapshot(report) == before
    assert AgencyYearStatistics.objects.filter(report=report).count() == 3


def test_a_failing_compilation_keeps_the_previous_figures_and_says_why(
    year_2025, monkeypatch, compile_2025, after_commit
):
    report = compile_2025()
    before = snapshot(report)

    def breaks_midway(period, agency_id=None, progress=None):
        progress(40)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(statistics, "compile_figures", breaks_midway)
    with after_commit():
        services.recompile(report)

    report.refresh_from_db()
    assert report.state == State.FAILED and "went away" in report.error
    assert snapshot(report) == before


def test_a_second_compilation_is_refused_while_one_runs_unless_it_stalled(
    year_2025, compile_2025, after_commit
):
    report = compile_2025()
    YearlyReport.objects.filter(pk=report.pk).update(state=State.RUNNING)
    report.refresh_from_db()

    with pytest.raises(services.ReportError, match="đang được tổng hợp"), after_commit():
        services.recompile(report)

    stale = report.heartbeat_at - services.STALE_AFTER - datetime.timedelta(minutes=1)
    YearlyReport.objects.filter(pk=report.pk).update(heartbeat_at=stale)
    with after_commit():
        services.recompile(report)
    report.refresh_from_db()
    assert report.state == State.DONE


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (D(2025, 12, 31), D(2025, 1, 1), "kết thúc"),
        (D(2026, 1, 1), D(2026, 12, 31), "chưa kết thúc"),
    ],
)
def test_an_impossible_period_is_refused_and_nothing_is_created(
    year_2025, start, end, message, after_commit
):
    with pytest.raises(services.ReportError, match=message):
        services.request_compilation(start, end)

    assert not YearlyReport.objects.exists()


def test_a_year_without_data_gives_honest_zeros(year_2025, after_commit):
    with after_commit():
        report = services.request_compilation(D(2019, 1, 1), D(2019, 12, 31))
    report.refresh_from_db()

    assert report.state == State.DONE
    assert report.totals["received"] == report.totals["resolved"] == 0
    assert report.totals["days_median"] is None
    assert report.check_results["failed"] == []


def test_a_report_with_a_failed_check_cannot_be_reviewed_or_published(
    year_2025, doj_user, compile_2025
):
    report = compile_2025()
    YearlyReport.objects.filter(pk=report.pk).update(
        check_results={"ran": 1, "failed": [{"code": "pending_balance", "agency_id": None}]}
    )
    report.refresh_from_db()

    with pytest.raises(services.ReportError, match="kiểm tra"):
        services.mark_reviewed(report, actor=doj_user)
    with pytest.raises(services.ReportError):
        services.publish(report, actor=doj_user)
    report.refresh_from_db()
    assert report.state == State.DONE and report.number is None


def test_publishing_needs_the_texts_and_a_review_and_numbers_the_report(
    year_2025, doj_user, compile_2025, after_commit
):
    report = compile_2025()
    with pytest.raises(services.ReportError, match="xem xét"):
        services.publish(report, actor=doj_user)

    services.mark_reviewed(report, actor=doj_user)
    with pytest.raises(services.ReportError, match="khó khăn"):
        services.publish(report, actor=doj_user)

    report = services.publish(publishable(report, doj_user), actor=doj_user)
    assert (report.state, report.number) == (State.PUBLISHED, 1)
    with pytest.raises(services.ReportError, match="đã được công bố"), after_commit():
        services.recompile(report)

    with after_commit():
        second = services.request_compilation(D(2025, 1, 1), D(2025, 6, 30))
    second.refresh_from_db()
    assert second.pk != report.pk
    assert services.publish(publishable(second, doj_user), actor=doj_user).number == 2


def test_the_texts_are_stored_in_nfc(year_2025, doj_user, compile_2025):
    report = compile_2025()
    typed = unicodedata.normalize("NFD", "Khó khăn về nhân sự")

    services.save_narrative(
        report, situation="x", difficulties=typed, recommendations="y", actor=doj_user
    )

    report.refresh_from_db()
    assert report.difficulties == unicodedata.normalize("NFC", typed)


# --- the command and the schedule ------------------------------------------------------------


def test_the_command_compiles_a_year_and_prints_the_headline(year_2025, after_commit):
    out = io.StringIO()
    with after_commit():  # the job runs at the commit, as the command's own commit would
        call_command("compile_report", year=2025, no_wait=True, stdout=out)
    report = YearlyReport.objects.get()
    out.write(Command()._describe(report))

    assert "5 requests received, 4 resolved, 1 refused" in out.getvalue()
    assert YearlyReport.objects.get().state == State.DONE


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "--year"),
        ({"year": 2025, "agency": "khong-co"}, "khong-co"),
        ({"year": 2030}, "ended yet|chưa kết thúc"),
    ],
)
def test_the_command_refuses_bad_input_with_a_message(year_2025, options, message, after_commit):
    with pytest.raises(CommandError, match=message):
        call_command("compile_report", **options, stdout=io.StringIO())


def test_the_schedule_compiles_the_closed_year_once(year_2025, after_commit):
    with after_commit():
        first = compile_closed_period()
        second = compile_closed_period()

    assert first is not None and second is None
    report = YearlyReport.objects.get()
    assert (report.period_start, report.period_end) == (D(2025, 1, 1), D(2025, 12, 31))


def test_the_schedule_follows_the_provinces_cut_off_day(settings):
    settings.PORTAL_REPORT_YEAR_END = (12, 14)

    period = services.closed_period(D(2026, 1, 15))

    assert (period.start, period.end) == (D(2024, 12, 15), D(2025, 12, 14))


# --- pages and who sees what -----------------------------------------------------------------


def test_staff_compile_from_the_page_and_follow_the_progress(
    client, year_2025, doj_user, after_commit
):
    client.force_login(doj_user)
    with after_commit():
        response = client.post(
            reverse("reports:compile"), {"start": "01/01/2025", "end": "31/12/2025", "agency": ""}
        )

    report = YearlyReport.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    progress = client.get(reverse("reports:progress", args=[report.pk])).json()
    assert progress == {
        "state": "done",
        "state_label": "Đã tổng hợp",
        "progress": 100,
        "done": True,
    }
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Sở Tài chính" in page and "Đặc khu Phú Quốc" in page
    assert "Đánh dấu đã xem xét" in page  # the next step offered


def test_the_progress_page_refreshes_itself_without_javascript(
    client, year_2025, doj_user, compile_2025
):
    report = compile_2025()
    YearlyReport.objects.filter(pk=report.pk).update(state=State.RUNNING, progress=45)
    client.force_login(doj_user)

    page = client.get(report.get_absolute_url()).content.decode()

    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert '<progress id="report-progress" max="100" value="45"' in page


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"start": "31/12/2025", "end": "01/01/2025"}, "phải bằng hoặc sau"),
        ({"start": "hôm qua", "end": "31/12/2025"}, "Nhập một ngày hợp lệ"),
        ({"start": "01/01/2025", "end": "31/12/2099"}, "chưa kết thúc"),
    ],
)
def test_a_bad_period_on_the_page_is_explained_and_creates_nothing(
    client, year_2025, doj_user, post, message, after_commit
):
    client.force_login(doj_user)

    response = client.post(reverse("reports:compile"), {**post, "agency": ""})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not YearlyReport.objects.exists()


def test_only_department_of_justice_staff_compile(client, year_2025, officer_a):
    url = reverse("reports:compile")
    data = {"start": "01/01/2025", "end": "31/12/2025"}

    assert client.post(url, data).status_code == 302  # to the login page
    client.force_login(officer_a)
    assert client.post(url, data).status_code == 403
    assert not YearlyReport.objects.exists()


def test_an_unpublished_report_is_not_public(client, year_2025, compile_2025):
    report = compile_2025()

    for name in ("detail", "pdf", "xlsx", "csv", "progress"):
        assert client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == 404
    assert report.title not in client.get(reverse("reports:index")).content.decode()


def test_an_officer_sees_only_their_own_agencys_figures_before_publication(
    client, year_2025, officer_a, compile_2025
):
    report = compile_2025()
    client.force_login(officer_a)

    page = client.get(report.get_absolute_url()).content.decode()
    own_pdf = reverse("reports:agency_pdf", args=[report.pk, year_2025["a"].slug])
    other_pdf = reverse("reports:agency_pdf", args=[report.pk, year_2025["b"].slug])

    assert "Số liệu của Sở Tài chính" in page and "Đặc khu Phú Quốc" not in page
    assert own_pdf in page and other_pdf not in page
    assert client.get(other_pdf).status_code == 404
    assert client.get(reverse("reports:xlsx", args=[report.pk])).status_code == 403
    assert client.get(reverse("reports:csv", args=[report.pk])).status_code == 403


def test_a_published_report_is_public_in_full(client, year_2025, doj_user, compile_2025):
    report = services.publish(publishable(compile_2025(), doj_user), actor=doj_user)

    index = client.get(reverse("reports:index")).content.decode()
    page = client.get(report.get_absolute_url()).content.decode()

    assert report.get_absolute_url() in index
    assert "Sở Tài chính" in page and "Đặc khu Phú Quốc" in page
    assert "Bố trí cán bộ đầu mối tại các xã." in page
    assert client.get(reverse("reports:csv", args=[report.pk])).status_code == 200
    assert report.oldest_pending[0]["tracking_code"] not in page  # codes are for staff only


def test_the_report_page_runs_the_same_queries_for_few_and_many_agencies(
    client, year_2025, doj_user, compile_2025, after_commit
):
    client.force_login(doj_user)
    report = compile_2025()
    client.get(report.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(report.get_absolute_url())
    factories.AgencyFactory.create_batch(20)
    with after_commit():
        services.recompile(report)
    with CaptureQueriesContext(connection) as many:
        client.get(report.get_absolute_url())

    assert report.rows.count() == 23
    assert len(many) == len(few)


def test_the_csv_has_a_row_per_agency_and_the_total(client, year_2025, doj_user, compile_2025):
    report = compile_2025()
    client.force_login(doj_user)

    response = client.get(reverse("reports:csv", args=[report.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert rows[0][:3] == ["Cơ quan", "Loại", "Yêu cầu đã tiếp nhận"]
    by_agency = {row[0]: row for row in rows[1:]}
    assert by_agency["Sở Tài chính"][2] == "3" and by_agency["Tổng cộng"][2] == "5"


def test_the_spreadsheet_has_a_sheet_per_section_with_numbers_as_numbers(
    client, year_2025, doj_user, compile_2025
):
    report = compile_2025()
    client.force_login(doj_user)

    response = client.get(reverse("reports:xlsx", args=[report.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    assert len(workbook.sheetnames) == 11  # summary, 8 sections, oldest pending, checks
    summary = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Yêu cầu đã tiếp nhận"] == report.totals["received"] == 5
    assert summary["Yêu cầu đã giải quyết"] == 4
    outcomes = list(workbook.worksheets[3].iter_rows(values_only=True))
    a_row = next(row for row in outcomes if row[0] == "Sở Tài chính")
    assert a_row[2:4] == (2, 0)  # provided in full, in part: numbers, not text


# --- PDFs ----------------------------------------------------------------------------------


@pytest.fixture
def pdf_tools():
    needs(pdfs.tools_ready(), pdfs.TOOLS_MISSING)


def test_the_province_pdf_has_the_figures_and_every_diacritic(
    client, year_2025, doj_user, pdf_tools, tmp_path, compile_2025
):
    report = services.publish(publishable(compile_2025(), doj_user), actor=doj_user)
    client.force_login(doj_user)

    response = client.get(reverse("reports:pdf", args=[report.pk]))
    path = tmp_path / "report.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = pdfs.text(path)

    assert response["Content-Type"] == "application/pdf"
    assert "Số: 01/BC-STP" in text
    assert "Long Xuyên, ngày" in text
    assert "Tình hình thực hiện Luật Tiếp cận thông tin năm 2025" in text
    assert re.search(r"Yêu cầu đã tiếp nhận\s+5\s", text)  # the province's figure
    assert re.search(r"Yêu cầu đã giải quyết\s+4\s", text)
    assert re.search(r"Sở Tài chính\s+3\s+3\s+1\s+0\s", text)  # an agency's row
    assert "Kết quả giải quyết yêu cầu" in text  # a chart's caption
    assert "Một số xã chưa có cán bộ đầu mối." in text
    assert "Trương Thị Thùy" in text and "Nơi nhận:" in text
    assert "DỰ THẢO" not in text
    pdfs.assert_decree30_header(path, tmp_path, date_word="Long")
    # Page numbers from page 2 only (Decree 30/2020 Appendix I).
    assert pdfs.page_count(path) >= 2
    assert pdfs.text(path, 2).lstrip().startswith("2")


def test_a_draft_pdf_says_so_and_has_no_number_yet(
    client, year_2025, doj_user, pdf_tools, tmp_path, compile_2025
):
    report = compile_2025()
    client.force_login(doj_user)

    path = tmp_path / "draft.pdf"
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    path.write_bytes(b"".join(response.streaming_content))

    text = pdfs.text(path)
    assert "DỰ THẢO" in text and "/BC-STP" in text and "01/BC-STP" not in text


def test_each_agency_has_a_one_page_pdf(
    client, year_2025, officer_a, pdf_tools, tmp_path, compile_2025
):
    report = compile_2025()
    client.force_login(officer_a)

    response = client.get(reverse("reports:agency_pdf", args=[report.pk, year_2025["a"].slug]))
    path = tmp_path / "sheet.pdf"
    path.write_bytes(response.content)

    assert response.status_code == 200 and pdfs.page_count(path) == 1
    text = pdfs.text(path)
    assert "của Sở Tài chính" in text and "Yêu cầu đã tiếp nhận" in text


def test_a_worker_retries_a_transient_database_error_and_compiles_the_report(
    year_2025, compile_2025, monkeypatch
):
    from django.db import OperationalError

    from reports import compilation, tasks

    report = compile_2025()
    real_run, calls = compilation.run, []

    def flaky(report_id, run_id):
        calls.append(run_id)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_run(report_id, run_id)

    monkeypatch.setattr(compilation, "run", flaky)
    monkeypatch.setattr(tasks, "RETRY_DELAYS", (0, 0, 0))
    run_id = uuid.uuid4()
    YearlyReport.objects.filter(pk=report.pk).update(state=State.QUEUED, run_id=run_id)

    assert tasks.compile_report.run(report.pk, str(run_id)) is True  # as a worker runs it

    report.refresh_from_db()
    assert len(calls) == 2 and report.state == State.DONE and report.error == ""


def test_in_the_embedded_mode_a_database_error_fails_the_report_at_once(
    year_2025, compile_2025, after_commit, monkeypatch
):
    from django.db import OperationalError

    from reports import compilation

    report = compile_2025()

    def broken(report_id, run_id):
        raise OperationalError("database is locked")

    monkeypatch.setattr(compilation, "run", broken)
    with after_commit():
        services.recompile(report)

    report.refresh_from_db()
    assert report.state == State.FAILED and "database is locked" in report.error
    assert report.rows.count() == 3  # the figures compiled before are still there


def test_staff_write_the_texts_on_the_page_and_see_failed_checks(
    client, year_2025, doj_user, compile_2025
):
    report = compile_2025()
    client.force_login(doj_user)
    url = reverse("reports:narrative", args=[report.pk])

    response = client.post(
        url,
        {"situation": "Tình hình tốt.", "difficulties": "Thiếu cán bộ.", "recommendations": ""},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.situation, report.recommendations) == ("Tình hình tốt.", "")
    too_long = client.post(
        url, {"situation": "x" * 20_001, "difficulties": "", "recommendations": ""}
    )
    assert too_long.status_code == 400 and "20000" in too_long.content.decode().replace(".", "")
    report.refresh_from_db()
    assert report.situation == "Tình hình tốt."  # nothing saved from the bad form

    YearlyReport.objects.filter(pk=report.pk).update(
        check_results={
            "ran": 9,
            "failed": [
                {"code": "pending_balance", "agency_id": None, "agency": "", "expected": "3",
                 "actual": "4"}
            ],
        }
    )  # fmt: skip
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Tồn cuối kỳ = tồn đầu kỳ + tiếp nhận − đã giải quyết − rút yêu cầu" in page
    assert "giá trị đúng 3, thực tế 4" in page
    assert reverse("reports:review", args=[report.pk]) not in page


# --- what the review found -----------------------------------------------------------------


def test_saving_the_texts_from_an_old_page_keeps_a_compilation_finished_meanwhile(
    year_2025, compile_2025, after_commit, doj_user
):
    report = compile_2025()
    stale = YearlyReport.objects.get(pk=report.pk)  # the page the officer loaded
    with after_commit():
        services.recompile(report)  # finishes while the page is open
    compiled = snapshot(report)

    services.save_narrative(
        stale, situation="Tình hình.", difficulties="Khó khăn.", recommendations="Kiến nghị.",
        actor=doj_user,
    )  # fmt: skip

    report.refresh_from_db()
    assert report.state == State.DONE and snapshot(report) == compiled
    assert report.situation == "Tình hình."


def test_one_report_is_prepared_per_period_and_scope(year_2025, compile_2025):
    from django.db import IntegrityError, transaction

    report = compile_2025()

    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyReport.objects.create(period_start=report.period_start, period_end=report.period_end)
    assert services.request_compilation(D(2025, 1, 1), D(2025, 12, 31)).pk == report.pk


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(D(2017, 1, 1), D(2017, 12, 31), "01/7/2018"), (D(2025, 6, 1), D(2026, 1, 15), "trước")],
)
def test_a_period_before_the_law_or_ending_today_is_refused(year_2025, start, end, message):
    with pytest.raises(services.ReportError, match=message):
        services.request_compilation(start, end)


def test_the_oldest_pending_show_their_status_at_the_end_of_the_period(
    year_2025, compile_2025, officer_b
):
    from requests_app import workflow
    from requests_app.models import InformationRequest

    pending = InformationRequest.objects.get(received_at__date=D(2025, 12, 22))
    workflow.transition(pending, "withdraw", actor=officer_b)  # in January 2026
    workflow.transition(pending, "close", actor=officer_b)

    report = compile_2025()

    assert [row["status"] for row in report.oldest_pending] == ["received"]


def test_a_period_longer_than_a_year_is_compared_with_the_one_before_it():
    from reports.periods import Period

    three_years = Period(D(2023, 1, 1), D(2025, 12, 31))
    year = Period(D(2024, 12, 15), D(2025, 12, 14))

    assert three_years.previous() == Period(D(2020, 1, 1), D(2022, 12, 31))
    assert year.previous() == Period(D(2023, 12, 15), D(2024, 12, 14))


def test_costs_count_in_the_period_they_were_notified(year_2025, officer_a, compile_2025):
    from tests.history import play

    fee = [("accept", D(2025, 12, 29), {"complexity": "complex"})]
    late = play(year_2025["a"], officer_a, received=D(2025, 12, 29), steps=fee)
    from requests_app import fees, workflow
    from requests_app.models import FeeItem

    fees.add_item(late, FeeItem.objects.get(code="1.1"), 10)
    workflow.transition(late, "ask_payment", actor=officer_a, payment_due_on=D(2026, 1, 30))

    report = compile_2025()

    assert report.totals["fees_charged"] == 0  # notified in January 2026, not in 2025


def test_the_csv_names_each_figure_once(client, year_2025, doj_user, compile_2025):
    report = compile_2025()
    client.force_login(doj_user)

    response = client.get(reverse("reports:csv", args=[report.pk]))
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert len(header) == len(set(header))


def test_without_pdf_libraries_the_download_says_so(
    client, year_2025, doj_user, compile_2025, monkeypatch
):
    report = compile_2025()
    monkeypatch.setattr("reports.views.pdf_available", lambda: False)
    client.force_login(doj_user)

    response = client.get(reverse("reports:pdf", args=[report.pk]))

    assert response.status_code == 503
    assert "chưa tạo được tệp PDF" in response.content.decode()


def test_while_a_worker_renders_the_pdf_the_page_tries_again_by_itself(
    client, year_2025, doj_user, compile_2025
):
    from django.core.cache import cache

    report = services.save_narrative(
        compile_2025(), situation="Mới.", difficulties="", recommendations="", actor=doj_user
    )
    # Queued already (by the save, for a worker): the download must not render it again.
    cache.add(f"report-pdf-queued:{report.pk}:{report.content_version}", True)
    client.force_login(doj_user)

    response = client.get(reverse("reports:pdf", args=[report.pk]))

    assert response.status_code == 202
    page = response.content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Trang này tự thử lại sau mỗi 5 giây" in page


def test_an_agency_sheet_is_rendered_once_per_version(
    client, year_2025, officer_a, compile_2025, pdf_tools, monkeypatch
):
    from reports import pdf

    report = compile_2025()
    rendered = []
    real = pdf.render_agency_sheet
    monkeypatch.setattr(pdf, "render_agency_sheet", lambda *args: rendered.append(1) or real(*args))
    client.force_login(officer_a)
    url = reverse("reports:agency_pdf", args=[report.pk, year_2025["a"].slug])

    first, second = client.get(url), client.get(url)

    assert first.content == second.content and len(rendered) == 1
