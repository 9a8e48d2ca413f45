"""Drafts and not-accessible entries never reach a public surface (Law Arts 6, 34(1)(e)).

Each surface is fetched and searched for the hidden titles and file URLs: pages, search,
CSV/XLSX/JSON exports, the Atom feeds and the sitemap.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from catalogs.models import CatalogEntry
from tests import factories

pytestmark = pytest.mark.django_db

VISIBLE = "Báo cáo công khai quyết toán ngân sách năm 2025"
DRAFT = "Dự thảo báo cáo chưa duyệt ngân sách"
SECRET = "Biên bản cuộc họp nội bộ về ngân sách"
CONDITIONAL = "Hồ sơ dự thầu gói thầu ngân sách số 7"


@pytest.fixture
def catalog(agency_a):
    visible = factories.CatalogEntryFactory(agency=agency_a, title=VISIBLE)
    draft = factories.CatalogEntryFactory(
        agency=agency_a, title=DRAFT, status=CatalogEntry.Status.DRAFT, published_at=None
    )
    secret = factories.CatalogEntryFactory(
        agency=agency_a,
        title=SECRET,
        classification=CatalogEntry.Classification.NOT_ACCESSIBLE,
        not_accessible_ground="internal_meeting",
    )
    conditional = factory_conditional(agency_a)
    files = {
        "visible": factories.CatalogFileFactory(entry=visible),
        "draft": factories.CatalogFileFactory(entry=draft),
        "secret": factories.CatalogFileFactory(entry=secret),
        "conditional": factories.CatalogFileFactory(entry=conditional),
        "hidden_file": factories.CatalogFileFactory(
            entry=visible,
            classification=CatalogEntry.Classification.NOT_ACCESSIBLE,
            not_accessible_ground="work_secret",
        ),
    }
    return {"entries": (visible, draft, secret, conditional), "files": files}


def factory_conditional(agency):
    return factories.CatalogEntryFactory(
        agency=agency, title=CONDITIONAL, catalog=CatalogEntry.Catalog.CONDITIONAL
    )


def _text(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def _public_surfaces(client, agency):
    surfaces = {
        "list": client.get(reverse("catalogs:list")),
        "search": client.get(reverse("catalogs:list"), {"q": "ngan sach"}),
        "agency list": client.get(reverse("catalogs:agency_list", args=[agency.slug])),
        "agency page": client.get(agency.get_absolute_url()),
        "csv": client.get(reverse("catalogs:export_csv"), {"q": "ngan sach"}),
        "json list": client.get(reverse("api:entries"), {"q": "ngan sach"}),
        "feed": client.get(reverse("catalogs:feed")),
        "agency feed": client.get(reverse("catalogs:agency_feed", args=[agency.slug])),
        "sitemap": client.get("/sitemap-catalog.xml"),
        "english list": client.get("/en/danh-muc/"),
        "request form suggestions": client.post(
            reverse("requests_app:submit"),
            {
                "information": "ngân sách",
                "_check": "1",
                "members-TOTAL_FORMS": "0",
                "members-INITIAL_FORMS": "0",
            },
        ),
    }
    workbook = load_workbook(io.BytesIO(_text_bytes(client.get(reverse("catalogs:export_xlsx")))))
    surfaces["xlsx"] = "\n".join(
        " ".join(str(cell) for cell in row if cell is not None)
        for row in workbook.active.iter_rows(values_only=True)
    )
    return {name: r if isinstance(r, str) else _text(r) for name, r in surfaces.items()}


def _text_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def test_drafts_and_not_accessible_entries_are_absent_from_every_public_surface(
    client, catalog, agency_a
):
    _visible, draft, secret, _conditional = catalog["entries"]

    for name, text in _public_surfaces(client, agency_a).items():
        assert DRAFT not in text, name
        assert SECRET not in text, name
        assert f"/danh-muc/{draft.pk}/" not in text, name
        assert f"/danh-muc/{secret.pk}/" not in text, name
        for key in ("draft", "secret", "conditional", "hidden_file"):
            assert catalog["files"][key].get_absolute_url() not in text, (name, key)


def test_the_visible_entry_is_on_every_listing_surface(client, catalog, agency_a):
    for name, text in _public_surfaces(client, agency_a).items():
        if name != "agency page":
            assert VISIBLE in text or f"/danh-muc/{catalog['entries'][0].pk}/" in text, name


def test_hidden_entries_pages_answer_404(client, catalog):
    _visible, draft, secret, _conditional = catalog["entries"]

    for entry in (draft, secret):
        assert client.get(entry.get_absolute_url()).status_code == 404
        assert client.get(reverse("api:entry", args=[entry.pk])).status_code == 404


def test_the_request_form_is_not_prefilled_from_a_hidden_entry(client, catalog):
    _visible, draft, secret, _conditional = catalog["entries"]

    for entry in (draft, secret):
        page = client.get(reverse("requests_app:submit"), {"entry": entry.pk}).content.decode()

        assert entry.title not in page


@pytest.mark.parametrize("key", ["draft", "secret", "conditional", "hidden_file"])
def test_hidden_files_are_never_served(client, catalog, key):
    attached = catalog["files"][key]

    assert client.get(attached.get_absolute_url()).status_code == 404


def test_a_public_file_is_served(client, catalog):
    response = client.get(catalog["files"]["visible"].get_absolute_url())

    assert response.status_code == 200
    assert _text_bytes(response).startswith(b"%PDF-")


def test_conditional_entry_shows_title_and_ground_but_no_file(client, catalog):
    conditional = catalog["entries"][3]

    page = client.get(conditional.get_absolute_url()).content.decode()

    assert CONDITIONAL in page
    assert "Bí mật kinh doanh" in page
    assert "Nhà thầu" in page
    assert catalog["files"]["conditional"].get_absolute_url() not in page


def test_the_json_detail_lists_only_public_files(client, catalog):
    visible = catalog["entries"][0]

    data = client.get(reverse("api:entry", args=[visible.pk])).json()

    assert [f["url"].split("testserver")[1] for f in data["files"]] == [
        catalog["files"]["visible"].get_absolute_url()
    ]


def test_exported_cells_never_start_a_formula(client, agency_a):
    factories.CatalogEntryFactory(agency=agency_a, title='=HYPERLINK("http://evil.example","x")')

    csv_text = _text(client.get(reverse("catalogs:export_csv")))
    workbook = load_workbook(io.BytesIO(_text_bytes(client.get(reverse("catalogs:export_xlsx")))))
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row if c]

    assert "'=HYPERLINK" in csv_text
    assert not any(str(c).startswith("=") for c in cells)
