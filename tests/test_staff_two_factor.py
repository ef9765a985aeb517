"""The second factor for every staff account: no admin page without it, a code (or a backup code) at login,
set-up on first login with a QR code drawn by us, and create_editor making one; in both languages."""

import re

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import EDITOR_PASSWORD
from tests.two_factor import authenticator_of, current_code, log_in_without_second_factor


def log_in(client, code="", **headers):
    return client.post(
        "/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD, "otp_token": code}, **headers
    )


@pytest.mark.parametrize("path", ["/admin/", "/admin/qa/question/", "/admin/qa/question/add/"])
def test_a_session_with_the_password_only_reaches_no_admin_page(client, editor, path):
    authenticator_of(editor)
    log_in_without_second_factor(client, editor)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_shared_force_login_is_verified(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This account has a second factor"),
        ("zh-hans", "此账户已设置第二重验证"),
    ],
)
def test_the_password_alone_is_not_enough_once_there_is_a_second_factor(client, editor, language, message):
    authenticator_of(editor)
    response = log_in(client, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_and_counts_as_a_failed_login(client, editor):
    from axes.models import AccessAttempt

    device = authenticator_of(editor)
    wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
    response = log_in(client, wrong)
    assert "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 1


def test_the_code_from_the_app_lets_the_editor_in(client, editor):
    device = authenticator_of(editor)
    response = log_in(client, current_code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    # The same code cannot be used twice.
    client.logout()
    device.refresh_from_db()
    totp_again = log_in(client, response.wsgi_request.POST["otp_token"])
    assert "_auth_user_id" not in client.session
    assert totp_again.status_code == 200


def test_a_backup_code_works_once(client, editor):
    from qa.staff.two_factor import new_backup_codes

    authenticator_of(editor)
    code = new_backup_codes(editor)[0]
    assert log_in(client, code).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert log_in(client, code).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()


@pytest.mark.parametrize(("language", "heading"), [("en", "Set up a second factor"), ("zh-hans", "设置第二重验证")])
def test_first_login_sets_up_the_app_then_shows_backup_codes(client, editor, language, heading):
    response = log_in(client, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)["Location"].startswith("/admin/login/")
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=language)
    assert page["Location"] == "/admin/two-factor/set-up/"
    page = client.get("/admin/two-factor/set-up/", HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert heading in html
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    from qa.staff.two_factor import secret_of

    assert secret_of(device) in html
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert "style=" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert ("<title>QR code" if language == "en" else "<title>身份验证器应用密钥的二维码") in svg
    # The same secret on a reload, until it is confirmed.
    assert secret_of(device) in client.get("/admin/two-factor/set-up/").content.decode()

    wrong_code = f"{(int(current_code(device)) + 1) % 10**6:06d}"
    wrong = client.post("/admin/two-factor/set-up/", {"otp_token": wrong_code})
    assert wrong.status_code == 400
    done = client.post("/admin/two-factor/set-up/", {"otp_token": current_code(device)}, HTTP_ACCEPT_LANGUAGE=language)
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\d{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert sorted(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == sorted(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # Once set up, the page is not offered again (it would let a password alone add a device).
    assert client.get("/admin/two-factor/set-up/")["Location"] == "/admin/"


def test_a_password_alone_cannot_add_a_device_to_an_account_that_has_one(client, editor):
    authenticator_of(editor)
    log_in_without_second_factor(client, editor)
    response = client.get("/admin/two-factor/set-up/")
    assert response["Location"] == "/admin/login/"
    assert not TOTPDevice.objects.filter(user=editor, confirmed=False).exists()


def test_create_editor_sets_up_the_second_factor(db, monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a-long-and-rare-password-42")
    call_command("create_editor", "newcomer", "--no-qr")
    out = capsys.readouterr().out
    device = TOTPDevice.objects.get(user__username="newcomer", confirmed=True)
    assert device.config_url in out
    codes = StaticToken.objects.filter(device__user__username="newcomer").values_list("token", flat=True)
    assert len(codes) == 10 and all(code in out for code in codes)
    # Run again for the same editor: the second factor is kept unless asked to replace it.
    call_command("create_editor", "newcomer", "--no-qr")
    assert TOTPDevice.objects.get(user__username="newcomer").pk == device.pk
    call_command("create_editor", "newcomer", "--no-qr", "--new-second-factor")
    assert TOTPDevice.objects.get(user__username="newcomer").pk != device.pk


def test_a_session_without_the_second_factor_can_log_out(client, editor):
    assert log_in(client).status_code == 302
    assert "Log out" in client.get("/admin/two-factor/set-up/").content.decode()
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_drafts_are_previewed_only_by_staff_who_passed_the_second_factor(client, editor, hub):
    draft = hub["draft"].url_for("en")
    log_in_without_second_factor(client, editor)
    assert client.get(draft).status_code == 404
    client.force_login(editor)
    assert "Secret draft" in client.get(draft).content.decode()
