"""Stored cross-site scripting and spreadsheet formula injection.

Script payloads are saved in every text shown to someone: the agency, its focal point, its
internal regulation (rich text, portal/richtext.py), catalog entries, a citizen's request and
complaint, the texts of a report. Each page that shows them (public pages, the admin's lists and
change forms, the Atom feed, the HTML the PDFs are made from, the PDFs themselves) must show
them as text: no live <script>, no on* attribute, no javascript: link. Exports neutralise a
cell that a spreadsheet would read as a formula.
"""

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import Agency, FocalPoint
from agencies.services import publish_regulation
from catalogs.models import CatalogEntry
from portal.richtext import sanitize_html
from requests_app.models import Complaint, InformationRequest
from tests import factories, pdfs
from tests.conftest import needs

pytestmark = pytest.mark.django_db
D = datetime.date

PAYLOAD = '"><svg onload=alert(1)><script>alert(1)</script><img src=x onerror=alert(1)>'
SHORT = "<svg onload=alert(1)>"
# How the short payload reads once escaped by Django's templates: the proof it was shown.
SHOWN_ESCAPED = "&lt;svg onload=alert(1)&gt;"
RICH = (
    "<p>Điều 1. Phạm vi</p><script>alert(1)</script><img src=x onerror=alert(1)>"
    '<p onclick="alert(1)">Điều 2</p><a href="javascript:alert(1)">xem</a>'
    '<a href=" JaVaScRiPt:alert(1)">xem</a><a href="https://angiang.gov.vn">cổng</a>'
)


