"""Staff sessions end HUB_SESSION_LONGEST after login and HUB_SESSION_IDLE after the last request.

The login time is stored in the session when it starts; the last request's
time is written at most once a minute, so an editor's clicks do not each
write the session. Readers have no session and never reach this.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in

LOGGED_IN_AT = "hub_logged_in_at"
SEEN_AT = "hub_seen_at"
SEEN_PRECISION = 60


def note_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGGED_IN_AT] = now
        request.session[SEEN_AT] = now


user_logged_in.connect(note_login, dispatch_uid="qa.staff.sessions.note_login")  # when qa.apps imports this


def has_expired(session, now):
    logged_in = session.get(LOGGED_IN_AT, now)
    seen = session.get(SEEN_AT, now)
    return (
        now - logged_in > settings.HUB_SESSION_LONGEST.total_seconds()
        or now - seen > settings.HUB_SESSION_IDLE.total_seconds()
    )


class StaffSessionMiddleware:
    """Logs out a session that has lasted too long or stood idle too long; after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key and "_auth_user_id" in session:
            now = int(time.time())
            if has_expired(session, now):
                logout(request)
            elif LOGGED_IN_AT not in session or now - session.get(SEEN_AT, 0) >= SEEN_PRECISION:
                session.setdefault(LOGGED_IN_AT, now)
                session[SEEN_AT] = now
        return self.get_response(request)
