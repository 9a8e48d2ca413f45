"""The production files: docker-compose.yml and the Dockerfile."""

import re
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_parses_and_names_all_five_services():
    assert set(_compose()["services"]) == {"db", "redis", "web", "worker", "beat"}


def test_every_service_has_a_healthcheck_that_can_fail():
    services = _compose()["services"]

    assert all("healthcheck" in service for service in services.values())
    assert "-mmin" in " ".join(services["beat"]["healthcheck"]["test"])  # not just "file exists"
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "portal.healthcheck"]


def test_gunicorn_is_reachable_only_through_the_local_proxy():
    web = _compose()["services"]["web"]

    assert web["ports"] == ["127.0.0.1:8000:8000"]
    assert web["environment"]["DJANGO_BEHIND_PROXY"] == "${DJANGO_BEHIND_PROXY:-1}"


def test_celery_starts_after_the_migrations_and_reads_the_env_file():
    services = _compose()["services"]

    for name in ("worker", "beat"):
        assert services[name]["depends_on"]["web"]["condition"] == "service_healthy"
        assert services[name]["env_file"] == ".env"


def test_data_lives_in_named_volumes():
    compose = _compose()

    assert set(compose["volumes"]) == {"pgdata", "redisdata", "media"}
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]
    assert "media:/data/media" in compose["services"]["web"]["volumes"]


def test_web_migrates_then_serves_with_gunicorn_in_production_mode():
    web = _compose()["services"]["web"]

    assert "migrate --noinput" in web["command"]
    assert "gunicorn portal.wsgi:application" in web["command"]
    assert web["environment"]["DJANGO_DEBUG"] == "0"
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert web["environment"]["CELERY_BROKER_URL"].startswith("redis://")


def test_worker_and_beat_run_celery_from_the_same_image():
    services = _compose()["services"]

    assert services["worker"]["image"] == services["web"]["image"] == services["beat"]["image"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]


def test_dockerfile_installs_weasyprints_libraries_and_not_liberation_v1():
    dockerfile = (ROOT / "Dockerfile").read_text()

    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fontconfig"):
        assert package in dockerfile
    assert not re.search(r"fonts-liberation\b(?!2)", dockerfile)
