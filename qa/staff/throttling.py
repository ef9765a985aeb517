"""Login throttling that slows guessing without letting anyone lock the owner out.

django-axes records every failed login (``AccessAttempt`` per username,
address and browser; ``AccessFailureLog`` per failure); this handler decides
from those records:

- one username from one address: after settings.HUB_LOGIN_PAIR_LIMIT failures
  it waits HUB_LOGIN_FIRST_WAIT, and each further failure doubles the wait (up
  to HUB_LOGIN_LONGEST_WAIT);
- one address, whatever the usernames: the same, from HUB_LOGIN_ADDRESS_LIMIT;
- a username alone is never locked, so the owner logging in from another
  address is not refused because someone failed five times with their name.

Failures are remembered for AXES_COOLOFF_TIME after the last one. Many
failures across addresses within HUB_LOGIN_ALARM_WINDOW are logged as an
error (a spray from many addresses, which no per-address limit slows).
"""

import logging
import math

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Count, Max, Sum
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("qa.staff.logins")


def growing_wait(failures, limit):
    """How long to wait after ``failures`` failures: none below ``limit``, then doubling from the first wait."""
    if failures < limit:
        return None
    return min(settings.HUB_LOGIN_FIRST_WAIT * 2 ** min(failures - limit, 30), settings.HUB_LOGIN_LONGEST_WAIT)


def remaining_wait(request, credentials):
    """How long this username from this address must still wait, or None when it may try now."""
    now = timezone.now()
    username = get_client_username(request, credentials)
    rows = (
        AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=now - settings.AXES_COOLOFF_TIME
        )
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    waits = []
    address_failures, address_last = 0, None
    for row in rows:
        address_failures += row["failures"]
        address_last = max(address_last or row["last"], row["last"])
        if row["username"] == username:
            wait = growing_wait(row["failures"], settings.HUB_LOGIN_PAIR_LIMIT)
            if wait:
                waits.append(row["last"] + wait - now)
    wait = growing_wait(address_failures, settings.HUB_LOGIN_ADDRESS_LIMIT)
    if wait:
        waits.append(address_last + wait - now)
    longest = max(waits, default=None)
    return longest if longest is not None and longest.total_seconds() > 0 else None


class LoginThrottlingHandler(AxesDatabaseHandler):
    """axes' database handler with the rules above in place of its fixed failure limit."""

    def is_locked(self, request, credentials=None):
        wait = remaining_wait(request, credentials)
        request.hub_login_wait = wait
        return wait is not None

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.is_locked(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )
        sound_alarm()


def sound_alarm():
    """Log an error each time failures across all addresses reach another multiple of the alarm's count."""
    since = timezone.now() - settings.HUB_LOGIN_ALARM_WINDOW
    seen = AccessFailureLog.objects.filter(attempt_time__gte=since).aggregate(
        failures=Count("id"), addresses=Count("ip_address", distinct=True)
    )
    if seen["failures"] and seen["failures"] % settings.HUB_LOGIN_ALARM_FAILURES == 0:
        logger.error(
            "Login alarm: %d failed logins from %d addresses in the last %d minutes",
            seen["failures"],
            seen["addresses"],
            settings.HUB_LOGIN_ALARM_WINDOW.total_seconds() // 60,
        )


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a refused login: a page in the reader's language saying how long to wait."""
    wait = getattr(request, "hub_login_wait", None) or settings.HUB_LOGIN_FIRST_WAIT
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    return render(request, "axes/lockout.html", {"cooloff_minutes": minutes}, status=429)


class LoginThrottlingBackend(AxesStandaloneBackend):
    """django-axes for every login made over HTTP.

    Code that authenticates without a request (scripts, the test client's
    ``login()``) has no address to throttle; axes would refuse it outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
