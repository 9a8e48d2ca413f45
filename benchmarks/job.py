"""One compilation of a report in a process of its own, as a Celery worker would run it:
prints its wall time and the process's peak memory as JSON.

    python -m benchmarks.job <report id> <run id>
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")


def peak_rss_mb() -> float:
    """The process's peak resident memory (VmHWM: unlike ru_maxrss, it does not carry over
    the memory of the process that started this one)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(report_id: str, run_id: str) -> None:
    import django

    django.setup()
    from reports import compilation

    after_import = peak_rss_mb()
    started = time.perf_counter()
    done = compilation.run(int(report_id), run_id)
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "peak_rss_mb": peak_rss_mb()}
    print(json.dumps({**result, "rss_after_import_mb": after_import, "done": done}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
