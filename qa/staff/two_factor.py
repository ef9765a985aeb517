"""The second factor every staff account needs for the admin: an authenticator app (TOTP) and backup codes.

django-otp keeps the devices: a ``TOTPDevice`` for the app and a
``StaticDevice`` whose tokens are the backup codes, each usable once. A
session is *verified* once a code from one of them was accepted at login
(``django_otp`` stores the device in the session); the admin site lets only
verified staff in (qa.staff.admin_site).
"""

import base64
import secrets

import segno
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def is_verified(user):
    """Whether this user's session passed the second factor (False for requests django-otp has not seen)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def acts_as_staff(user):
    """Staff whose session passed the second factor: the one rule for staff rights outside the admin too
    (previewing drafts on the site); a password alone gives none."""
    return user.is_authenticated and user.is_staff and is_verified(user)


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def pending_authenticator(user):
    """The app device being set up (not yet confirmed), the same one until a code from it is accepted."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_of(device):
    """The key as authenticator apps take it when typed in (base32, without padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_code_svg(device, title):
    """The otpauth:// address as a QR code, an SVG drawn here (no style attribute, nothing from another host),
    named by ``title`` for screen readers (segno escapes it)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff", title=title)


def new_backup_codes(user):
    """Ten new backup codes for ``user``, replacing any earlier ones; returned once, stored only as tokens."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [f"{secrets.randbelow(10**8):08d}" for _code in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm(device):
    """The app device proved it works: it becomes the user's only one, with new backup codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def replace_second_factor(user):
    """A confirmed app device and backup codes made for ``user`` at once (``create_editor``), replacing any."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    return device, new_backup_codes(user)
