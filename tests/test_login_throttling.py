"""Login throttling (django-axes): five failures lock an account or an address out, in the reader's language."""

import pytest

from qa.languages import language_tag
from tests.factories import EDITOR_PASSWORD


def fail_logins(client, username, times, **headers):
    for _attempt in range(times):
        response = client.post("/admin/login/", {"username": username, "password": "wrong"}, **headers)
    return response


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [("en", "Too many failed logins"), ("zh-hans", "登录失败次数过多")],
)
def test_lockout_after_five_failures_for_one_account(client, editor, accept_language, message):
    response = fail_logins(client, "editor", 4, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200  # the login form again, with its error
    response = fail_logins(client, "editor", 1, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 429
    html = response.content.decode()
    assert message in html
    assert "15" in html
    assert f'<html lang="{language_tag(accept_language)}">' in html
    # Even the right password is refused while locked out.
    right = client.post(
        "/admin/login/",
        {"username": "editor", "password": EDITOR_PASSWORD},
        HTTP_ACCEPT_LANGUAGE=accept_language,
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_from_one_address_across_accounts(client, editor):
    for number in range(5):
        fail_logins(client, f"guess-{number}", 1, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        "/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    elsewhere = client.post(
        "/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert elsewhere.status_code == 302


def test_behind_the_proxy_the_forwarded_address_counts(rf, settings):
    from qa.web.security import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    settings.SECURE_HTTPS = True
    assert client_ip(request) == "203.0.113.9"
    settings.SECURE_HTTPS = False
    assert client_ip(request) == "127.0.0.1"


def test_logins_from_code_are_not_throttled(client, editor):
    assert client.login(username="editor", password=EDITOR_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_a_few_failures_then_success_is_fine(client, editor):
    fail_logins(client, "editor", 3)
    response = client.post("/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD})
    assert response.status_code == 302
    client.logout()
    assert fail_logins(client, "editor", 4).status_code == 200
