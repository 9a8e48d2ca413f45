"""The Department of Justice's dashboard: every agency at a glance, what is overdue now."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.history import play

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("reports:dashboard")


@pytest.fixture
def overdue_at_a(year_2025, officer_a, time_machine):
    """A request of A accepted on 1 December 2025 as simple: due 4 December, open since."""
    time_machine.move_to(datetime.datetime(2025, 12, 11, 2, 0, tzinfo=datetime.UTC))
    return play(
        year_2025["a"],
        officer_a,
        received=D(2025, 12, 1),
        steps=[("accept", D(2025, 12, 1), {"complexity": "simple"})],
    )


def test_staff_see_every_agency_and_what_is_overdue(client, doj_user, overdue_at_a):
    client.force_login(doj_user)

    page = client.get(URL).content.decode()

    assert "Sở Tài chính" in page and "Đặc khu Phú Quốc" in page
    assert overdue_at_a.tracking_code in page
    assert "Đang quá hạn" in page
    row = page.split(overdue_at_a.tracking_code)[1].split("</tr>")[0]
    assert "04/12/2025" in row and '<td class="num">5</td>' in row  # 5 working days late
    assert overdue_at_a.full_name not in page  # no personal data on the dashboard


def test_an_officer_sees_only_their_own_agency(client, officer_b, overdue_at_a):
    client.force_login(officer_b)

    page = client.get(URL).content.decode()

    assert "Đặc khu Phú Quốc" in page and "Sở Tài chính" not in page
    assert overdue_at_a.tracking_code not in page


def test_anonymous_visitors_are_sent_to_log_in_and_others_refused(client, db):
    assert client.get(URL).status_code == 302
    client.force_login(factories.UserFactory())  # staff, no role
    assert client.get(URL).status_code == 403


NAMES = ("Sở Tài chính", "Đặc khu Phú Quốc", "Sở Tư pháp tỉnh An Giang")


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("-overdue", ("Sở Tài chính", "Đặc khu Phú Quốc", "Sở Tư pháp tỉnh An Giang")),
        ("name", ("Đặc khu Phú Quốc", "Sở Tài chính", "Sở Tư pháp tỉnh An Giang")),
        ("-name", ("Sở Tư pháp tỉnh An Giang", "Sở Tài chính", "Đặc khu Phú Quốc")),
    ],
)
def test_the_agencies_can_be_sorted(client, doj_user, overdue_at_a, sort, order):
    client.force_login(doj_user)

    body = client.get(URL, {"sort": sort}).content.decode().split("<tbody>")[1]

    assert tuple(sorted(NAMES, key=body.index)) == order


def test_a_filter_by_kind_and_odd_parameters_give_a_normal_page(client, doj_user, overdue_at_a):
    client.force_login(doj_user)

    communes = client.get(URL, {"kind": "commune"}).content.decode()
    odd = client.get(URL, {"sort": "x\x00", "page": "999", "kind": "nope", "q": "đ" * 500})

    assert "Đặc khu Phú Quốc" in communes and "Sở Tài chính" not in communes.split("<tbody>")[1]
    assert odd.status_code == 200


def test_the_dashboard_runs_the_same_queries_for_few_and_many_agencies(
    client, doj_user, overdue_at_a
):
    client.force_login(doj_user)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for agency in factories.AgencyFactory.create_batch(30):
        factories.make_request(agency)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)

    assert len(many) == len(few)
