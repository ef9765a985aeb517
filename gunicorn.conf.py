"""gunicorn settings for the Knowledge Hub; `make run` and bench/load.sh use this file.

Sync workers: every page is a short, CPU-bound render or a cache hit, so
processes (two per CPU, plus one) beat threads under the GIL.
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0)) * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5
# Heartbeat files in memory: a slow or full disk never gets workers killed.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "info").lower()
access_log_format = '%(h)s %({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
