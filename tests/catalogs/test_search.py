"""Citizens find entries however they type Vietnamese."""

import datetime
import unicodedata

import pytest
from django.urls import reverse

from catalogs.models import CatalogEntry
from catalogs.search import search
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Danh mục công khai thông tin về đất đai năm 2026"


@pytest.fixture
def entries():
    wanted = factories.CatalogEntryFactory(title=TITLE)
    factories.CatalogEntryFactory(title="Báo cáo tình hình thực hiện nhiệm vụ năm 2026")
    return wanted


def _titles(response):
    return [entry.title for entry in response.context["page"].object_list]


@pytest.mark.parametrize(
    "typed",
    [
        "danh muc cong khai",
        "Danh mục công khai",
        unicodedata.normalize("NFD", "Danh mục công khai"),
        "DAT DAI",
        "đất   đai 2026",
    ],
)
def test_a_citizen_finds_an_entry_however_it_is_typed(client, entries, typed):
    response = client.get(reverse("catalogs:list"), {"q": typed})

    assert _titles(response) == [TITLE]


def test_whole_phrase_in_the_title_ranks_first():
    in_summary = factories.CatalogEntryFactory(
        title="Báo cáo năm 2026", summary="Có nhắc đến quy hoạch sử dụng đất"
    )
    in_title = factories.CatalogEntryFactory(title="Quy hoạch sử dụng đất đến năm 2030")

    found = list(search(CatalogEntry.objects.all(), "quy hoach su dung dat"))

    assert found == [in_title, in_summary]


def test_every_word_must_match():
    factories.CatalogEntryFactory(title="Dự toán ngân sách")

    assert not search(CatalogEntry.objects.all(), "du toan thue").exists()


def test_number_and_symbol_are_searchable(client):
    factories.CatalogEntryFactory(title="Quyết định công bố thủ tục", number_symbol="125/QĐ-UBND")

    response = client.get(reverse("catalogs:list"), {"q": "125/qd-ubnd"})

    assert _titles(response) == ["Quyết định công bố thủ tục"]


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x" * 5000},
        {"q": "đất\x00đai"},
        {"q": "\u200b\u202e đất"},
        {"q": "%_%"},
        {"year": "abc"},
        {"year": "99999"},
        {"category": "zz"},
        {"agency": "khong-co"},
        {"sort": "drop table"},
        {"form": "fax"},
        {"page": "0"},
        {"page": "999999"},
    ],
)
def test_odd_input_gives_a_normal_page(client, entries, query):
    assert client.get(reverse("catalogs:list"), query).status_code == 200


def test_like_wildcards_typed_by_a_citizen_match_literally(client, entries):
    response = client.get(reverse("catalogs:list"), {"q": "%"})

    assert _titles(response) == []


@pytest.mark.parametrize("name", ["catalogs:export_csv", "catalogs:export_xlsx", "catalogs:feed"])
@pytest.mark.parametrize(
    "query",
    [{"q": "x" * 5000}, {"q": "đất\x00đai"}, {"year": "abc", "category": "zz"}, {"page": "-1"}],
)
def test_odd_input_to_exports_and_feeds_gives_a_normal_answer(client, entries, name, query):
    response = client.get(reverse(name), query)
    body = b"".join(response.streaming_content) if response.streaming else response.content

    assert response.status_code == 200
    assert body


def test_a_very_broad_search_ranks_its_newest_matches_and_says_so(client, monkeypatch):
    from catalogs import search as search_module

    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    monkeypatch.setattr(search_module, "WINDOW", 4)
    monkeypatch.setattr("catalogs.views.MAX_RANKED", 3)
    for day in range(1, 7):
        factories.CatalogEntryFactory(
            title=f"Quyết định số {day} về giá đất", created_on=datetime.date(2025, 8, day)
        )

    response = client.get(reverse("catalogs:list"), {"q": "quyet dinh"})

    assert _titles(response) == [f"Quyết định số {day} về giá đất" for day in (6, 5, 4)]
    assert "Hơn 3 mục khớp" in response.content.decode()


def test_citizens_narrow_by_typing_part_of_an_agencys_name(client, agency_a, agency_b):
    factories.CatalogEntryFactory(agency=agency_a, title="Dự toán ngân sách tỉnh")
    factories.CatalogEntryFactory(agency=agency_b, title="Kế hoạch sử dụng đất đặc khu")

    response = client.get(reverse("catalogs:list"), {"agency_name": "phu quoc"})

    assert _titles(response) == ["Kế hoạch sử dụng đất đặc khu"]
    assert "<select" not in response.content.decode().split('name="agency_name"')[0][-400:]


def test_every_page_of_a_search_follows_the_ranking_without_gaps_or_repeats(client):
    for day in range(1, 26):
        title, summary = (f"Báo cáo số {day}", "") if day % 3 else (f"Kế hoạch {day}", "Báo cáo")
        factories.CatalogEntryFactory(
            title=title, summary=summary, created_on=datetime.date(2025, 8, day)
        )
    ranked = [e.title for e in search(CatalogEntry.objects.public(), "bao cao")]

    first = _titles(client.get(reverse("catalogs:list"), {"q": "bao cao"}))
    second = _titles(client.get(reverse("catalogs:list"), {"q": "bao cao", "page": 2}))

    assert first + second == ranked
    assert ranked[0] == "Báo cáo số 25" and ranked[-1] == "Kế hoạch 3"
    assert len(set(ranked)) == 25
