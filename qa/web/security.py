from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response that has none.

    One fixed policy without nonces, so a few lines of our own rather than a
    dependency: no page (ours or the admin's) needs inline script, eval or
    inline styles.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


def client_ip(request):
    """The reader's address for login throttling.

    Behind the TLS proxy (DJANGO_SECURE_HTTPS=1) every request comes from the
    proxy, which appends the address it saw to X-Forwarded-For; earlier
    entries are whatever the client sent and cannot be trusted.
    """
    if settings.SECURE_HTTPS:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login, a page in the reader's language."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
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
