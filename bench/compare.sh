#!/usr/bin/env bash
# The Hub beside its yardsticks, in one run on this machine: wrk against each target in turn, ROUNDS times
# interleaved, then a table of the medians with each rate as a multiple of bare Django's in the same run.
#
#   bench/compare.sh        # DURATION=8 ROUNDS=3 CONNECTIONS=16 THREADS=2 WORKERS=2; WAGTAIL=0 leaves Wagtail out
#
# Targets: the Hub with its page cache (files, as `make run`), the Hub with CACHE_URL=dummy:// (every request
# renders: question, pairing page, series index, home, search), the search page with the cache on, asked the
# same query again and again (kept) and a new one each time (bench/new_queries.lua), bare Django with the usual middleware
# answering Question 3's bytes (bench/bare_django.py) on sync workers and again on the Hub's gthread workers,
# stock Wagtail (bench/wagtail_site.sh, installed into a throw-away virtualenv), nginx serving Question 3's
# bytes as a static file, and nginx's proxy_cache in front of the cached Hub with the configuration of
# docs/operators.md. Needs wrk and nginx (apt-get install wrk nginx).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-8}
. bench/wrk.sh
. bench/wagtail_site.sh
ROUNDS=${ROUNDS:-3}
PYTHON=${PYTHON:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
for tool in wrk nginx; do
    command -v "$tool" >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }
done

PIDS=()
stop_all() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    [ -z "$BENCH_DIR" ] || rm -rf "$BENCH_DIR"
}
trap stop_all EXIT

BENCH_DIR=$(mktemp -d)
chmod 755 "$BENCH_DIR"
export DJANGO_VAR_DIR=$BENCH_DIR/var DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=error
export WEB_CONCURRENCY=$WORKERS
DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DJANGO_SECRET_KEY
unset DATABASE_URL CACHE_URL REDIS_URL
mkdir -p "$DJANGO_VAR_DIR" "$BENCH_DIR/www"

"$PYTHON" manage.py migrate --no-input --verbosity 0
"$PYTHON" manage.py collectstatic --no-input --verbosity 0
"$PYTHON" manage.py import_content content/knowledgehub.json >/dev/null

wait_for() {
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null "$1" && return 0
        sleep 0.2
    done
    echo "no answer from $1" >&2
    cat "$BENCH_DIR/error.log" >&2
    exit 1
}

# start_gunicorn [VAR=value ...] -- ARGS: a gunicorn on a free port (STARTED_PORT), stopped on exit.
start_gunicorn() {
    local env=()
    while [ "$1" != "--" ]; do env+=("$1"); shift; done
    shift
    STARTED_PORT=$(free_port)
    env "${env[@]}" "$GUNICORN" "$@" --workers "$WORKERS" --bind "127.0.0.1:$STARTED_PORT" \
        --access-logfile /dev/null --error-logfile "$BENCH_DIR/error.log" 2>>"$BENCH_DIR/error.log" &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$STARTED_PORT/${HEALTH-healthz}"
}

start_gunicorn DJANGO_LOG_LEVEL=error -- knowledgehub.wsgi --config gunicorn.conf.py
HUB="http://127.0.0.1:$STARTED_PORT"
start_gunicorn CACHE_URL=dummy:// -- knowledgehub.wsgi --config gunicorn.conf.py
UNCACHED="http://127.0.0.1:$STARTED_PORT"
# A new query each request gets a Hub of its own: after such a flood the Hub's hits ran a quarter slower for
# some twenty seconds (docs/benchmarks.md), which would fall on whichever target came next.
start_gunicorn DJANGO_LOG_LEVEL=error -- knowledgehub.wsgi --config gunicorn.conf.py
SEARCHED="http://127.0.0.1:$STARTED_PORT"

question=$("$PYTHON" manage.py shell --verbosity 0 -c \
    "from qa.models import Question; print(Question.objects.published().get(number=3).url_for('en'))")
series=$("$PYTHON" manage.py shell --verbosity 0 -c \
    "from qa.models import Question; print(Question.objects.published().get(number=3).series.url_for('en'))")
