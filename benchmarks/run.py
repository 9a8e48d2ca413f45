"""``make bench``: load a synthetic province into PostgreSQL and measure the portal against the
targets of DESIGN §6, each figure beside its yardstick measured in the same run.

    python -m benchmarks.run [--scale 0.1] [--seed 1] [--reset] [--duration 15]

Writes benchmarks/results/latest.json and latest.md. See benchmarks/README.md.
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PORT = 8765
SEARCHES = ["ngan sach", "dat dai", "quyet dinh", "ke hoach su dung dat", "gia dat cu the",
            "tuyen dung vien chuc", "trieu cuong", "nong thon moi", "an toan thuc pham",
            "chuyen doi so", "thu hoi dat", "quyet toan", "phi le phi", "nha thau", "tan hiep",
            "du toan", "moi truong bien", "kenh muong", "hoa hung so 12", "bao cao"]  # fmt: skip


def fail(message: str) -> None:
    print(f"make bench: {message}", file=sys.stderr)
    sys.exit(2)


def check_redis() -> str:
    """The production cache is Redis; without one the run says so and uses local memory."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "local memory"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        os.environ.pop("REDIS_URL")
        print(f"Redis does not answer at {url}: measuring with the in-process cache instead.")
        return "local memory (Redis unreachable)"
    return url


def check_postgresql(reset: bool) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        fail(
            "the benchmarks need PostgreSQL: set BENCH_DATABASE_URL (default "
            "postgres://postgres@127.0.0.1:5432/portal_bench) to a server you can create a "
            "database on. Nothing was measured."
        )
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            if reset:  # --reset: a fresh database, migrated from nothing
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
            version = conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.OperationalError as error:
        fail(f"PostgreSQL does not answer at {parts.hostname}:{parts.port or 5432} ({error}).")
    return version


# --- the data set --------------------------------------------------------------------------


def load(args) -> dict:
    from django.core.management import call_command

    from benchmarks import generate

    call_command("migrate", verbosity=0)
    sizes = generate.Sizes.full().scaled(args.scale) if args.scale != 1 else generate.Sizes.full()
    try:
        sizes.check()
    except generate.ImpossibleSize as error:
        fail(str(error))
    wanted = {**sizes.__dict__, "seed": args.seed}
    recorded = generate.recorded_dataset()
    if recorded == wanted:
        print(f"Reusing the data set already loaded: {wanted}")
        return {"sizes": wanted, "load_seconds": None, "reused": True}
    if generate.holds_other_data():
        fail(
            f"the database already holds data ({recorded or 'not from this generator'}); "
            "it is never deleted without --reset (make bench BENCH_ARGS=--reset)."
        )
    print(f"Loading {wanted} …")
    started = time.perf_counter()
    counts = generate.Generator(sizes, args.seed).run()
    generate.record_dataset(sizes, args.seed)
    seconds = time.perf_counter() - started
    print(f"  loaded in {seconds:.0f} s")
    return {"sizes": wanted, "counts": counts, "load_seconds": round(seconds, 1), "reused": False}


# --- 1. yearly statistics ---------------------------------------------------------------------

HEADLINE_SQL = """
SELECT agency_id,
       COUNT(*) FILTER (WHERE received_at >= %(start)s),
       COUNT(*) FILTER (WHERE outcome_at < %(end)s AND outcome IN
                          ('provided_full', 'provided_partial', 'refused', 'redirected')),
       COUNT(*) FILTER (WHERE outcome_at < %(end)s AND outcome = 'refused'),
       COUNT(*) FILTER (WHERE outcome_at < %(end)s AND outcome = 'withdrawn'),
       COUNT(*) FILTER (WHERE received_at < %(start)s),
       COUNT(*) FILTER (WHERE outcome_at IS NULL OR outcome_at >= %(end)s),
       COUNT(*) FILTER (WHERE outcome_at < %(end)s AND on_time),
       COUNT(*) FILTER (WHERE outcome_at < %(end)s AND NOT on_time)
  FROM requests_app_informationrequest
 WHERE received_at < %(end)s AND (outcome_at IS NULL OR outcome_at >= %(start)s)
 GROUP BY agency_id
"""


