"""The client's address: the one rule for reading it, behind a proxy or not.

``X-Forwarded-For`` is only believed when the request comes from one of
settings.HUB_TRUSTED_PROXIES: anyone reaching gunicorn directly could write
any address into it. Each trusted proxy appends the address it saw, so the
list is read from the right, skipping our own proxies; the first address that
is not one of them is the client. Entries left of it are what the client sent.

``X-Forwarded-Proto`` follows the same rule: Django's SECURE_PROXY_SSL_HEADER
believes it from anyone, so ``ForwardedProtoMiddleware`` (first in
MIDDLEWARE, before SecurityMiddleware) drops it from requests that do not come
from a trusted proxy; for them ``request.is_secure()`` is what gunicorn saw.
"""

import ipaddress

from django.conf import settings


def parse_address(text):
    """An ipaddress object, or None when ``text`` is not an address."""
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    return address is not None and any(address in network for network in settings.HUB_TRUSTED_PROXIES)


def client_address(request):
    """The address login throttling (and anything else that needs one) counts the request against."""
    remote = parse_address(request.META.get("REMOTE_ADDR", ""))
    if not is_trusted_proxy(remote):
        return str(remote) if remote else None
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_address(hop)
        if address is None:
            break
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)


class ForwardedProtoMiddleware:
    """Forget the X-Forwarded-Proto a client that is not a trusted proxy sent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_X_FORWARDED_PROTO" in request.META and not is_trusted_proxy(
            parse_address(request.META.get("REMOTE_ADDR", ""))
        ):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)
