"""Staff sessions end 12 hours after login and after 30 minutes idle; passwords of at least 12 characters that are
not common; password reset by e-mail from the login page, in both languages."""

import re
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from qa.staff.sessions import LOGGED_IN_AT, SEEN_AT


def shift_session(client, **ago):
    """Move the session's login and last-seen times into the past by the given seconds."""
    session = client.session
    now = int(time.time())
    for key, seconds in ago.items():
        session[{"logged_in": LOGGED_IN_AT, "seen": SEEN_AT}[key]] = now - seconds
    session.save()


def test_a_session_idle_for_30_minutes_ends(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    shift_session(client, seen=29 * 60)
    assert client.get("/admin/").status_code == 200  # and the visit counts as activity
    shift_session(client, seen=31 * 60)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_session_ends_12_hours_after_login_however_busy(client, editor):
    client.force_login(editor)
    shift_session(client, logged_in=11 * 3600, seen=60)
    assert client.get("/admin/").status_code == 200
    shift_session(client, logged_in=12 * 3600 + 60, seen=60)
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_session_cookie_lasts_12_hours_at_most(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


@pytest.mark.parametrize("password", ["editor1x", "short-pw-11", "password1234", "123456789012"])
def test_short_or_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("provinces-paired-with-hubei")


def test_create_editor_refuses_a_short_password(db, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "editor1x")
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("create_editor", "shorty", "--no-qr")


@pytest.mark.parametrize(
    ("language", "link", "sent"),
    [("en", "Forgotten", "Password reset sent"), ("zh-hans", "忘记", "密码重置链接已经发送")],
)
def test_password_reset_by_e_mail(client, editor, language, link, sent):
    editor.email = "editor@example.org"
    editor.save()
    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert link in login and 'href="/admin/password-reset/"' in login
    form = client.get("/admin/password-reset/", HTTP_ACCEPT_LANGUAGE=language)
    assert form.status_code == 200
    response = client.post(
        "/admin/password-reset/", {"email": "editor@example.org"}, HTTP_ACCEPT_LANGUAGE=language, follow=True
    )
    assert sent in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["editor@example.org"]
    url = re.search(r"http://testserver(/admin/password-reset/\S+/)", message.body).group(1)
    form = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE=language)
    set_url = form.redirect_chain[-1][0]
    short = client.post(set_url, {"new_password1": "editor1x", "new_password2": "editor1x"})
    assert short.status_code == 200  # the form again, with the validators' message
    done = client.post(
        set_url,
        {"new_password1": "provinces-paired-with-hubei", "new_password2": "provinces-paired-with-hubei"},
        follow=True,
    )
    assert done.status_code == 200
    editor.refresh_from_db()
    assert editor.check_password("provinces-paired-with-hubei")
    # A new password is not a login: the second factor is still asked for.
    assert "_auth_user_id" not in client.session


def test_no_mail_for_an_unknown_address(client, editor):
    response = client.post("/admin/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert not mail.outbox


@pytest.mark.parametrize(("language", "message"), [("en", "Too many password resets"), ("zh-hans", "密码重置请求过多")])
def test_reset_mails_from_one_address_are_limited(client, editor, settings, language, message):
    editor.email = "editor@example.org"
    editor.save()
    for _request in range(settings.HUB_PASSWORD_RESETS_PER_HOUR):
        assert client.post("/admin/password-reset/", {"email": "editor@example.org"}).status_code == 302
    refused = client.post("/admin/password-reset/", {"email": "editor@example.org"}, HTTP_ACCEPT_LANGUAGE=language)
    assert refused.status_code == 200
    assert message in refused.content.decode()
    assert len(mail.outbox) == settings.HUB_PASSWORD_RESETS_PER_HOUR
