#!/usr/bin/env bash
# Load test on loopback: gunicorn (gunicorn.conf.py, 2 gthread workers, DEBUG off)
# on a fresh SQLite database, wrk against the home, question, author, pairing
# and search pages, each for DURATION seconds.
#
#   bench/load.sh                  # DURATION=10 CONNECTIONS=16 THREADS=2 WORKERS=2 PORT=(a free one)
#   CACHE_URL=dummy:// bench/load.sh   # the same without the page cache
#
# Needs wrk (Debian: apt-get install wrk; run as root, the script installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/wrk.sh
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

PORT=${PORT:-$(free_port)}
BENCH_DIR=$(mktemp -d)
export DJANGO_VAR_DIR=$BENCH_DIR DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=error
export WEB_CONCURRENCY=$WORKERS PORT
unset DATABASE_URL

"$PYTHON" manage.py migrate --no-input --verbosity 0
"$PYTHON" manage.py collectstatic --no-input --verbosity 0
if [ -f content/knowledgehub.json ] && "$PYTHON" manage.py help import_content >/dev/null 2>&1; then
    "$PYTHON" manage.py import_content content/knowledgehub.json >/dev/null
else
    "$PYTHON" manage.py shell < bench/seed.py >/dev/null
fi

"$GUNICORN" knowledgehub.wsgi --config gunicorn.conf.py --bind "127.0.0.1:$PORT" \
    --access-logfile "$BENCH_DIR/access.log" --error-logfile "$BENCH_DIR/error.log" 2>>"$BENCH_DIR/error.log" &
GUNICORN_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 50); do
    kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$BENCH_DIR/error.log" >&2; exit 1; }
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fs "$BASE/healthz" >/dev/null || { cat "$BENCH_DIR/error.log" >&2; exit 1; }

question=$("$PYTHON" manage.py shell --verbosity 0 -c \
    "from qa.models import Question; print(Question.objects.published().order_by('number').first().url_for('en'))")
author=$("$PYTHON" manage.py shell --verbosity 0 -c \
    "from qa.models import Author; print(Author.objects.with_published_questions().order_by('slug').first().get_absolute_url())")

printf '%s\n' "gunicorn: $WORKERS gthread workers; wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per page; cache: ${CACHE_URL:-files under DJANGO_VAR_DIR}; CPUs: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
print_header
wrk_row home "$BASE/en/"
wrk_row question "$BASE$question"
wrk_row author "$BASE$author"
wrk_row pairing "$BASE/en/partner-assistance/"
wrk_row search "$BASE/en/search/?q=${QUERY:-province}"
wrk_row healthz "$BASE/healthz"  # Django and one SELECT 1, never cached: the floor under every page