class LiveMarkup(HTMLParser):
    """What in a page would run: scripts with the payload, on* attributes, javascript: URLs."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"<{tag} {name}={value}>")
            if name in self.URL_ATTRIBUTES and value.replace("\t", "").startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(1)" in data:
            self.found.append(f"<script>{data}</script>")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    return parser.found


def assert_inert(html: str, *, shown: bool = True) -> None:
    assert live_markup(html) == []
    if shown:
        assert SHOWN_ESCAPED in html


def fill(instance: models.Model, **overrides) -> models.Model:
    """Every free-text field the payload fits in, except names the code parses (slug, e-mail)."""
    for field in instance._meta.concrete_fields:
        plain_text = isinstance(field, models.CharField | models.TextField)
        if not plain_text or field.choices or not field.editable or field.primary_key:
            continue
        if isinstance(field, models.SlugField | models.EmailField | models.URLField):
            continue
        if field.name in ("tracking_code", "id_number", "document_code", "body"):
            continue
        limit = field.max_length or 10_000
        value = PAYLOAD if limit >= len(PAYLOAD) else SHORT if limit >= len(SHORT) else None
        if value is not None:
            setattr(instance, field.attname, value)
    for name, value in overrides.items():
        setattr(instance, name, value)
    instance.save()
    return instance


@pytest.fixture
def stored(db):
    """An agency, its focal point, regulation, entry, request and complaint, all with payloads."""
    agency = fill(factories.AgencyFactory(slug="so-tai-chinh", document_code="STC"))
    focal_point = fill(factories.FocalPointFactory(agency=agency))
    regulation = factories.InternalRegulationFactory(agency=agency, body=RICH)
    publish_regulation(fill(regulation))
    entry = fill(factories.CatalogEntryFactory(agency=agency))
    request_obj = fill(factories.make_request(agency, full_name=SHORT))
    complaint = fill(Complaint(agency=agency, kind="complaint", full_name=SHORT, content=PAYLOAD))
    return {
        "agency": agency,
        "focal_point": focal_point,
        "regulation": regulation,
        "entry": entry,
        "request": request_obj,
        "complaint": complaint,
    }


# --- what is stored ----------------------------------------------------------------------


def test_the_rich_text_of_a_regulation_is_stored_sanitised(stored):
    body = stored["regulation"].__class__.objects.get(pk=stored["regulation"].pk).body

    assert live_markup(body) == []
    assert "<script" not in body and "onerror" not in body and "onclick" not in body
    assert "Điều 1. Phạm vi" in body and 'href="https://angiang.gov.vn"' in body


def test_the_sanitiser_drops_what_the_rich_text_editor_cannot_make():
    cleaned = sanitize_html('<svg onload=alert(1)></svg><iframe src="javascript:alert(1)">')

    assert live_markup(cleaned) == [] and "iframe" not in cleaned and "svg" not in cleaned


@pytest.mark.parametrize("model,url_field", [(Agency, "website"), (CatalogEntry, "access_url")])
@pytest.mark.parametrize("url", ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,x"])
def test_a_javascript_or_data_address_is_refused_as_a_website_or_access_link(model, url_field, url):
    field = model._meta.get_field(url_field).formfield()

    with pytest.raises(Exception) as refused:
        field.clean(url)

    assert refused.typename == "ValidationError"


# --- public pages ------------------------------------------------------------------------


def test_public_pages_show_the_payloads_as_text(client, stored):
    agency, entry = stored["agency"], stored["entry"]
    pages = [
        reverse("agencies:directory"),
        reverse("agencies:directory") + "?q=svg",
        agency.get_absolute_url(),
        reverse("catalogs:list"),
        reverse("catalogs:list") + "?q=svg",
        reverse("catalogs:agency_list", args=[agency.slug]),
        entry.get_absolute_url(),
        reverse("requests_app:submit") + f"?entry={entry.pk}",
        reverse("requests_app:complaint", args=[agency.slug]),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.content.decode())


def test_the_regulation_page_shows_the_sanitised_rich_text(client, stored):
    page = client.get(reverse("agencies:regulation", args=[stored["agency"].slug]))

    html = page.content.decode()
    assert_inert(html)  # the title, decision number… escaped
    assert "<p>Điều 1. Phạm vi</p>" in html  # and the body as HTML, sanitised


def test_a_regulation_body_written_by_raw_sql_is_sanitised_again_on_output(client, stored):
    """RichTextField sanitises on save; a row written around the ORM is cleaned when shown."""
    regulation = stored["regulation"]
    regulation.__class__.objects.filter(pk=regulation.pk).update(body=RICH)

    html = client.get(reverse("agencies:regulation", args=[stored["agency"].slug]))

    assert live_markup(html.content.decode()) == []


def test_the_request_receipt_and_status_pages_show_the_citizens_text_as_text(client, agency_a):
    data = {
        "agency": agency_a.pk,
        "requester_kind": "self",
        "full_name": SHORT,
        "id_type": "citizen_card",
        "id_number": "091188004321",
        "address": PAYLOAD,
        "email": "hoa@example.com",
        "information": PAYLOAD,
        "purpose": PAYLOAD,
        "delivery_form": "email",
        "copies": "1",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "website": "",
    }
    cache.clear()
    receipt = client.post(reverse("requests_app:submit"), data, follow=True)
    code = InformationRequest.objects.get().tracking_code
    status = client.get(reverse("requests_app:status", args=[code]))

    assert_inert(receipt.content.decode())
    assert_inert(status.content.decode())


def test_the_form_shown_again_with_errors_escapes_what_was_typed(client, agency_a):
    cache.clear()
    response = client.post(
        reverse("requests_app:submit"), {"agency": agency_a.pk, "full_name": SHORT, "_check": "1"}
    )

    assert_inert(response.content.decode())


def test_the_atom_feed_escapes_titles_and_html_summaries(client, stored):
    """The summary is type="html": a reader decodes the XML, then renders the HTML."""
    for path in (
        reverse("catalogs:feed"),
        reverse("catalogs:agency_feed", args=[stored["agency"].slug]),
    ):
        feed = ET.fromstring(client.get(path).content)
        atom = "{http://www.w3.org/2005/Atom}"
        entry = feed.find(f"{atom}entry")
        summary = entry.find(f"{atom}summary")

        assert summary.get("type") == "html"
        assert live_markup(summary.text) == []  # what the reader renders
        assert SHOWN_ESCAPED in summary.text
        assert entry.find(f"{atom}title").get("type") in (None, "text")  # shown as text


# --- the admin ---------------------------------------------------------------------------


def test_the_admin_lists_and_change_forms_show_the_payloads_as_text(client, stored):
    client.force_login(
        get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    )
    objects = [
        stored["agency"],
        stored["regulation"],
        stored["entry"],
        stored["request"],
        stored["complaint"],
    ]
    shown = {}
    for obj in objects:
        meta = obj._meta
        for path in (
            reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
            reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist") + "?q=svg",
            reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]),
        ):
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            assert live_markup(html) == [], path
            # The list of requests shows their codes only, not the requester (privacy).
            if not (isinstance(obj, InformationRequest) and "change" not in path):
                shown[path] = SHOWN_ESCAPED in html
    assert [path for path, yes in shown.items() if not yes] == []
    focal_point = client.get(reverse("admin:agencies_focalpoint_changelist"))
    assert_inert(focal_point.content.decode())
    assert FocalPoint.objects.get().name == PAYLOAD


# --- PDFs --------------------------------------------------------------------------------


@pytest.fixture
def captured_pdf_html(monkeypatch):
    """The HTML each PDF is made from, whether or not WeasyPrint is installed."""
    import portal.pdf
    import reports.pdf

    pages = []

    def capture(html):
        pages.append(html)
        return b"%PDF-1.7\n%%EOF\n"

    monkeypatch.setattr(portal.pdf, "html_to_pdf", capture)
    monkeypatch.setattr(reports.pdf, "html_to_pdf", capture)
    return pages


def test_the_notice_is_made_from_html_that_shows_the_payloads_as_text(stored, captured_pdf_html):
    from requests_app import notices

    agency = stored["agency"]
    Agency.objects.filter(pk=agency.pk).update(signer_title=SHORT, signer_name=PAYLOAD)

    notices.issue(stored["request"], "02", actor=None)

    assert len(captured_pdf_html) == 1
    assert_inert(captured_pdf_html[0])


def test_the_notice_pdf_prints_the_payload_as_text(stored, tmp_path):
    needs(pdfs.tools_ready(), pdfs.TOOLS_MISSING)
    from requests_app import notices

    notice = notices.issue(stored["request"], "02", actor=None)

    # Escaped, the markup is printed as it was typed; unescaped, WeasyPrint would have dropped it.
    assert SHORT in pdfs.text(notice.pdf.path).replace("\n", "")


def publish_report(django_capture_on_commit_callbacks, **texts):
    from reports import services

    doj_user = factories.DojUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_compilation(D(2025, 1, 1), D(2025, 12, 31))
    report.refresh_from_db()
    services.save_narrative(report, **texts, actor=doj_user)
    services.mark_reviewed(report, actor=doj_user)
    return services.publish(report, actor=doj_user)


@pytest.fixture
def report_with_payloads(stored, django_capture_on_commit_callbacks):
    return publish_report(
        django_capture_on_commit_callbacks,
        situation=PAYLOAD,
        difficulties=SHORT,
        recommendations=PAYLOAD,
    )


def test_the_report_page_and_the_html_of_its_pdf_show_the_payloads_as_text(
    client, report_with_payloads, captured_pdf_html
):
    from reports.pdf import report_html

    page = client.get(report_with_payloads.get_absolute_url())

    assert_inert(page.content.decode())
    assert_inert(report_html(report_with_payloads))


# --- spreadsheets --------------------------------------------------------------------------

FORMULAS = ('=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1")


def _csv_cells(response) -> list[str]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _xlsx_cells(response) -> list:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _formula_like(cells) -> list[str]:
    return [c for c in cells if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_catalog_exports_neutralise_formulas(client, agency_a, formula):
    factories.CatalogEntryFactory(agency=agency_a, title=formula, summary=formula)

    csv_cells = _csv_cells(client.get(reverse("catalogs:export_csv")))
    xlsx_cells = _xlsx_cells(client.get(reverse("catalogs:export_xlsx")))

    assert _formula_like(csv_cells) == [] and _formula_like(xlsx_cells) == []
    assert "'" + formula.strip("\t\r") in " ".join(csv_cells).replace("\t", "").replace("\r", "")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_register_of_requests_neutralises_a_requesters_formula(
    client, agency_a, officer_a, file_format
):
    for formula in FORMULAS:
        factories.make_request(agency_a, full_name=formula, information=formula)
    client.force_login(officer_a)
    today = datetime.date.today()

    response = client.get(
        reverse("admin:requests_app_informationrequest_register"),
        {
            "agency": agency_a.pk,
            "start": (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            "end": (today + datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            "file_format": file_format,
        },
    )

    cells = _csv_cells(response) if file_format == "csv" else _xlsx_cells(response)
    names = [c for c in cells if isinstance(c, str) and "HYPERLINK" in c]
    assert names and all(c.startswith("'") for c in names)
    assert _formula_like(cells) == []


def test_the_report_exports_neutralise_an_agency_name_that_is_a_formula(
    client, db, django_capture_on_commit_callbacks
):
    factories.AgencyFactory(name='=HYPERLINK("http://x","y")')
    report = publish_report(
        django_capture_on_commit_callbacks, situation="a", difficulties="b", recommendations="c"
    )

    csv_cells = _csv_cells(client.get(reverse("reports:csv", args=[report.pk])))
    xlsx_cells = _xlsx_cells(client.get(reverse("reports:xlsx", args=[report.pk])))

    for cells in (csv_cells, xlsx_cells):
        assert '\'=HYPERLINK("http://x","y")' in cells
        assert _formula_like(cells) == []
