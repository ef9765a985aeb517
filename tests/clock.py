"""Moving the site's clock in tests, instead of waiting for it."""

import datetime
import time
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def clock_at(moment):
    """Every clock the site reads (Django's ``timezone.now`` and ``time.time``, which cache expiry uses) at
    ``moment``, running on from there."""
    offset = (moment - timezone.now()).total_seconds()
    real_time, real_now = time.time, timezone.now
    with (
        mock.patch("time.time", lambda: real_time() + offset),
        mock.patch("django.utils.timezone.now", lambda: real_now() + datetime.timedelta(seconds=offset)),
    ):
        yield
