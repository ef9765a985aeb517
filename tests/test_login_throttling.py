"""Login throttling (django-axes with qa.staff.throttling): one username from one address, then one address across
usernames, are slowed with growing waits; the owner from another address is never refused; the alarm; the client's
address behind trusted proxies only."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from qa.languages import language_tag
from qa.staff.throttling import growing_wait
from qa.web.addresses import client_address
from tests.factories import EDITOR_PASSWORD

ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


def fail_logins(client, username, times, **headers):
    for _attempt in range(times):
        response = client.post("/admin/login/", {"username": username, "password": "wrong"}, **headers)
    return response


def log_in(client, address, **headers):
    """The right password (the editor has no second factor yet: the login goes on to its set-up)."""
    return client.post(
        "/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD}, REMOTE_ADDR=address, **headers
    )


def age_failures(minutes):
    """Move every recorded failure ``minutes`` into the past, as if the clock had run on."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=minutes))


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [("en", "Too many failed logins"), ("zh-hans", "登录失败次数过多")],
)
def test_five_failures_for_one_account_from_one_address_wait_a_minute(client, editor, accept_language, message):
    response = fail_logins(client, "editor", 4, REMOTE_ADDR=ATTACKER, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200  # the login form again, with its error
    response = fail_logins(client, "editor", 1, REMOTE_ADDR=ATTACKER, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 429
    html = response.content.decode()
    assert message in html
    assert f'<html lang="{language_tag(accept_language)}">' in html
    assert ("1 minute." if accept_language == "en" else "1分钟") in html
    # Even the right password is refused from that address while it waits.
    right = log_in(client, ATTACKER, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_owner_from_another_address_is_not_refused(client, editor):
    assert fail_logins(client, "editor", 12, REMOTE_ADDR=ATTACKER).status_code == 429
    assert log_in(client, OWNER).status_code == 302
    assert "_auth_user_id" in client.session


def test_each_further_failure_doubles_the_wait(client, editor):
    fail_logins(client, "editor", 5, REMOTE_ADDR=ATTACKER)
    age_failures(minutes=2)  # the first wait (1 minute) is over
    assert fail_logins(client, "editor", 1, REMOTE_ADDR=ATTACKER).status_code == 429
    assert "2 minutes" in log_in(client, ATTACKER).content.decode()
    age_failures(minutes=3)
    assert fail_logins(client, "editor", 1, REMOTE_ADDR=ATTACKER).status_code == 429
    assert "4 minutes" in log_in(client, ATTACKER).content.decode()
    age_failures(minutes=5)
    assert log_in(client, ATTACKER).status_code == 302


def test_growing_wait_is_capped(settings):
    assert growing_wait(4, 5) is None
    assert growing_wait(5, 5) == datetime.timedelta(minutes=1)
    assert growing_wait(8, 5) == datetime.timedelta(minutes=8)
    assert growing_wait(500, 5) == settings.HUB_LOGIN_LONGEST_WAIT


def test_one_address_across_usernames_has_a_higher_limit(client, editor, settings):
    for number in range(settings.HUB_LOGIN_ADDRESS_LIMIT - 1):
        assert fail_logins(client, f"guess-{number}", 1, REMOTE_ADDR=ATTACKER).status_code == 200
    assert fail_logins(client, "guess-last", 1, REMOTE_ADDR=ATTACKER).status_code == 429
    assert log_in(client, ATTACKER).status_code == 429
    assert log_in(client, OWNER).status_code == 302


def test_a_few_failures_then_success_is_fine_and_forgets_them(client, editor):
    fail_logins(client, "editor", 4, REMOTE_ADDR=ATTACKER)
    assert log_in(client, ATTACKER).status_code == 302
    client.logout()
    assert fail_logins(client, "editor", 4, REMOTE_ADDR=ATTACKER).status_code == 200


def test_many_failures_across_addresses_sound_the_alarm(client, editor, settings, caplog):
    settings.HUB_LOGIN_ALARM_FAILURES = 6
    with caplog.at_level(logging.ERROR, logger="qa.staff.logins"):
        for number in range(5):
            fail_logins(client, "editor", 1, REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert not caplog.records
        fail_logins(client, "editor", 1, REMOTE_ADDR="192.0.2.6")
    (alarm,) = caplog.records
    assert alarm.getMessage() == "Login alarm: 6 failed logins from 6 addresses in the last 15 minutes"


def test_logins_from_code_are_not_throttled(client, editor):
    assert client.login(username="editor", password=EDITOR_PASSWORD)
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "10.0.0.1, 203.0.113.9", "203.0.113.9"),  # our proxy: the address it appended
        ("127.0.0.1", "", "127.0.0.1"),
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # straight to gunicorn: the header is forged
        ("10.1.0.5", "203.0.113.9, 10.1.0.9", "203.0.113.9"),  # two of our proxies in a row
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "203.0.113.9, junk, 10.1.0.9", "10.1.0.9"),
    ],
)
def test_the_forwarded_address_counts_only_from_a_trusted_proxy(rf, settings, remote, forwarded, expected):
    import ipaddress

    settings.HUB_TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.1.0.0/16")]
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address(request) == expected


def test_a_forged_forwarded_address_does_not_escape_the_limit(client, editor, settings):
    settings.HUB_TRUSTED_PROXIES = []
    for number in range(6):
        response = fail_logins(client, "editor", 1, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@pytest.mark.parametrize(
    ("accept_language", "message"), [("en", "at most 150 characters"), ("zh-hans", "最多150个字符")]
)
@pytest.mark.parametrize("length", [151, 256, 5000])
def test_a_username_too_long_for_any_account_is_refused_by_the_form(client, editor, accept_language, message, length):
    """Not authenticated, so not recorded: django-axes keeps at most 255 characters of a username (a 500 on
    PostgreSQL when it was given more)."""
    response = fail_logins(client, "e" * length, 1, REMOTE_ADDR=ATTACKER, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200 and message in response.content.decode()
    assert not AccessAttempt.objects.exists()
