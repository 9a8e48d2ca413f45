"""Hostile input on every public form, filter and URL parameter: never a server error.

Property-based (hypothesis): arbitrary Unicode, decomposed (NFD) Vietnamese, right-to-left
marks, control characters, NUL, texts of over 10,000 characters and odd page numbers go into
every parameter of the public URLs (portal/urls.py and each app's urls.py). A page answers
200 (or a redirect, 400, 404, 405) and never 500; a form with bad input shows it again with a
message and saves nothing. PostgreSQL refuses text with a NUL in it and checks lengths, which
SQLite does not: the suite is meant to run on both (CI runs it on PostgreSQL).

Each example runs in a savepoint rolled back afterwards, with a fresh client and an empty
cache (the rate limits count in the cache), so examples never see each other's effects.
"""

import datetime
import unicodedata
from contextlib import contextmanager
from urllib.parse import quote, urlencode

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as reset_lockouts
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from requests_app.models import Complaint, InformationRequest, RequestEvent, RequestMember
from tests import factories
from tests.security.hostile import HOSTILE, count, hostile_text, odd_number, query

pytestmark = pytest.mark.django_db
D = datetime.date

ANSWERS_TO_A_PAGE = {200}
ANSWERS_TO_A_FORM = {200, 302, 400}


@pytest.fixture
def world(db):
    """What the public pages show: an agency and a commune, an entry, a request to track."""
    agency = factories.AgencyFactory(name="Sở Tài chính", slug="so-tai-chinh")
    commune = factories.AgencyFactory(name="Xã Tri Tôn", slug="xa-tri-ton", kind="commune")
    factories.FocalPointFactory(agency=agency)
    entry = factories.CatalogEntryFactory(agency=agency, summary="Dự toán ngân sách năm 2026")
    request_obj = factories.make_request(agency)
    return {"agency": agency, "commune": commune, "entry": entry, "request": request_obj}


@contextmanager
def example(form: str):
    """One hostile example: counted, with an empty cache and no lockouts, then undone."""
    count(form)
    cache.clear()
    reset_lockouts()
    with transaction.atomic():
        yield Client(raise_request_exception=False)
        transaction.set_rollback(True)


def answered(response, allowed) -> int:
    """The response's status, once sure the view raised nothing and the status is allowed."""
    exc_info = getattr(response, "exc_info", None)
    assert exc_info is None, f"{response.request['PATH_INFO']} raised {exc_info[1]!r}"
    assert response.status_code != 500
    assert response.status_code in allowed, response.status_code
    return response.status_code


def page(client, path, params=None, allowed=ANSWERS_TO_A_PAGE, **extra) -> int:
    return answered(client.get(path, params or {}, **extra), allowed)


# --- the agency directory and each agency's pages -------------------------------------------


@HOSTILE
@given(params=query(["q", "kind", "compliance", "page"]), page_number=odd_number)
def test_the_directory_filters_take_any_text(world, params, page_number):
    with example("directory") as client:
        page(client, reverse("agencies:directory"), {**params, "page": page_number})
        page(client, reverse("api:agencies"), {**params, "page": page_number}, {200, 400, 404})


@HOSTILE
@given(params=query(["q", "page", "sort"]), slug=hostile_text)
def test_an_agencys_pages_take_any_query_and_an_unknown_slug_is_not_found(world, params, slug):
    slug_of = world["agency"].slug
    with example("agency page") as client:
        for name in ("agencies:detail", "agencies:regulation", "catalogs:agency_list"):
            page(client, reverse(name, args=[slug_of]), params)
        page(client, f"/co-quan/{quote(slug)}/", params, {200, 301, 404})


# --- the catalog: list, search, sort, pages, exports, API, entry pages -----------------------

CATALOG_FILTERS = ["q", "agency", "agency_name", "catalog", "category", "form", "year", "status"]


@HOSTILE
@given(
    params=query([*CATALOG_FILTERS, "sort"]),
    page_number=odd_number,
    year=odd_number,
    sort=st.one_of(st.sampled_from(["newest", "oldest", "title", "updated", "-pk"]), hostile_text),
)
def test_the_catalog_filters_search_sort_and_pages_take_any_text(
    world, params, page_number, year, sort
):
    params = {**params, "page": page_number, "year": year, "sort": sort}
    with example("catalog list") as client:
        page(client, reverse("catalogs:list"), params)
        page(client, reverse("catalogs:export_csv"), params)
        page(client, reverse("api:entries"), {**params, "page_size": year}, {200, 400, 404})


