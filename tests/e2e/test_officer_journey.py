"""An officer keeps their agency's regulation current in the admin, in a real browser."""

import pytest

from agencies.models import InternalRegulation
from tests import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(province):
    user = factories.OfficerFactory(agency=province).user
    user.set_password("Mat-khau-2026!")
    user.save()
    return user


def _log_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "Mat-khau-2026!")
    page.click("input[type=submit]")


def test_rich_text_editor_loads_under_the_content_security_policy(live_server, page, officer):
    _log_in(page, live_server, officer)

    page.goto(live_server.url + "/admin/agencies/internalregulation/add/")
    page.wait_for_selector(".prose-editor [contenteditable=true]")

    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_officer_writes_a_regulation_with_the_editor_and_saves_it(
    live_server, page, officer, province
):
    _log_in(page, live_server, officer)
    page.goto(live_server.url + "/admin/agencies/internalregulation/add/")

    page.fill("#id_title", "Quy chế sửa đổi năm 2026")
    page.fill("#id_decision_number", "15/QĐ-STP")
    page.fill("#id_decision_date", "02/01/2026")
    page.fill("#id_effective_date", "15/01/2026")
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.type("Điều 1. Phạm vi điều chỉnh")
    page.click("input[name=_save]")
    page.wait_for_url("**/internalregulation/")

    saved = InternalRegulation.objects.get(title="Quy chế sửa đổi năm 2026")
    assert saved.agency == province
    assert saved.decision_date.isoformat() == "2026-01-02"
    assert "Điều 1. Phạm vi điều chỉnh" in saved.body
