"""gunicorn settings for the Knowledge Hub; `make run` and bench/load.sh use this file.

gthread workers, so that slow clients cannot starve the site (docs/operators.md
"Serving"; bench/slow_clients.py measures it). A sync worker serves one
connection at a time: ten clients trickling headers held every worker and the
site answered no one. A gthread worker parks idle keep-alive connections in
its poller (no thread), hands a connection to a thread only once data
arrives, and keeps ``threads`` threads each, so a client that trickles
headers holds one thread, not the process. Processes (two per CPU, plus one)
still do the CPU-bound rendering side by side, as before.
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0)) * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "32"))
# At most this many connections per worker (keep-alive included); past it the worker stops accepting and
# the others take the connections.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "500"))
timeout = 30
graceful_timeout = 30
# An idle keep-alive connection is closed after this many seconds.
keepalive = 5
# Bounds on a request's head: the longest address the site has (a search of 200 characters, percent-encoded,
# under 2 KB) fits the line; a browser sends about 20 header fields.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Heartbeat files in memory: a slow or full disk never gets workers killed.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "info").lower()
access_log_format = '%(h)s %({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