@HOSTILE
@given(xlsx_params=query(CATALOG_FILTERS))
def test_the_spreadsheet_export_takes_any_filter(world, xlsx_params):
    with example("catalog export") as client:
        page(client, reverse("catalogs:export_xlsx"), xlsx_params)


@HOSTILE
@given(pk=odd_number, params=query(["q", "page"]))
def test_an_entry_page_takes_any_query_and_any_number_in_its_address(world, pk, params):
    with example("entry page") as client:
        page(client, reverse("catalogs:detail", args=[world["entry"].pk]), params)
        page(client, f"/danh-muc/{quote(pk)}/", params, {200, 301, 404})
        page(client, f"/api/danh-muc/{quote(pk)}/", params, {200, 301, 404})
        page(client, f"/danh-muc/{quote(pk)}/tep/{quote(pk)}/", params, {301, 404})


# --- the request form ----------------------------------------------------------------------

REQUEST_FIELDS = [
    "agency",
    "requester_kind",
    "full_name",
    "date_of_birth",
    "id_type",
    "id_number",
    "address",
    "phone",
    "fax",
    "email",
    "represented_name",
    "represented_relation",
    "nationality",
    "own_rights_link",
    "organisation_name",
    "resides_in_commune",
    "interest_link",
    "information",
    "purpose",
    "delivery_form",
    "copies",
    "delivery_address",
    "needs_assistance",
    "assistance_note",
    "website",
    "members-TOTAL_FORMS",
    "members-INITIAL_FORMS",
    "members-0-full_name",
    "members-0-id_number",
    "members-0-reason",
]
# What the text fields are stored as, when the form accepts them.
STORED_AS_TEXT = [
    "full_name",
    "id_number",
    "address",
    "phone",
    "fax",
    "information",
    "purpose",
    "delivery_address",
    "assistance_note",
]


def valid_request(agency) -> dict:
    return {
        "agency": agency.pk,
        "requester_kind": "self",
        "full_name": "Nguyễn Thị Hoa",
        "id_type": "citizen_card",
        "id_number": "091188004321",
        "address": "Ấp Bình An, xã Tri Tôn",
        "email": "hoa@example.com",
        "information": "Kế hoạch sử dụng đất năm 2026 của xã",
        "purpose": "Biết quy hoạch đất nơi gia đình sinh sống",
        "delivery_form": "email",
        "copies": "1",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "200",
        "website": "",
    }


def saved_rows() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (InformationRequest, RequestMember, RequestEvent, Complaint)
    )


@HOSTILE
@given(
    changes=st.dictionaries(st.sampled_from(REQUEST_FIELDS), hostile_text, min_size=1),
    link=query(["agency", "entry"], st.one_of(hostile_text, odd_number)),
    check_first=st.booleans(),
)
def test_the_request_form_takes_any_text_and_saves_all_or_nothing(
    world, changes, link, check_first
):
    data = {**valid_request(world["agency"]), **changes}
    if check_first:
        data["_check"] = "1"  # the preview of entries that may already answer
    with example("request form") as client:
        page(client, reverse("requests_app:submit"), link)
        before = saved_rows()
        path = f"{reverse('requests_app:submit')}?{urlencode(link)}"
        response = client.post(path, data)
        status = answered(response, ANSWERS_TO_A_FORM)
        if status == 302:
            assert_saved_in_full(data)
        else:
            assert saved_rows() == before
        if status == 400:
            assert shows_an_error(response.content.decode())


def shows_an_error(html: str) -> bool:
    """A message next to a field, or the form's list of what to correct."""
    return 'class="error"' in html or 'class="form-errors' in html


def assert_saved_in_full(data: dict) -> None:
    """The request, its first event, each field as typed (NFC, trimmed), no NUL anywhere."""
    saved = InformationRequest.objects.latest("pk")
    assert saved.events.count() == 1
    for name in STORED_AS_TEXT:
        typed = str(data.get(name, ""))
        assert getattr(saved, name) == unicodedata.normalize("NFC", typed.strip())
        assert "\x00" not in getattr(saved, name)


@HOSTILE
@given(params=query(["agency", "entry"], st.one_of(hostile_text, odd_number)))
def test_the_links_to_the_request_form_take_any_agency_and_entry(world, params):
    with example("request form link") as client:
        page(client, reverse("requests_app:submit"), params)


# --- tracking, the receipt, downloads ------------------------------------------------------


