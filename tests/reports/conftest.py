import datetime

import pytest
from django.core.cache import cache

from agencies.services import publish_regulation
from tests import factories
from tests.history import play

D = datetime.date
SIMPLE = {"complexity": "simple"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """PDFs queued and agency sheets rendered are remembered in the cache by report id."""
    cache.clear()


@pytest.fixture
def january_2026(time_machine):
    time_machine.move_to(datetime.datetime(2026, 1, 15, 2, 0, tzinfo=datetime.UTC))


@pytest.fixture
def doj_agency(db):
    return factories.AgencyFactory(
        name="Sở Tư pháp tỉnh An Giang",
        superior_body="ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        document_code="STP",
        place_name="Long Xuyên",
        signer_title="GIÁM ĐỐC",
        signer_name="Trương Thị Thùy",
    )


@pytest.fixture
def year_2025(january_2026, doj_agency, agency_a, agency_b, officer_a, officer_b):
    """Two agencies' requests of 2025: A answers three (one late), B answers one, one pending."""
    factories.FocalPointFactory(agency=agency_a)
    publish_regulation(factories.InternalRegulationFactory(agency=agency_a))
    steps = [
        ("accept", D(2025, 3, 3), SIMPLE),
        ("provide_full", D(2025, 3, 5), {}),
    ]
    play(agency_a, officer_a, received=D(2025, 3, 3), steps=steps)
    play(
        agency_a,
        officer_a,
        received=D(2025, 6, 2),
        steps=[("accept", D(2025, 6, 2), SIMPLE), ("provide_full", D(2025, 6, 12), {})],
    )
    play(
        agency_a,
        officer_a,
        received=D(2025, 10, 6),
        steps=[
            ("accept", D(2025, 10, 6), SIMPLE),
            (
                "refuse",
                D(2025, 10, 7),
                {"grounds": [{"code": "a17_already_public"}], "reason": "Đã công khai."},
            ),
        ],
    )
    play(
        agency_b,
        officer_b,
        received=D(2025, 5, 12),
        channel="post",
        steps=[("accept", D(2025, 5, 12), SIMPLE), ("provide_full", D(2025, 5, 15), {})],
    )
    play(agency_b, officer_b, received=D(2025, 12, 22))
    return {"a": agency_a, "b": agency_b}


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """The test's transaction never commits: run what waits for a commit (the job) at the end
    of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def compile_2025(after_commit):
    def compile_(**kwargs):
        from reports import services

        with after_commit():
            report = services.request_compilation(D(2025, 1, 1), D(2025, 12, 31), **kwargs)
        report.refresh_from_db()
        return report

    return compile_