curl -fs "$HUB$question" -o "$BENCH_DIR/www/question.html"

HEALTH= start_gunicorn BARE_PAGE="$BENCH_DIR/www/question.html" -- --chdir bench bare_django
BARE="http://127.0.0.1:$STARTED_PORT/"
# The same bare Django served as the Hub is (gunicorn.conf.py: gthread workers), to tell what the worker class
# costs from what the Hub's code does.
HEALTH= start_gunicorn BARE_PAGE="$BENCH_DIR/www/question.html" -- --chdir bench bare_django --config "$PWD/gunicorn.conf.py"
BARE_GTHREAD="http://127.0.0.1:$STARTED_PORT/"

NGINX_PORT=$(free_port)
sed -e "s|@BENCH_DIR@|$BENCH_DIR|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@HUB@|${HUB#http://}|g" \
    bench/nginx.conf >"$BENCH_DIR/nginx.conf"
[ "$(id -u)" != 0 ] || sed -i '1i user root;' "$BENCH_DIR/nginx.conf"
nginx -p "$BENCH_DIR" -c "$BENCH_DIR/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
NGINX="http://127.0.0.1:$NGINX_PORT"
wait_for "$NGINX/question.html"
curl -fs -o /dev/null "$NGINX$question"
cache_status=$(curl -fsI "$NGINX$question" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache-status" {print $2}')
echo "nginx proxy_cache, second request of Question 3: ${cache_status:-no status}"

WAGTAIL_URL=
if [ "${WAGTAIL:-1}" != 0 ]; then
    mkdir "$BENCH_DIR/wagtail"
    start_wagtail "$BENCH_DIR/wagtail"
    PIDS+=("$WAGTAIL_PID")
fi

TARGETS=(
    "hub-cached|$HUB$question"
    "hub-cold|$UNCACHED$question"
    "pairing-cold|$UNCACHED/en/partner-assistance/"
    "series-cold|$UNCACHED$series"
    "home-cold|$UNCACHED/en/"
    "search-cold|$UNCACHED/en/search/?q=${QUERY:-province}"
    "search-kept|$HUB/en/search/?q=${QUERY:-province}"
    "search-new|$SEARCHED/en/search/?q=${QUERY:-province}|bench/new_queries.lua"
    "bare-django|$BARE"
    "bare-gthread|$BARE_GTHREAD"
    "nginx-static|$NGINX/question.html"
    "nginx-proxy|$NGINX$question"
)
[ -z "$WAGTAIL_URL" ] || TARGETS+=("wagtail|$WAGTAIL_URL")

printf '%s\n' "gunicorn: $WORKERS workers each (the Hub and bare-gthread gunicorn.conf.py, the others sync); wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s, $ROUNDS rounds; CPUs: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
print_header
for round in $(seq 1 "$ROUNDS"); do
    for target in "${TARGETS[@]}"; do
        IFS='|' read -r name url script <<<"$target"
        wrk_row "$name" "$url" "$script" | tee -a "$BENCH_DIR/rows"
    done
done
"$PYTHON" - "$BENCH_DIR/rows" <<'EOF'
import statistics
import sys

UNITS = {"us": 0.001, "ms": 1, "s": 1000}


def ms(text):
    """wrk's 456.00us, 1.23ms or 1.02s in milliseconds."""
    unit = next(unit for unit in UNITS if text.endswith(unit))
    return float(text[: -len(unit)]) * UNITS[unit]


rows = {}
for line in open(sys.argv[1]):
    name, _status, rps, _p50, p99, errors, *_ = line.split()
    rows.setdefault(name, []).append((float(rps), ms(p99), int(errors)))
bare = statistics.median(rps for rps, _p99, _errors in rows["bare-django"])
print(f"\n{'target':14} {'req/s':>9} {'p99':>9} {'vs bare Django':>15} {'errors':>7}")
for name, values in rows.items():
    rps = statistics.median(value[0] for value in values)
    p99 = statistics.median(value[1] for value in values)
    print(f"{name:14} {rps:9,.0f} {p99:7.1f}ms {rps / bare:14.2f}× {sum(value[2] for value in values):7}")
EOF
