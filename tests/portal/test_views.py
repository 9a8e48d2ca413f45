"""Site-wide views: the health check and the error pages."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def _healthcheck(**env):
    return subprocess.run(
        [sys.executable, "-m", "portal.healthcheck"],
        env={**os.environ, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_container_healthcheck_passes_against_a_running_server(live_server):
    port = live_server.url.rsplit(":", 1)[1]

    result = _healthcheck(ALLOWED_HOSTS="localhost,testserver", PORT=port)

    assert result.returncode == 0, result.stderr


def test_healthcheck_fails_when_nothing_listens():
    assert _healthcheck(ALLOWED_HOSTS="localhost", PORT="9").returncode == 1


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404_in_the_pages_language(client):
    vi = client.get("/khong-co-trang-nay/")
    en = client.get("/en/no-such-page/")

    assert vi.status_code == en.status_code == 404
    assert "Không tìm thấy trang" in vi.content.decode()
    assert "Page not found" in en.content.decode()


@pytest.mark.django_db
def test_post_to_a_read_only_page_is_refused_not_crashed(client):
    assert client.post("/co-quan/").status_code == 405


def test_a_file_of_an_unexpected_type_is_downloaded_not_shown(tmp_path, settings):
    from django.core.files.storage import FileSystemStorage

    from portal.files import serve_file

    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("trang.html", __import__("io").BytesIO(b"<script>alert(1)</script>"))
    response = serve_file(storage.open(name))
    response.file_to_stream.close()

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "headings"),
    [
        ("/", ["Bạn có thể yêu cầu những thông tin nào", "Cách yêu cầu cung cấp thông tin"]),
        ("/en/", ["What you may ask for", "How to ask"]),
    ],
)
def test_home_says_what_to_ask_how_and_what_it_costs_and_links_on(client, path, headings):
    page = client.get(path).content.decode()
    fees = page.split('id="fees-title"')[1].split("</section>")[0]

    for heading in headings:
        assert f">{heading}</h2>" in page
    assert "46/2018/TT-BTC" in fees and "70%" in fees
    assert f'href="{path}co-quan/"' in page  # the agencies
    assert f'href="{path}danh-muc/"' in page  # the catalogs
