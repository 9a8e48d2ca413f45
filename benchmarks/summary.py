"""benchmarks/results/latest.md: every figure of a run beside its DESIGN §6 target."""

# DESIGN §6 sets the throughput target for the public list pages.
LIST_PAGES = ("agency directory", "catalog list")


def _mark(met: bool) -> str:
    return "met" if met else "**not met**"


def _steps(s: dict) -> str:
    steps = [f"{name.replace('_', ' ')} {seconds} s" for name, seconds in s["job_steps"].items()]
    return ", ".join(steps) + " (each step timed alone; the job also claims, checks and saves)"


def markdown(results: dict) -> str:
    m, data = results["machine"], results["data"]
    sizes = data["sizes"]
    lines = [
        "# Benchmark results",
        "",
        f"Run on {m['date']}: {m['cores']} cores, {m['memory_mb']:,} MB memory, "
        f"{m['cpu']}, Python {m['python']}, PostgreSQL {m['postgresql']}.",
        "",
        f"Data: {sizes['agencies']:,} agencies, {sizes['entries']:,} catalog entries, "
        f"{sizes['requests']:,} requests over 2024–2025 (seed {sizes['seed']})"
        + (
            f", loaded in {data['load_seconds']:.0f} s"
            + (f" with {data['counts']['events']:,} request events" if "counts" in data else "")
            if data.get("load_seconds")
            else " (reused from an earlier run)"
        )
        + ".",
        "",
        "| what | measured | yardstick in the same run | target | |",
        "| --- | --- | --- | --- | --- |",
    ]
    s = results["statistics"]
    lines += [
        f"| yearly statistics, whole province ({s['requests_in_scope']:,} requests received in "
        f"2025, {s['agencies']:,} agencies) | {s['job_seconds']} s "
        f"(runs {', '.join(map(str, s['job_runs']))}) | one hand-written SQL GROUP BY of the "
        f"same {s['same_counts']} request counts, at its quicker of JIT on and off: "
        f"{s['same_counts_sql_seconds']} s → ratio "
        f"**{s['ratio_job_to_same_counts_sql']}×** | under 15 s, at most 2× | "
        f"{_mark(s['job_seconds'] < 15)} / {_mark(s['ratio_job_to_same_counts_sql'] <= 2)} |",
        f"| the job's own query of those request counts (figures identical: "
        f"{'yes' if s['same_counts_agree'] else '**no**'}) | {s['job_request_query_seconds']} s "
        f"| the same hand-written GROUP BY → ratio "
        f"**{s['ratio_request_query_to_same_counts_sql']}×** | | |",
        f"| the whole job against the 8 headline counts alone (received, resolved, refused, "
        f"withdrawn, pending at start and end, on time, late) | {s['job_seconds']} s | one "
        f"hand-written GROUP BY of 8 counts: {s['single_sql_seconds']} s → ratio "
        f"**{s['ratio_job_to_sql']}×**; the request query alone "
        f"**{s['ratio_request_query_to_sql']}×** | | |",
        f"| where the job's time goes | {_steps(s)} | | | |",
        f"| peak memory of the job's process | {s['job_peak_rss_mb']} MB "
        f"({s['job_rss_after_import_mb']} MB after importing Django) | | under 300 MB | "
        f"{_mark(s['job_peak_rss_mb'] < 300)} |",
    ]
    q = results["search"]
    lines.append(
        f"| catalog search without diacritics, {q['entries']:,} entries ({q['queries']} queries"
        f" × 5) | view p50 {q['view_p50_ms']} ms, **p95 {q['view_p95_ms']} ms** | plain "
        f"unindexed icontains: p50 {q['icontains_p50_ms']} ms, p95 {q['icontains_p95_ms']} ms "
        f"| p95 under 50 ms | {_mark(q['view_p95_ms'] < 50)} |"
    )
    for name, page in results["queries"].items():
        lines.append(
            f"| SQL queries, {name} | {page['queries']['few']} at {page['rows']['few']:,} rows, "
            f"{page['queries']['many']} at {page['rows']['many']:,} rows | | the same | "
            f"{_mark(page['same'])} |"
        )
    load = results["load"]
    bare = load["pages"]["bare Django view"]
    for name, page in load["pages"].items():
        if name == "bare Django view":
            continue
        is_list = name in LIST_PAGES
        lines.append(
            f"| throughput, {name} | {page['requests_per_second']} req/s, p95 {page['p95_ms']} "
            f"ms | bare view {bare['requests_per_second']} req/s, p95 {bare['p95_ms']} ms → "
            f"ratio **{page['ratio_to_bare']}** | "
            + (
                f"at least 0.5 | {_mark(page['ratio_to_bare'] >= 0.5)} |"
                if is_list
                else "none (DESIGN §6 sets it for list pages) | reported |"
            )
        )
    p = results["pdf"]
    lines.append(
        f"| province PDF, {p['agencies']:,} agencies | {p['seconds']} s, {p['pages']} pages, "
        f"{p['pages_per_second']} pages/s | WeasyPrint alone on the same HTML: "
        f"{p['weasyprint_alone_seconds']} s (ratio {p['ratio_to_weasyprint']}) | under 30 s | "
        f"{_mark(p['seconds'] < 30)} |"
    )
    for name, page in results["weight"].items():
        lines.append(
            f"| first-load weight, {name} | {page['kilobytes']} KB compressed in {page['files']}"
            f" files ({page['html_uncompressed_kilobytes']} KB of HTML before compression), "
            f"{page['external_requests']} external | | under 150 KB | "
            f"{_mark(page['kilobytes'] < 150 and not page['external_requests'])} |"
        )
    lines += [
        "",
        f"Load: gunicorn with the production settings, {load['workers']} sync workers, "
        f"driven by wrk with {load['connections']} connections for {load['duration_seconds']} s "
        "per page on loopback, on the same 2 cores as PostgreSQL. "
        "Errors: "
        + ", ".join(f"{name} {page['errors']}" for name, page in load["pages"].items())
        + ".",
        "",
    ]
    return "\n".join(lines)
