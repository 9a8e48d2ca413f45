"""Department of Justice staff create officers' accounts; officers choose their own password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from agencies.models import Officer
from agencies.services import create_officer
from portal.roles import FOCAL_POINT_OFFICERS
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def create_through_admin(client, django_capture_on_commit_callbacks):
    def create(agency, **overrides):
        data = {
            "username": "canbo.ytethu",
            "email": "ytethu@example.com",
            "full_name": "Phạm Thị Thu",
            "agency": agency.pk,
            "position": "Chuyên viên Văn phòng",
        } | overrides
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("admin:agencies_officer_add"), data)

    return create


def test_doj_creates_an_officer_who_receives_a_set_password_link(
    client, doj_user, agency_a, create_through_admin
):
    client.force_login(doj_user)

    response = create_through_admin(agency_a)

    assert response.status_code == 302
    officer = Officer.objects.get(user__username="canbo.ytethu")
    assert officer.agency == agency_a
    assert officer.user.is_staff
    assert list(officer.user.groups.values_list("name", flat=True)) == [FOCAL_POINT_OFFICERS]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ytethu@example.com"]
    assert "Tên đăng nhập: canbo.ytethu" in mail.outbox[0].body


def test_the_emailed_link_lets_the_officer_choose_a_password(
    client, doj_user, agency_a, create_through_admin
):
    client.force_login(doj_user)
    create_through_admin(agency_a)
    client.logout()
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-rat-dai-2026", "new_password2": "Mat-khau-rat-dai-2026"},
    )

    user = get_user_model().objects.get(username="canbo.ytethu")
    assert user.check_password("Mat-khau-rat-dai-2026")


def test_a_taken_username_is_refused_and_nothing_is_created(
    client, doj_user, agency_a, create_through_admin
):
    factories.UserFactory(username="canbo.ytethu")
    client.force_login(doj_user)

    response = create_through_admin(agency_a)

    assert response.status_code == 200
    assert "Tên đăng nhập này đã có người dùng" in response.content.decode()
    assert not Officer.objects.exists()
    assert mail.outbox == []


def test_deactivating_an_officer_blocks_the_account_and_keeps_the_record(
    client, doj_user, agency_a
):
    officer = create_officer(
        username="canbo.cu", email="cu@example.com", full_name="Võ Văn Cũ", agency=agency_a
    )
    client.force_login(doj_user)

    client.post(
        reverse("admin:agencies_officer_change", args=[officer.pk]),
        {"agency": agency_a.pk, "full_name": "Võ Văn Cũ", "position": "", "phone": ""},
    )

    officer.refresh_from_db()
    assert officer.user.is_active is False
    assert Officer.objects.filter(pk=officer.pk).exists()


def test_a_deactivated_officer_sees_nothing(client, agency_a):
    officer = factories.OfficerFactory(agency=agency_a)
    officer.user.is_active = False
    officer.user.save()
    client.force_login(officer.user)

    response = client.get(reverse("admin:agencies_agency_changelist"))

    assert response.status_code == 302  # back to the login page


def test_with_the_mail_server_down_the_officer_is_created_and_the_mail_waits(
    client, doj_user, agency_a, create_through_admin, settings
):
    from portal.models import OutboxMessage

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    client.force_login(doj_user)

    response = create_through_admin(agency_a)

    assert response.status_code == 302
    assert Officer.objects.filter(user__username="canbo.ytethu").exists()
    waiting = OutboxMessage.objects.get()
    assert waiting.sent_at is None and waiting.last_error
