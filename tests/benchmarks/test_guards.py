"""`make bench` refuses what it cannot do, says why, and never deletes data it did not load."""

import argparse

import pytest

from agencies.models import Agency
from benchmarks import generate, run
from requests_app.models import InformationRequest
from tests import factories
from tests.conftest import needs, uses_postgresql

pytestmark = pytest.mark.django_db


def _load(capsys, scale: float) -> str:
    with pytest.raises(SystemExit) as stopped:
        run.load(argparse.Namespace(scale=scale, seed=1, reset=False))
    assert stopped.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("sizes", "reason"),
    [
        (generate.Sizes(agencies=2_000, entries=-1, requests=1_000), "cannot be negative"),
        (generate.Sizes(agencies=5, entries=1_000, requests=1_000), "At least 20 agencies"),
        (generate.Sizes(agencies=2_000, entries=100, requests=1_000), "At least 510 entries"),
        (generate.Sizes(agencies=2_000, entries=1_000, requests=10**9), "too big here"),
    ],
)
def test_the_generator_refuses_an_impossible_size_with_its_reason(sizes, reason):
    with pytest.raises(generate.ImpossibleSize, match=reason):
        sizes.check()


def test_a_run_too_small_to_build_stops_before_loading_anything(capsys):
    message = _load(capsys, scale=0.0001)

    assert "At least 510 entries" in message
    assert not Agency.objects.exists()


def test_a_database_holding_other_data_is_never_deleted_without_reset(capsys, agency_a):
    needs(uses_postgresql(), "the benchmarks run on PostgreSQL only; .ci/run uses it")
    factories.make_request(agency_a)

    message = _load(capsys, scale=0.01)

    assert "never deleted without --reset" in message
    assert list(Agency.objects.all()) == [agency_a]
    assert InformationRequest.objects.count() == 1


def test_without_postgresql_the_run_says_so_and_measures_nothing(capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/portal.sqlite3")

    with pytest.raises(SystemExit) as stopped:
        run.check_postgresql(reset=False)

    assert stopped.value.code == 2
    assert "need PostgreSQL" in capsys.readouterr().err