# The same request counts as the report's (reports/statistics.py `_all_measures`), written by
# hand: DESIGN §6 compares the job with "a single hand-written SQL GROUP BY computing the same
# counts". The medians, refusal grounds, complaints, catalogs, compliance and the year before are
# the job's further work, which this yardstick does not do.
_ENDED = "outcome_at < %(end)s"
_ANSWERED = f"{_ENDED} AND outcome IN ('provided_full', 'provided_partial', 'refused')"
_RECEIVED = "received_at >= %(start)s"
SAME_COUNTS_SQL = f"""
SELECT r.agency_id,
       COUNT(*) FILTER (WHERE {_RECEIVED}),
       COUNT(*) FILTER (WHERE received_at < %(start)s),
       COUNT(*) FILTER (WHERE outcome_at IS NULL OR outcome_at >= %(end)s),
       COUNT(*) FILTER (WHERE {_ENDED} AND outcome IN
                          ('provided_full', 'provided_partial', 'refused', 'redirected')),
       COUNT(*) FILTER (WHERE {_ANSWERED}),
       COUNT(*) FILTER (WHERE {_ENDED} AND outcome = 'provided_full'),
       COUNT(*) FILTER (WHERE {_ENDED} AND outcome = 'provided_partial'),
       COUNT(*) FILTER (WHERE {_ENDED} AND outcome = 'refused'),
       COUNT(*) FILTER (WHERE {_ENDED} AND outcome = 'redirected'),
       COUNT(*) FILTER (WHERE {_ENDED} AND outcome = 'withdrawn'),
       COUNT(*) FILTER (WHERE {_ENDED} AND outcome IN
                          ('provided_full', 'provided_partial', 'refused', 'redirected')
                          AND extended_due_on IS NOT NULL),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND on_time),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND NOT on_time),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND on_time IS NULL),
       COUNT(working_days_taken) FILTER (WHERE {_ANSWERED}),
       COALESCE(SUM(working_days_taken) FILTER (WHERE {_ANSWERED}), 0),
       MIN(working_days_taken) FILTER (WHERE {_ANSWERED}),
       MAX(working_days_taken) FILTER (WHERE {_ANSWERED}),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND working_days_taken = 0),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND working_days_taken BETWEEN 1 AND 3),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND working_days_taken BETWEEN 4 AND 5),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND working_days_taken BETWEEN 6 AND 10),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND working_days_taken BETWEEN 11 AND 15),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND working_days_taken BETWEEN 16 AND 20),
       COUNT(*) FILTER (WHERE {_ANSWERED} AND working_days_taken >= 21),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND channel = 'online'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND channel = 'email'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND channel = 'in_person'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND channel = 'post'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND channel = 'fax'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND complexity = 'simple'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND complexity = 'complex'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND complexity = ''),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND needs_assistance),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND requester_kind = 'foreigner'),
       COUNT(*) FILTER (WHERE {_RECEIVED} AND requester_kind = 'organisation'),
       COALESCE(SUM(fee_amount) FILTER (WHERE {_RECEIVED} AND fee_notified_at < %(end)s), 0),
       COALESCE(SUM(p.amount) FILTER (WHERE {_RECEIVED} AND p.paid_on <= %(last_day)s), 0)
  FROM requests_app_informationrequest r
  LEFT JOIN requests_app_payment p ON p.request_id = r.id
 WHERE received_at < %(end)s AND (outcome_at IS NULL OR outcome_at >= %(start)s)
 GROUP BY r.agency_id
"""


