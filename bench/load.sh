#!/usr/bin/env bash
# Load test on loopback: gunicorn (gunicorn.conf.py, 2 sync workers, DEBUG off)
# on a fresh SQLite database, wrk against the home, question, author, pairing
# and search pages, each for DURATION seconds.
#
#   bench/load.sh                  # DURATION=10 CONNECTIONS=16 THREADS=2 WORKERS=2 PORT=(a free one)
#   CACHE_URL=dummy:// bench/load.sh   # the same without the page cache
#
# Needs wrk (Debian: apt-get install wrk; run as root, the script installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
PYTHON=${PYTHON:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
    else
        echo "wrk is needed: apt-get install wrk" >&2
        exit 1
    fi
fi

PORT=${PORT:-$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
VAR_DIR=$(mktemp -d)
export DJANGO_VAR_DIR=$VAR_DIR DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=error
export WEB_CONCURRENCY=$WORKERS PORT
unset DATABASE_URL
GUNICORN_PID=
cleanup() {
    if [ -n "$GUNICORN_PID" ]; then
        kill "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    rm -rf "$VAR_DIR"
}
trap cleanup EXIT

"$PYTHON" manage.py migrate --no-input --verbosity 0
"$PYTHON" manage.py collectstatic --no-input --verbosity 0
if [ -f content/knowledgehub.json ] && "$PYTHON" manage.py help import_content >/dev/null 2>&1; then
    "$PYTHON" manage.py import_content content/knowledgehub.json >/dev/null
else
    "$PYTHON" manage.py shell < bench/seed.py >/dev/null
fi

"$GUNICORN" knowledgehub.wsgi --config gunicorn.conf.py --bind "127.0.0.1:$PORT" \
    --access-logfile "$VAR_DIR/access.log" --error-logfile "$VAR_DIR/error.log" 2>>"$VAR_DIR/error.log" &
GUNICORN_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 50); do
    kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$VAR_DIR/error.log" >&2; exit 1; }
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fs "$BASE/healthz" >/dev/null || { cat "$VAR_DIR/error.log" >&2; exit 1; }

question=$("$PYTHON" manage.py shell --verbosity 0 -c \
    "from qa.models import Question; print(Question.objects.published().order_by('number').first().url_for('en'))")
author=$("$PYTHON" manage.py shell --verbosity 0 -c \
    "from qa.models import Author; print(Author.objects.with_published_questions().order_by('slug').first().get_absolute_url())")

printf '%s\n' "gunicorn: $WORKERS sync workers; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per page; cache: ${CACHE_URL:-files under DJANGO_VAR_DIR}; CPUs: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-6s %10s %9s %9s %8s  %s\n' page status "req/s" p50 p99 errors url
run() {
    local name=$1 url=$2 status out rps p50 p99 non2xx socket
    status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    out=$(wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" "$url")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
    socket=$(awk -F'[ ,]+' '/Socket errors:/ {print $4 + $6 + $8 + $10}' <<<"$out")
    printf '%-10s %-6s %10s %9s %9s %8s  %s\n' "$name" "$status" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${socket:-0} ))" "${url#"$BASE"}"
}
run home "$BASE/en/"
run question "$BASE$question"
run author "$BASE$author"
run pairing "$BASE/en/partner-assistance/"
run search "$BASE/en/search/?q=${QUERY:-province}"
run healthz "$BASE/healthz"  # Django and one SELECT 1, never cached: the floor under every page
