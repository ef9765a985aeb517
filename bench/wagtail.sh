#!/usr/bin/env bash
# The yardstick for bench/load.sh: a stock Wagtail 8 project (`wagtail start`,
# production settings, SQLite) with one page holding the same article as
# bench/seed.py, served by gunicorn with 2 sync workers and loaded by wrk in
# the same way.
#
#   bench/wagtail.sh               # DURATION=10 CONNECTIONS=16 THREADS=2 WORKERS=2
#
# Installs Wagtail into a throw-away virtualenv under a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/wrk.sh
. bench/wagtail_site.sh
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

BENCH_DIR=$(mktemp -d)
start_wagtail "$BENCH_DIR"
GUNICORN_PID=$WAGTAIL_PID
print_header
wrk_row wagtail "$WAGTAIL_URL"