def measure_statistics() -> dict:

    from reports.models import YearlyReport
    from reports.periods import Period

    period = Period.calendar_year(2025)
    report, _ = YearlyReport.objects.get_or_create(
        period_start=period.start, period_end=period.end, agency=None
    )
    job_runs = []
    for _ in range(3):
        run_id = uuid.uuid4()
        YearlyReport.objects.filter(pk=report.pk).update(state="queued", run_id=run_id)
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.job", str(report.pk), str(run_id)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        job_runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    params = {"start": period.start_at, "end": period.end_at, "last_day": period.end}
    sql, rows = _fastest_sql(HEADLINE_SQL, params)
    same_counts_sql, same_rows = _fastest_sql(SAME_COUNTS_SQL, params)
    by_hand = {row[0]: list(row[1:]) for row in same_rows}
    from reports import compilation
    from reports import statistics as figures

    main_query = []
    with compilation.snapshot():  # as the job runs it
        for _ in range(3):
            started = time.perf_counter()
            by_job = figures.request_figures(figures.Scope(period))
            main_query.append(time.perf_counter() - started)
        steps = _job_steps(figures, period)
    report.refresh_from_db()
    job = statistics.median(run["seconds"] for run in job_runs)
    sql_received = sum(row[1] for row in rows)
    return {
        "requests_in_scope": sql_received,
        "agencies": report.rows.count(),
        "job_seconds": round(job, 2),
        "job_runs": [round(run["seconds"], 2) for run in job_runs],
        "job_peak_rss_mb": round(max(run["peak_rss_mb"] for run in job_runs), 1),
        "job_rss_after_import_mb": round(min(run["rss_after_import_mb"] for run in job_runs), 1),
        "job_steps": {name: round(seconds, 3) for name, seconds in steps.items()},
        "single_sql_seconds": round(sql, 3),
        "ratio_job_to_sql": round(job / sql, 2),
        "job_request_query_seconds": round(statistics.median(main_query), 3),
        "ratio_request_query_to_sql": round(statistics.median(main_query) / sql, 2),
        "same_counts_sql_seconds": round(same_counts_sql, 3),
        "same_counts": len(next(iter(by_hand.values()))),
        "ratio_job_to_same_counts_sql": round(job / same_counts_sql, 2),
        "ratio_request_query_to_same_counts_sql": round(
            statistics.median(main_query) / same_counts_sql, 2
        ),
        "same_counts_agree": by_hand == {key: list(row.values()) for key, row in by_job.items()},
        "figures_agree": report.totals.get("received") == sql_received,
        "checks_failed": len(report.check_results.get("failed", [])),
    }


def _fastest_sql(sql: str, params: dict) -> tuple[float, list]:
    """The yardstick at its best: the median of 3 runs, with PostgreSQL's JIT compilation on
    and off (the job turns it off, reports.compilation.snapshot), whichever is quicker."""
    from django.db import connection, transaction

    best, rows = None, []
    for jit in ("on", "off"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL jit = {jit}")
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                cursor.execute(sql, params)
                rows = cursor.fetchall()
                runs.append(time.perf_counter() - started)
        best = min(statistics.median(runs), best or float("inf"))
    return best, rows


def _job_steps(figures, period) -> dict[str, float]:
    """Where the job's time goes: each step of the compilation, timed alone in this process
    (the job's own run adds claiming the report, the checks and saving)."""
    scope, result, seconds = figures.Scope(period), figures.Compiled(), {}
    for step in figures.compilation_steps(scope, result):
        started = time.perf_counter()
        step()
        seconds[step.__name__] = time.perf_counter() - started
    return seconds


# --- 2. catalog search ---------------------------------------------------------------------


def measure_search(client) -> dict:
    """The view itself: the public cache is off, or repeated searches would be cache hits."""
    from django.db.models import Q
    from django.test import override_settings

    from catalogs.models import CatalogEntry

    def timed(fn):
        started = time.perf_counter()
        fn()
        return (time.perf_counter() - started) * 1000

    def view(q):
        response = client.get("/danh-muc/", {"q": q}, secure=True)
        assert response.status_code == 200, response.status_code

    def plain(q):
        matches = CatalogEntry.objects.public().filter(
            *(Q(title__icontains=word) for word in q.split())
        )
        matches.count()
        list(matches.order_by("-created_on", "-pk")[:20])

    with override_settings(PORTAL_PUBLIC_CACHE_SECONDS=0):
        for q in SEARCHES:  # warm PostgreSQL's buffers once
            view(q)
            plain(q)
        view_ms = [timed(lambda q=q: view(q)) for _ in range(5) for q in SEARCHES]
        plain_ms = [timed(lambda q=q: plain(q)) for _ in range(5) for q in SEARCHES]
    return {
        "queries": len(SEARCHES),
        "samples": len(view_ms),
        "view_p50_ms": round(_percentile(view_ms, 50), 1),
        "view_p95_ms": round(_percentile(view_ms, 95), 1),
        "icontains_p50_ms": round(_percentile(plain_ms, 50), 1),
        "icontains_p95_ms": round(_percentile(plain_ms, 95), 1),
        "entries": CatalogEntry.objects.count(),
    }


def _percentile(values, pct) -> float:
    ordered = sorted(values)
    index = (len(ordered) - 1) * pct / 100
    low = int(index)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (index - low)


# --- 3. queries per page -------------------------------------------------------------------


def measure_queries(client) -> dict:
    from django.test import override_settings

    from agencies.models import Agency
    from benchmarks.generate import LARGE, SMALL

    officer_small, officer_large, doj = _bench_users()
    small, large = (Agency.objects.get(slug=s) for s in (SMALL, LARGE))
    pages = {
        "catalog list": (None, "/danh-muc/", {"agency": SMALL}, {"agency": LARGE}),
        "agency directory": (None, "/co-quan/", {"kind": "other"}, {"kind": "commune"}),
        "request admin list": (
            (officer_small, officer_large),
            "/admin/requests_app/informationrequest/",
            {},
            {},
        ),
        "DOJ dashboard": (doj, "/bao-cao/tong-quan/", {"kind": "other"}, {"kind": "commune"}),
    }
    rows = {
        "catalog list": (small.catalog_entries.count(), large.catalog_entries.count()),
        "agency directory": (
            Agency.objects.filter(kind="other").count(),
            Agency.objects.filter(kind="commune").count(),
        ),
        "request admin list": (small.requests.count(), large.requests.count()),
        "DOJ dashboard": (
            Agency.objects.filter(kind="other").count(),
            Agency.objects.filter(kind="commune").count(),
        ),
    }
    found = {}
    with override_settings(PORTAL_PUBLIC_CACHE_SECONDS=0):  # the views' own queries
        for name, (user, path, few, many) in pages.items():
            found[name] = _queries_of(client, user, path, few, many, rows[name])
    client.logout()
    return found


def _queries_of(client, user, path, few, many, rows) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for index, params in enumerate((few, many)):
        who = user[index] if isinstance(user, tuple) else user
        client.logout()
        if who is not None:
            client.force_login(who)
        client.get(path, params, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, params, secure=True)
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(queries))
    return {
        "rows": {"few": rows[0], "many": rows[1]},
        "queries": {"few": counts[0], "many": counts[1]},
        "same": counts[0] == counts[1],
    }


