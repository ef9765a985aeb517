"""/healthz while slow clients hold connections, as `make run` serves it, beside the old sync workers.

    .venv/bin/python bench/slow_clients.py                 # 50 slow clients, 100 probes
    CLIENTS=10 PROBES=40 .venv/bin/python bench/slow_clients.py

Starts gunicorn with gunicorn.conf.py on a free loopback port and a fresh SQLite database in a temporary
directory, then probes /healthz PROBES times, one request after another: first alone, then while CLIENTS
slow clients (tests/serving.py: half trickle a header a second and never end it, a quarter send nothing,
a quarter hold an idle keep-alive connection) hold the server. The same again with `--worker-class sync`
(the setup before issue 16) as the yardstick. A probe unanswered in TIMEOUT seconds counts as TIMEOUT; after
5 unanswered in a row, so do all the remaining ones.
Target: with 50 slow clients, p99 under 1 s. Exits with status 1 if the default setup misses it.
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.serving import SYNC_WORKERS, SlowClients, gunicorn, migrate, percentile, site_environment, timed  # noqa: E402

CLIENTS = int(os.environ.get("CLIENTS", "50"))
PROBES = int(os.environ.get("PROBES", "100"))
TIMEOUT = float(os.environ.get("TIMEOUT", "5"))
TARGET_P99 = 1.0


GIVE_UP_AFTER = 5  # unanswered probes in a row: the rest would be unanswered too, TIMEOUT seconds each


def probe(port):
    results = []
    while len(results) < PROBES:
        results.append(timed(port, "/healthz", TIMEOUT))
        if len(results) >= GIVE_UP_AFTER and not any(result[1] for result in results[-GIVE_UP_AFTER:]):
            results += [(TIMEOUT, None, "")] * (PROBES - len(results))
    seconds = [result[0] for result in results]
    answered = sum(1 for result in results if result[1] == 200)
    return answered, percentile(seconds, 0.5), percentile(seconds, 0.99)


def measure(env, arguments):
    with gunicorn(env, *arguments) as port:
        alone = probe(port)
        with SlowClients(port, CLIENTS):
            held = probe(port)
    return alone, held


def main():
    with tempfile.TemporaryDirectory() as var_dir:
        env = site_environment(var_dir)
        migrate(env)
        setups = [("gunicorn.conf.py (make run)", ()), ("yardstick: sync workers", SYNC_WORKERS)]
        print(f"/healthz, {PROBES} probes each; CPUs: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
        print(f"{'setup':<30} {'slow clients':>12} {'answered':>9} {'p50 ms':>8} {'p99 ms':>8}")
        default_p99 = None
        for name, arguments in setups:
            alone, held = measure(env, arguments)
            for clients, (answered, p50, p99) in ((0, alone), (CLIENTS, held)):
                print(f"{name:<30} {clients:>12} {answered:>5}/{PROBES:<3} {p50 * 1000:>8.1f} {p99 * 1000:>8.1f}")
            if default_p99 is None:
                default_p99 = held[2]
        print(f"target: p99 under {TARGET_P99 * 1000:.0f} ms with {CLIENTS} slow clients")
    return 0 if default_p99 < TARGET_P99 else 1


if __name__ == "__main__":
    sys.exit(main())
