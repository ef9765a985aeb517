"""Every response carries the security headers; the pages and the admin need no inline script or style."""

import re

import pytest
from django.test import Client, override_settings

from tests.factories import StaffFactory

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


@pytest.mark.parametrize("path", ["/en/", "/zh-hans/", "/en/qa/1/question-title-1/", "/en/no-such-page/", "/healthz"])
def test_every_response_carries_the_security_headers(client, hub, path):
    response = client.get(path)
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("path", ["/en/", "/zh-hant/qa/", "/admin/login/", "/api/search?q=masks", "/healthz"])
def test_a_refused_host_gets_the_security_headers_too(hub, path):
    """A Host not in ALLOWED_HOSTS was answered before the security middleware ran."""
    response = Client(HTTP_HOST="evil.example", raise_request_exception=False).get(path)
    assert response.status_code == 400
    assert response["Content-Security-Policy"] == CSP and response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_hsts_over_https(client, hub):
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_our_pages_need_no_inline_script_or_style(client, hub, language):
    for path in [f"/{language}/", hub["published"].url_for(language), f"/{language}/authors/"]:
        html = client.get(path).content.decode()
        assert "style=" not in html
        assert "<style" not in html
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'type="application/ld+json"' in tag or "src=" in tag


def test_admin_works_under_the_policy(client, hub, editor):
    """Django's admin and modeltranslation's tabs load only our own scripts and styles."""
    client.force_login(StaffFactory(superuser=True))
    draft_change = f"/admin/qa/question/{hub['draft'].pk}/change/"
    for path in ["/admin/", "/admin/qa/question/", "/admin/qa/question/add/", draft_change]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert response["Content-Security-Policy"] == CSP
        for tag in re.findall(r"<script[^>]*>", html):
            src = re.search(r'src="([^"]*)"', tag)
            if src:
                assert src.group(1).startswith("/") and not src.group(1).startswith("//"), tag
            else:
                assert 'type="application/json"' in tag or "data-" in tag, tag
        for href in re.findall(r'<link[^>]*href="([^"]*)"', html):
            assert href.startswith("/") and not href.startswith("//"), href
        assert "jquery-ui" not in html or "/static/vendor/jquery-ui/" in html
