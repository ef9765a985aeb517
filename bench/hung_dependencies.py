"""What a hung database and a hung or stopped cache cost readers, as `make run` serves the site.

    .venv/bin/python bench/hung_dependencies.py          # PROBES=20 requests per row

Starts gunicorn (gunicorn.conf.py) on loopback with a fresh SQLite database in a temporary directory and
times PROBES requests per row, one after another:

- /healthz and the home page with DATABASE_URL pointing at a PostgreSQL address that accepts connections
  and never answers (targets: /healthz 503 within 2 s; the page a 503 in seconds, not gunicorn's 30 s);
- the home page with no page cache at all (CACHE_URL=dummy://, the yardstick), then with CACHE_URL naming
  a Redis that hangs and one that is stopped (a closed port). Target: at most 0.5 s added (judged at p50:
  each request pays one cache timeout, 0.2 s, and p99 on a shared machine is its load).
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.serving import HungServer, free_port, gunicorn, migrate, percentile, site_environment, timed  # noqa: E402

PROBES = int(os.environ.get("PROBES", "20"))
TIMEOUT = 40


def row(name, port, path):
    results = [timed(port, path, TIMEOUT) for _ in range(PROBES)]
    seconds = [result[0] for result in results]
    statuses = sorted({str(result[1]) for result in results})
    p50, p99 = percentile(seconds, 0.5), percentile(seconds, 0.99)
    print(f"{name:<34} {path:<10} {'/'.join(statuses):>7} {p50 * 1000:>9.1f} {p99 * 1000:>9.1f}")
    return p50, p99


def main():
    print(f"{PROBES} requests per row; CPUs: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
    print(f"{'dependency':<34} {'path':<10} {'status':>7} {'p50 ms':>9} {'p99 ms':>9}")
    with tempfile.TemporaryDirectory() as var_dir, HungServer() as hung:
        hung_database = site_environment(var_dir, DATABASE_URL=f"postgres://hub:x@127.0.0.1:{hung.port}/hub")
        with gunicorn(hung_database, ready_status=(503,)) as port:
            healthz = row("database hung", port, "/healthz")[1]
            row("database hung", port, "/en/")

        migrate(site_environment(var_dir))
        caches = [
            ("no page cache (yardstick)", "dummy://"),
            ("Redis hung", f"redis://127.0.0.1:{hung.port}/0"),
            ("Redis stopped", f"redis://127.0.0.1:{free_port()}/0"),
        ]
        times = []
        for name, url in caches:
            with gunicorn(site_environment(var_dir, CACHE_URL=url)) as port:
                times.append(row(name, port, "/en/"))
    added = [max(hung[i] for hung in times[1:]) - times[0][i] for i in (0, 1)]
    print(f"/healthz p99 with the database hung: {healthz:.2f} s (target under 2 s)")
    print(
        f"added by a hung or stopped cache: {added[0] * 1000:.0f} ms at p50, {added[1] * 1000:.0f} ms at p99 "
        "(target at most 500 ms; p99 on a busy machine is mostly its own noise: compare the yardstick's)"
    )
    return 0 if healthz < 2 and added[0] <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
