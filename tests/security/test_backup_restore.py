"""A backup made as docs/backups.md says restores every request and every stored file.

The test runs the very scripts the document gives (scripts/backup.sh, scripts/restore.sh) with
the host's pg_dump, pg_restore and tar instead of the compose containers, restores into a fresh
database and a fresh media directory, and reads the restored database directly.
"""

import os
import shutil
import stat
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, models

from requests_app.models import RequestAttachment, ResponseFile
from tests import factories
from tests.conftest import needs, uses_postgresql
from tests.security.test_uploads import real_docx, real_pdf, real_png

SCRIPTS = Path(settings.BASE_DIR) / "scripts"


@pytest.fixture
def postgresql_tools():
    needs(uses_postgresql(), "pg_dump backs up PostgreSQL only; .ci/run uses it")
    for tool in ("pg_dump", "pg_restore", "createdb"):
        needs(shutil.which(tool), f"{tool} not on PATH (Debian package postgresql-client)")


def _environment(media: Path) -> dict:
    """The scripts' variables for this host's tools and the test database."""
    db = connection.settings_dict
    return {
        **os.environ,
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or 5432),
        "PGPASSWORD": db["PASSWORD"] or "",
        "PORTAL_DB": db["NAME"],
        "PORTAL_DB_USER": db["USER"],
        "PORTAL_MEDIA": str(media),
        "DB_EXEC": "",
        "MEDIA_EXEC": "",
    }


def _run(script: str, *args, media: Path) -> list[str]:
    done = subprocess.run(
        ["sh", str(SCRIPTS / script), *map(str, args)],
        env=_environment(media),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def _connect(dbname: str):
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def _stored_files() -> dict[tuple[str, str], set[str]]:
    """{(table, column): the names stored} for every file field of every model."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names = model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                found[(model._meta.db_table, field.column)] = set(names)
    return found


def _some_requests_with_files(agency) -> list[str]:
    codes = []
    for number, (name, content) in enumerate(
        [("dong-y.pdf", real_pdf()), ("uy-quyen.docx", real_docx()), ("anh.png", real_png())]
    ):
        req = factories.make_request(agency, full_name=f"Người yêu cầu số {number}")
        attachment = RequestAttachment(request=req, kind="consent")
        attachment.file.save(name, ContentFile(content), save=True)
        provided = ResponseFile(request=req, title="Văn bản cung cấp")
        provided.file.save("van-ban.pdf", factories.pdf_file(), save=True)
        codes.append(req.tracking_code)
    factories.InternalRegulationFactory(agency=agency)
    factories.CatalogFileFactory(entry=factories.CatalogEntryFactory(agency=agency))
    return codes


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_holds_every_request_and_file(
    postgresql_tools, agency_a, migrated_data, tmp_path
):
    codes = _some_requests_with_files(agency_a)
    files = _stored_files()
    assert sum(len(names) for names in files.values()) == 3 + 3 + 1 + 1  # nothing vacuous
    media = Path(settings.MEDIA_ROOT)
    dump, archive = _run("backup.sh", tmp_path / "backups", media=media)

    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    restored_db = f"portal_restore_{uuid.uuid4().hex[:12]}"
    try:
        _run("restore.sh", dump, archive, restored_db, media=restored_media)

        with _connect(restored_db) as restored:
            rows = restored.execute("SELECT tracking_code FROM requests_app_informationrequest")
            assert {code for (code,) in rows} == set(codes)
            for (table, column), names in files.items():
                query = f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> %s'
                rows = restored.execute(query, [""])
                assert {name for (name,) in rows} == names, table
    finally:
        with _connect("postgres") as server:
            server.execute(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)')

    for names in files.values():
        for name in names:
            assert (restored_media / name).read_bytes() == (media / name).read_bytes(), name


@pytest.mark.django_db(transaction=True)
def test_backup_files_are_readable_by_their_owner_only(
    postgresql_tools, agency_a, migrated_data, tmp_path
):
    # They hold every requester's name, ID number and files: like the database itself.
    _some_requests_with_files(agency_a)

    written = _run("backup.sh", tmp_path / "backups", media=Path(settings.MEDIA_ROOT))

    assert len(written) == 2
    for path in written:
        assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600, path
    assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700
    assert not list((tmp_path / "backups").glob("*.part"))