def _bench_users():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from agencies.models import Agency, Officer
    from benchmarks.generate import LARGE, SMALL
    from portal.roles import DEPARTMENT_OF_JUSTICE, FOCAL_POINT_OFFICERS

    users = []
    for slug in (SMALL, LARGE):
        user, _ = get_user_model().objects.get_or_create(
            username=f"bench.{slug}", defaults={"is_staff": True}
        )
        user.groups.add(Group.objects.get(name=FOCAL_POINT_OFFICERS))
        Officer.objects.get_or_create(
            user=user, defaults={"agency": Agency.objects.get(slug=slug), "full_name": slug}
        )
        users.append(user)
    doj, _ = get_user_model().objects.get_or_create(
        username="bench.doj", defaults={"is_staff": True}
    )
    doj.groups.add(Group.objects.get(name=DEPARTMENT_OF_JUSTICE))
    return (*users, doj)


# --- 4. throughput under load --------------------------------------------------------------


def measure_load(duration: int) -> dict:
    from agencies.models import Agency

    agency = Agency.objects.exclude(kind="other").order_by("pk").first()
    urls = {
        "bare Django view": "/bench/bare/",
        "home page": "/",
        "agency directory": "/co-quan/",
        "catalog list": "/danh-muc/",
        "agency page": f"/co-quan/{agency.slug}/",
        "tracking page": "/yeu-cau/tra-cuu/",
    }
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_server()
        found = {}
        for name, path in urls.items():
            _wrk(path, 2)  # warm up
            found[name] = _wrk(path, duration)
        bare = found["bare Django view"]["requests_per_second"]
        for figures in found.values():
            figures["ratio_to_bare"] = round(figures["requests_per_second"] / bare, 2)
        return {"duration_seconds": duration, "workers": 3, "connections": 12, "pages": found}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for_server(timeout=60):
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT}/healthz/", headers={"X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    fail("gunicorn did not start")