@HOSTILE
@given(
    code=st.one_of(hostile_text, st.just("{code}")),
    secret=st.one_of(hostile_text, st.sampled_from(["{email}", "{digits}"])),
)
def test_the_tracking_lookup_takes_any_code_and_second_factor(world, code, secret):
    request_obj = world["request"]
    values = {
        "code": request_obj.tracking_code,
        "email": request_obj.email,
        "digits": request_obj.id_number[-4:],
    }
    data = {"code": code.format_map(values), "secret": secret.format_map(values)}
    with example("tracking lookup") as client:
        status = answered(client.post(reverse("requests_app:track"), data), {200, 302})
        if status == 302:
            # Only the right code with the right second factor, e.g. in another case or with a
            # space: nothing else is let through.
            assert data["code"] == request_obj.tracking_code or code == "{code}"
            assert secret in ("{email}", "{digits}")
        page(client, reverse("requests_app:track"), {"code": data["code"]})


@HOSTILE
@given(code=hostile_text)
def test_a_receipt_status_or_download_address_with_any_code_is_not_found(world, code):
    with example("tracking addresses") as client:
        for prefix in ("/yeu-cau/da-gui/", "/yeu-cau/tra-cuu/", "/yeu-cau/tep/"):
            page(client, f"{prefix}{quote(code, safe='')}/", allowed={301, 404})


# --- complaints and feedback ---------------------------------------------------------------

COMPLAINT_FIELDS = [
    "kind",
    "full_name",
    "email",
    "phone",
    "address",
    "content",
    "tracking_code",
    "website",
]


@HOSTILE
@given(changes=st.dictionaries(st.sampled_from(COMPLAINT_FIELDS), hostile_text, min_size=1))
def test_the_complaint_form_takes_any_text_and_saves_all_or_nothing(world, changes):
    data = {
        "kind": "feedback",
        "full_name": "Lê Văn Tám",
        "email": "tam@example.com",
        "content": "Cơ quan chưa trả lời yêu cầu của tôi sau 15 ngày làm việc.",
        **changes,
    }
    path = reverse("requests_app:complaint", args=[world["agency"].slug])
    with example("complaint form") as client:
        before = saved_rows()
        response = client.post(path, data)
        status = answered(response, {200, 400})
        if status == 200:  # received
            saved = Complaint.objects.latest("pk")
            assert saved.content == unicodedata.normalize("NFC", data["content"].strip())
            assert saved_rows()[3] == before[3] + 1
        else:
            assert saved_rows() == before
            assert shows_an_error(response.content.decode())


# --- reports, feeds, sitemaps, the other language ------------------------------------------


@pytest.fixture
def published_report(world, django_capture_on_commit_callbacks):
    from reports import services

    doj_user = factories.DojUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_compilation(D(2025, 1, 1), D(2025, 12, 31))
    report.refresh_from_db()
    services.save_narrative(
        report,
        situation="Tình hình.",
        difficulties="Khó khăn.",
        recommendations="Kiến nghị.",
        actor=doj_user,
    )
    services.mark_reviewed(report, actor=doj_user)
    return services.publish(report, actor=doj_user), doj_user


@HOSTILE
@given(params=query(["q", "kind", "compliance", "sort", "page"]), pk=odd_number)
def test_the_report_pages_take_any_query(published_report, params, pk):
    report, doj_user = published_report
    with example("reports") as client:
        page(client, reverse("reports:index"), params)
        page(client, reverse("reports:detail", args=[report.pk]), params)
        page(client, reverse("reports:csv", args=[report.pk]), params)
        page(client, f"/bao-cao/{quote(pk)}/", params, {200, 301, 404})
        client.force_login(doj_user)
        page(client, reverse("reports:dashboard"), params)


@HOSTILE
@given(params=query(["q", "page", "p"]), section=hostile_text, slug=hostile_text)
def test_the_feeds_and_sitemaps_take_any_query(world, params, section, slug):
    with example("feeds and sitemaps") as client:
        page(client, reverse("catalogs:feed"), params)
        page(client, reverse("catalogs:agency_feed", args=[world["agency"].slug]), params)
        page(client, f"/co-quan/{quote(slug)}/danh-muc/moi.atom", params, {200, 301, 404})
        page(client, reverse("sitemap"), params, {200, 404})
        page(client, f"/sitemap-{quote(section, safe='')}.xml", params, {200, 404})


@HOSTILE
@given(path=hostile_text, params=query(["next", "q"]), english=st.booleans())
def test_any_address_in_either_language_answers_without_error(world, path, params, english):
    """Every page links to itself in the other language (portal/context_processors.py)."""
    prefix = "/en/" if english else "/"
    with example("language switch") as client:
        page(client, prefix + quote(path), params, {200, 301, 302, 404})


