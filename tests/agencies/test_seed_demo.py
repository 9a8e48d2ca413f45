"""`manage.py seed_demo`: a realistic province, loaded once, never on a production site."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from agencies.models import Agency, FocalPoint, InternalRegulation
from portal.roles import sees_all_agencies

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Agency.objects.count(),
        FocalPoint.objects.count(),
        InternalRegulation.objects.count(),
        get_user_model().objects.count(),
    )


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo", force=True)
    first = _counts()
    call_command("seed_demo", force=True)

    assert _counts() == first
    assert first[0] > 50
    assert "canbo.taichinh" in capsys.readouterr().out


def test_demo_province_has_compliant_and_non_compliant_agencies():
    call_command("seed_demo", force=True)
    counts = Agency.objects.active().with_compliance().aggregate_compliance()

    assert 0 < counts["has_active_focal_point"] < counts["total"]
    assert 0 < counts["has_current_regulation"] < counts["total"]
    assert Agency.objects.filter(name="Đặc khu Thổ Châu", area_rate=50).exists()
    assert Agency.objects.filter(is_active=False, successor__isnull=False).count() == 4


def test_demo_users_have_their_roles():
    call_command("seed_demo", force=True)
    users = {u.username: u for u in get_user_model().objects.all()}

    assert users["admin"].is_superuser
    assert sees_all_agencies(users["tuphap.baocao"])
    assert users["canbo.taichinh"].officer.agency.name == "Sở Tài chính tỉnh An Giang"
    assert users["canbo.phuquoc"].officer.agency.name == "Đặc khu Phú Quốc"
    assert users["canbo.phuquoc"].check_password("Demo@2026")


def test_a_regulation_history_is_seeded():
    call_command("seed_demo", force=True)
    justice = Agency.objects.get(name="Sở Tư pháp tỉnh An Giang")

    assert justice.regulations.published().count() == 2
    assert justice.regulations.current().get().decision_date.year == 2025


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="passwords are public"):
        call_command("seed_demo")
    assert Agency.objects.count() == 0
