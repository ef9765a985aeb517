"""/healthz: the load balancer's check, database included, outside the language prefixes and HTTPS redirects."""

from unittest import mock

from django.db import OperationalError
from django.test import Client, override_settings


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_dead_database(client, db):
    with mock.patch("qa.web.health.connection") as dead:
        dead.cursor.side_effect = OperationalError("could not connect to server")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["database"] == "unavailable"


def test_healthz_needs_no_language_prefix_and_is_not_redirected(client, db):
    # Under a language prefix it is no page: at most the slash is added (a series address), then 404.
    assert client.get("/en/healthz", follow=True).status_code == 404
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"]):
        assert Client().get("/healthz").status_code == 200
