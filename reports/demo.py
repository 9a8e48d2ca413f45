"""The demo province's report for the last full year, compiled, reviewed and published, so that
/bao-cao/ has a report to read and the Department of Justice a worked example."""

import contextlib
import datetime

from django.contrib.auth import get_user_model

from portal.pdf import PdfUnavailable

from . import compilation, pdf, services
from .models import YearlyReport

YEAR = 2025
SITUATION = (
    "Các cơ quan, đơn vị trên địa bàn tỉnh đã lập và công khai danh mục thông tin phải công "
    "khai, cử cán bộ đầu mối và tiếp nhận yêu cầu cung cấp thông tin trực tuyến qua Cổng tiếp "
    "cận thông tin của tỉnh.\n"
    "Phần lớn yêu cầu được giải quyết đúng thời hạn; các trường hợp từ chối đều có văn bản nêu "
    "rõ lý do theo Điều 28 Luật Tiếp cận thông tin."
)
DIFFICULTIES = (
    "Một số xã, phường sau sắp xếp đơn vị hành chính chưa cử cán bộ đầu mối và chưa ban hành "
    "quy chế cung cấp thông tin.\n"
    "Một số yêu cầu phức tạp cần ý kiến của nhiều đơn vị nên phải gia hạn."
)
RECOMMENDATIONS = (
    "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các xã, phường còn thiếu sớm cử cán bộ đầu mối và "
    "ban hành quy chế.\n"
    "Tiếp tục tập huấn cho cán bộ đầu mối về quy trình và thời hạn giải quyết yêu cầu."
)


def seed(write):
    period = (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    if YearlyReport.objects.filter(period_start=period[0], period_end=period[1]).exists():
        write(f"Reports: {YearlyReport.objects.count()}; none added now.")
        return
    staff = get_user_model().objects.filter(username="tuphap.baocao").first()
    report = services.request_compilation(*period, actor=staff)
    # Compiled here and now, so the demo can publish it; the task queued for the commit then
    # finds this run done and does nothing.
    compilation.run(report.pk, str(report.run_id))
    report.refresh_from_db()
    services.save_narrative(
        report,
        situation=SITUATION,
        difficulties=DIFFICULTIES,
        recommendations=RECOMMENDATIONS,
        actor=staff,
    )
    if report.checks_passed:
        services.mark_reviewed(report, actor=staff)
        report = services.publish(report, actor=staff)
        with contextlib.suppress(PdfUnavailable):
            pdf.render_stored(report.pk)
    write(f"Reports: the {YEAR} report of the province, {report.state}.")
