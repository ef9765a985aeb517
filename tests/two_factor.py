"""The one way tests get past the second factor (qa.staff.two_factor).

The autouse fixture ``staff_pass_the_second_factor`` (tests/conftest.py) makes
``client.force_login(user)`` and ``client.login(...)`` of a staff user a
*verified* session, as if a code had been entered: tests of admin pages need
nothing else. Tests of the second factor itself log in through the form, or
with ``log_in_without_second_factor``. Browser tests use
``browsing.admin_log_in``, which types a real code from ``current_code``.
"""

from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from qa.staff.two_factor import APP_DEVICE_NAME


def authenticator_of(user):
    """The user's confirmed app device, made if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)


def current_code(device):
    """The code the app shows now; the device forgets the last code used, so one test may log in again at once."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verify_session(client, user):
    """Mark the client's logged-in session as having passed the second factor with the user's app."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_of(user).persistent_id
    session.save()


def log_in_without_second_factor(client, user):
    """Django's own force_login: a session with the password only, as before the code."""
    ClientMixin.force_login(client, user)


def verifying(method):
    def log_in(client, *args, **kwargs):
        result = method(client, *args, **kwargs)
        user_id = client.session.get("_auth_user_id")
        if user_id:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.get(pk=user_id)
            if user.is_staff:
                verify_session(client, user)
        return result

    return log_in
