"""Security headers in production, secure cookies, password rules and the admin login lockout.

The headers are read from a process started with the production settings (DJANGO_DEBUG=0), the
way gunicorn runs the site, on a public page and on the admin.
"""

import json
import secrets

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from tests.portal.test_settings import _run

HOST = "tiepcanthongtin.angiang.gov.vn"
PAGES = {"public": "/yeu-cau/tra-cuu/", "admin": "/admin/login/"}
READ_HEADERS = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
# Static URLs without the manifest (that needs collectstatic); the headers are the same.
settings.STORAGES["staticfiles"] = {{
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}}
client = Client(HTTP_HOST={host!r})
found = {{}}
for name, path in {pages!r}.items():
    response = client.get(path, secure=True)
    found[name] = {{"status": response.status_code, "headers": dict(response.headers),
                   "cookies": {{key: dict(morsel) for key, morsel in response.cookies.items()}}}}
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def production_responses(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    result = _run(
        ["--python", READ_HEADERS.format(host=HOST, pages=PAGES)],
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{folder / 'empty.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("page", PAGES)
def test_production_pages_carry_the_security_headers(production_responses, page):
    response = production_responses[page]
    headers = response["headers"]

    assert response["status"] == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = dict(
        [*part.split(" ", 1), ""][:2] for part in headers["Content-Security-Policy"].split("; ")
    )
    assert policy["script-src"].split()[0] == "'self'"  # plus a nonce on pages that need one
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"
    if page == "public":  # the admin's editor needs inline styles, the public site does not
        assert "'unsafe-inline'" not in policy["style-src"]


def test_production_cookies_are_secure_and_out_of_scripts_reach(production_responses):
    cookies = production_responses["public"]["cookies"]

    assert cookies["csrftoken"]["secure"] is True
    assert cookies["csrftoken"]["samesite"] == "Lax"


def test_the_session_cookie_is_secure_and_http_only_in_production():
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SAMESITE)"
    )
    result = _run(
        ["--python", script],
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
    )

    assert result.stdout.split() == ["True", "True", "True", "True", "Lax"]


@pytest.mark.parametrize("password", ["123456", "password", "anhoang", "Ab1"])
def test_weak_passwords_are_refused(db, password):
    user = factories.UserFactory(username="anhoang", first_name="An", last_name="Hoàng")

    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_is_accepted(db):
    user = factories.UserFactory(username="canbo.xyz")

    validate_password("Rạch-Giá-mùa-nước-nổi-2026", user)


def test_repeated_failed_admin_logins_lock_the_account_out(client, officer_a, settings):
    login = reverse("admin:login")
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        client.post(login, {"username": officer_a.username, "password": "sai mật khẩu"})

    response = client.post(
        login, {"username": officer_a.username, "password": "correct horse battery"}
    )

    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session  # even the right password does not get in


def test_a_successful_login_before_the_limit_resets_the_count(client, officer_a, settings):
    login = reverse("admin:login")
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(2):
        client.post(login, {"username": officer_a.username, "password": "sai mật khẩu"})

    response = client.post(
        login, {"username": officer_a.username, "password": "correct horse battery"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)
