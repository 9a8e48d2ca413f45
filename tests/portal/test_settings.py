"""Production settings come from the environment and refuse to start half-configured."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]


def _run(args, **env_overrides):
    """Run manage.py with ``args``, or a Python snippet with ``["--python", code]``."""
    command = [sys.executable, "-c", args[1]] if args[0] == "--python" else MANAGE + args
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", **env_overrides)
    return subprocess.run(
        command,
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _production(**extra):
    return {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "tiepcanthongtin.angiang.gov.vn",
        **extra,
    }


def test_check_deploy_reports_nothing_with_production_settings():
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], **_production())

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = _production()
    del env["SECRET_KEY"]

    result = _run(["check"], **env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_or_generated_secret_key():
    result = _run(["check"], **_production(SECRET_KEY="django-insecure-" + "x" * 60))

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = _production()
    del env["ALLOWED_HOSTS"]

    result = _run(["check"], **env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_embedded_defaults_without_any_service_variable():
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND,"
        " str(s.MEDIA_ROOT).endswith('var/media'), s.TIME_ZONE, s.LANGUAGE_CODE,"
        " s.EMAIL_FILE_PATH == str(s.BASE_DIR / 'var' / 'mail'))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "MEDIA_ROOT", "REDIS_URL"}
    }
    env["DJANGO_DEBUG"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
        "True",
        "Asia/Ho_Chi_Minh",
        "vi",
        "True",
    ]


def test_service_urls_configure_postgresql_redis_and_a_real_broker():
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], bool(s.DATABASES['default']['OPTIONS']['pool']),"
        " s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'].rsplit('.', 1)[-1])"
    )
    result = _run(
        ["--python", script],
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://portal@db:5432/portal",
        CELERY_BROKER_URL="redis://redis:6379/0",
        REDIS_URL="redis://redis:6379/1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "True", "False", "RedisCache"]
