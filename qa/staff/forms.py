"""The admin's login form with the second factor, and the form that confirms a new authenticator app."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

from qa.staff.two_factor import has_second_factor

CODE_LENGTH = 16


def code_field(label):
    return forms.CharField(
        label=label,
        max_length=CODE_LENGTH,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class StaffLoginForm(AdminAuthenticationForm):
    """Username, password and, once the account has a second factor, a code from the app or a backup code.

    A wrong code counts as a failed login for the throttling (django-axes
    listens to ``user_login_failed``), besides django-otp's own growing delay
    per device. Without a second factor yet the login succeeds unverified and
    the admin sends the user to set one up.
    """

    otp_token = code_field(_("Code from your authenticator app, or a backup code"))

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_missing": _("This account has a second factor: enter the code your authenticator app shows now."),
        "code_wrong": _("That code is not right, has been used, or has expired. Enter the code the app shows now."),
        "username_too_long": _("A username has at most %(limit)d characters."),
    }

    def clean_username(self):
        """Django sets the username's length only on the widget: a longer one went on to be authenticated, and
        django-axes' record of the failure could not store it (a 500 on PostgreSQL)."""
        username = self.cleaned_data["username"]
        limit = self.username_field.max_length
        if len(username) > limit:
            raise forms.ValidationError(
                self.error_messages["username_too_long"], code="username_too_long", params={"limit": limit}
            )
        return username

    def clean(self):
        cleaned = super().clean()
        user = self.user_cache
        if user is None or not has_second_factor(user):
            return cleaned
        code = (cleaned.get("otp_token") or "").replace(" ", "")
        if not code:
            raise forms.ValidationError(self.error_messages["code_missing"], code="code_missing")
        device = match_token(user, code)
        if device is None:
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=self.request)
            raise forms.ValidationError(self.error_messages["code_wrong"], code="code_wrong")
        # django_otp's user_logged_in handler stores this device in the session: the session is verified.
        user.otp_device = device
        return cleaned


class ConfirmAuthenticatorForm(forms.Form):
    otp_token = code_field(_("Code your authenticator app shows"))

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        code = self.cleaned_data["otp_token"].replace(" ", "")
        if not code:
            raise forms.ValidationError(_("Enter the 6-digit code your authenticator app shows."))
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("That code is not right. Check the app added this account, then enter the code it shows now.")
            )
        return code
