# Sourced by bench/load.sh and bench/wagtail.sh: the same load, measured and printed the same way.
# Set BENCH_DIR (removed on exit) and GUNICORN_PID (stopped on exit) after sourcing.

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}

BENCH_DIR=
GUNICORN_PID=
cleanup() {
    if [ -n "$GUNICORN_PID" ]; then
        kill "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    [ -z "$BENCH_DIR" ] || rm -rf "$BENCH_DIR"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

print_header() {
    printf '%-10s %-6s %10s %9s %9s %8s  %s\n' page status "req/s" p50 p99 errors url
}

# wrk_row NAME URL [SCRIPT]: load URL for DURATION seconds (through wrk's Lua SCRIPT, if given); print
# requests/s, p50, p99 and errors (non-2xx/3xx responses and socket errors), with the URL shown without $BASE.
wrk_row() {
    local name=$1 url=$2 shown=${2#"${BASE:-}"} status out rps p50 p99 non2xx socket script=()
    [ -z "${3:-}" ] || script=(--script "$3")
    status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    out=$(wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" "${script[@]}" "$url")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
    socket=$(awk -F'[ ,]+' '/Socket errors:/ {print $4 + $6 + $8 + $10}' <<<"$out")
    printf '%-10s %-6s %10s %9s %9s %8s  %s\n' "$name" "$status" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${socket:-0} ))" "$shown"
}
