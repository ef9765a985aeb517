"""X-Forwarded-Proto is believed only from DJANGO_TRUSTED_PROXIES, as X-Forwarded-For is (qa/web/addresses.py).

With DJANGO_SECURE_HTTPS=1 Django takes ``X-Forwarded-Proto: https`` as proof that the request came over
HTTPS (SECURE_PROXY_SSL_HEADER). A client reaching gunicorn directly could send it too, and be treated as
secure on plain HTTP: no redirect to HTTPS, secure cookies handed out over plain HTTP.
"""

import ipaddress

import pytest
from django.http import HttpResponse

from qa.web.addresses import ForwardedProtoMiddleware

PROXY = "10.0.0.2"
DIRECT_CLIENT = "198.51.100.7"


@pytest.fixture
def https_behind_a_proxy(settings):
    """What DJANGO_SECURE_HTTPS=1 and DJANGO_TRUSTED_PROXIES=10.0.0.2 set."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    settings.HUB_TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]


def test_the_proxy_saying_https_is_believed(db, client, https_behind_a_proxy):
    response = client.get("/en/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


def test_a_client_reaching_gunicorn_directly_cannot_claim_https(client, https_behind_a_proxy):
    response = client.get("/en/", REMOTE_ADDR=DIRECT_CLIENT, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/en/"


def test_plain_http_from_the_proxy_is_still_sent_to_https(client, https_behind_a_proxy):
    response = client.get("/en/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301


@pytest.mark.parametrize(
    ("remote", "secure"),
    [(PROXY, True), (DIRECT_CLIENT, False), ("", False), ("not-an-address", False)],
)
def test_the_header_is_dropped_unless_a_trusted_proxy_sent_it(rf, https_behind_a_proxy, remote, secure):
    seen = {}

    def view(request):
        seen["secure"] = request.is_secure()
        seen["header"] = request.META.get("HTTP_X_FORWARDED_PROTO")
        return HttpResponse()

    ForwardedProtoMiddleware(view)(rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO="https"))
    assert seen == {"secure": secure, "header": "https" if secure else None}
