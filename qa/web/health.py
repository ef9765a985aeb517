"""Whether the database answers, within a deadline: what /healthz reports to load balancers.

The check runs on one thread of its own, so a database that accepts
connections and never answers costs the health check HEALTH_CHECK_SECONDS,
not the database driver's connect timeout (at least 2 s with libpq) or a
statement that never returns. One check at a time per process: while one is
still waiting, every caller waits on that same check, so a hung database
never piles up threads or connections. Each check opens its own connection
and closes it: a check a few seconds apart costs a connect (milliseconds),
and no connection outlives it to hold a database that is to be dropped or
restored.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Late

from django.db import DatabaseError, connection

HEALTH_CHECK_SECONDS = 1.0

_checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz")
_lock = threading.Lock()
_pending = None


def _select_one():
    """Runs on the checker thread, whose connection is its own."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    finally:
        connection.close()
    return True


def database_answers(seconds=HEALTH_CHECK_SECONDS):
    """True if the database answered ``SELECT 1`` within ``seconds``."""
    global _pending
    with _lock:
        if _pending is None or _pending.done():
            _pending = _checker.submit(_select_one)
        check = _pending
    try:
        return check.result(timeout=seconds)
    except Late:
        return False