# --- the admin login and the password reset ------------------------------------------------


@HOSTILE
@given(username=hostile_text, password=hostile_text, after=hostile_text)
def test_the_admin_login_takes_any_username_password_and_next(world, username, password, after):
    with example("admin login") as client:
        path = f"{reverse('admin:login')}?{urlencode({'next': after})}"
        page(client, path)
        data = {"username": username, "password": password, "next": after}
        answered(client.post(path, data), {200})
        # A failed attempt is recorded as typed or not at all, whatever its length.
        assert all(len(a.username or "") <= 255 for a in AccessAttempt.objects.all())


@HOSTILE
@given(email=hostile_text)
def test_the_password_reset_takes_any_address(world, email):
    with example("password reset") as client:
        answered(client.post(reverse("admin_password_reset"), {"email": email}), {200, 302})


# --- the known bugs, one example each ------------------------------------------------------


def test_a_non_ascii_second_factor_is_a_wrong_answer_not_an_error(client, agency_a):
    """hmac.compare_digest refused non-ASCII text: "é" as second factor was a server error."""
    request_obj = factories.make_request(agency_a)

    response = client.post(
        reverse("requests_app:track"), {"code": request_obj.tracking_code, "secret": "é@ví.vn"}
    )

    assert response.status_code == 200
    assert "Không có yêu cầu nào khớp" in response.content.decode()


def test_an_accented_e_mail_address_is_a_second_factor_like_any_other(client, agency_a):
    request_obj = factories.make_request(agency_a, email="hoa@tỉnh-angiang.vn")

    response = client.post(
        reverse("requests_app:track"),
        {"code": request_obj.tracking_code, "secret": "HOA@tỉnh-angiang.vn"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("requests_app:status", args=[request_obj.tracking_code])


@pytest.mark.parametrize("slug", ["so-tai-chinh\x00", "\x00", "so-tai-chinh" * 2_000])
def test_a_request_form_link_with_a_nul_or_overlong_agency_shows_the_empty_form(client, slug):
    """PostgreSQL refuses a NUL in a query: ?agency=… with one was a server error."""
    agency = factories.AgencyFactory(name="Sở Tài chính", slug="so-tai-chinh")

    response = client.get(reverse("requests_app:submit"), {"agency": slug})

    assert response.status_code == 200
    assert f'<option value="{agency.pk}" selected>' not in response.content.decode()


def test_the_request_form_link_still_chooses_the_agency(client):
    agency = factories.AgencyFactory(name="Sở Tài chính", slug="so-tai-chinh")

    response = client.get(reverse("requests_app:submit"), {"agency": "so-tai-chinh"})

    assert f'<option value="{agency.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("entry", ["9" * 5_000, "9" * 20, "-1", "١٢"])
def test_a_request_form_link_with_an_impossible_entry_number_shows_the_empty_form(
    client, agency_a, entry
):
    """int() refuses a number of over 4,300 digits: ?entry=999… was a server error."""
    response = client.get(reverse("requests_app:submit"), {"entry": entry})

    assert response.status_code == 200
    assert 'name="information"' in response.content.decode()


@pytest.mark.parametrize("username", ["a" * 256, "a" * 151, "quản-trị-viên" * 30])
def test_an_overlong_admin_username_is_refused_with_a_message(client, db, username):
    """django-axes records a failed login with a 255-character user name: on PostgreSQL a
    longer one was a server error, and Django's login form checked no length."""
    response = client.post(reverse("admin:login"), {"username": username, "password": "x"})

    assert response.status_code == 200
    assert "tối đa 150 kí tự" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_nul_in_the_admin_username_is_refused_with_a_message(client, db):
    response = client.post(reverse("admin:login"), {"username": "admin\x00", "password": "x"})

    assert response.status_code == 200
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("field", ["full_name", "information", "purpose", "address"])
def test_a_nul_in_a_request_field_is_explained_in_vietnamese_and_nothing_is_saved(
    client, agency_a, field
):
    data = {**valid_request(agency_a), field: "Nguyễn\x00Thị Hoa"}

    response = client.post(reverse("requests_app:submit"), data)

    assert response.status_code == 400
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_a_nul_in_the_catalog_search_is_explained_next_to_the_field(client, agency_a):
    factories.CatalogEntryFactory(agency=agency_a, title="Dự toán ngân sách")

    response = client.get(reverse("catalogs:list"), {"q": "ngân\x00sách"})

    assert response.status_code == 200
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()