def _wrk(path: str, seconds: int) -> dict:
    script = ROOT / "benchmarks" / "wrk_report.lua"
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c12",
            f"-d{seconds}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    rps = figures["requests"] / (figures["duration_us"] / 1e6)
    return {
        "requests_per_second": round(rps, 1),
        "p50_ms": figures["p50_ms"],
        "p95_ms": figures["p95_ms"],
        "errors": figures["errors"] + figures["non_2xx"],
    }


# --- 5. the province's PDF -----------------------------------------------------------------


def measure_pdf() -> dict:
    from weasyprint import HTML

    from portal.pdf import html_to_pdf
    from reports import pdf
    from reports.models import YearlyReport

    report = YearlyReport.objects.get(period_start=datetime.date(2025, 1, 1), agency=None)
    started = time.perf_counter()
    content = pdf.render_report(report)
    whole = time.perf_counter() - started
    html = pdf.report_html(report)
    started = time.perf_counter()
    html_to_pdf(html)
    alone = time.perf_counter() - started
    pages = len(HTML(string=html, base_url=str(ROOT)).render().pages)
    return {
        "agencies": report.rows.count(),
        "pages": pages,
        "bytes": len(content),
        "seconds": round(whole, 2),
        "weasyprint_alone_seconds": round(alone, 2),
        "pages_per_second": round(pages / whole, 1),
        "ratio_to_weasyprint": round(whole / alone, 2),
    }


# --- 6. page weight ------------------------------------------------------------------------


def measure_weight(client) -> dict:
    from catalogs.models import CatalogEntry
    from reports.models import YearlyReport

    entry = CatalogEntry.objects.public().order_by("pk").first()
    report = YearlyReport.objects.filter(agency=None).first()
    pages = {
        "home": "/",
        "agency directory": "/co-quan/",
        "agency page": f"/co-quan/{entry.agency.slug}/",
        "catalog list": "/danh-muc/",
        "catalog search": "/danh-muc/?q=ngan+sach",
        "catalog entry": f"/danh-muc/{entry.pk}/",
        "request form": "/yeu-cau/gui/",
        "tracking page": "/yeu-cau/tra-cuu/",
        "reports": "/bao-cao/",
        "report page (staff)": f"/bao-cao/{report.pk}/" if report else None,
    }
    client.logout()
    found = {}
    for name, path in pages.items():
        if path is None:
            continue
        if name == "report page (staff)":
            client.force_login(_bench_users()[-1])
        response = client.get(path, secure=True)
        html = response.content
        assets = sorted(set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)))
        parts = {"html": len(gzip.compress(html, 6))}
        for asset in assets:
            body = b"".join(client.get(asset.decode(), secure=True).streaming_content)
            parts[asset.decode()] = len(gzip.compress(body, 6))
        found[name] = {
            "status": response.status_code,
            "kilobytes": round(sum(parts.values()) / 1024, 1),
            "html_uncompressed_kilobytes": round(len(html) / 1024, 1),
            "files": len(parts),
            "external_requests": len(re.findall(rb'(?:href|src)="https?://', html)),
        }
    client.logout()
    return found


# --- the report ----------------------------------------------------------------------------


def machine(pg_version: str) -> dict:
    memory = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) // 1024
    return {
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "postgresql": pg_version,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="0.1 for a quick run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reset", action="store_true", help="drop the bench database and start afresh"
    )
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per page")
    args = parser.parse_args(argv)

    pg_version = check_postgresql(args.reset)
    cache = check_redis()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    results = {"machine": {**machine(pg_version), "cache": cache}, "data": load(args)}
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    steps = [
        ("statistics", measure_statistics),
        ("search", lambda: measure_search(client)),
        ("queries", lambda: measure_queries(client)),
        ("load", lambda: measure_load(args.duration)),
        ("pdf", measure_pdf),
        ("weight", lambda: measure_weight(client)),
    ]
    for name, step in steps:
        print(f"Measuring {name} …")
        started = time.perf_counter()
        results[name] = step()
        took = time.perf_counter() - started
        print(f"  {json.dumps(results[name], ensure_ascii=False)[:300]} ({took:.0f} s)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    from benchmarks.summary import markdown

    (RESULTS / "latest.md").write_text(markdown(results))
    print(f"Wrote {RESULTS / 'latest.json'} and latest.md")


if __name__ == "__main__":
    main()
