"""Setting up the second factor on first login: the secret and its QR code, a code to confirm, the backup codes."""

from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from qa.staff.forms import ConfirmAuthenticatorForm
from qa.staff.two_factor import confirm, pending_authenticator, qr_code_svg, secret_of


def set_up(request, site):
    device = pending_authenticator(request.user)
    form = ConfirmAuthenticatorForm(device, request.POST if request.method == "POST" else None)
    context = {**site.each_context(request), "title": None}
    if form.is_valid():
        codes = confirm(device)
        otp_login(request, device)
        return render(request, "admin/two_factor/backup_codes.html", {**context, "codes": codes})
    return render(
        request,
        "admin/two_factor/set_up.html",
        {
            **context,
            "form": form,
            "secret": secret_of(device),
            # Drawn by segno from our own data, its title escaped.
            "qr_code": mark_safe(qr_code_svg(device, _("QR code of the key for your authenticator app"))),  # noqa: S308
        },
        status=400 if form.is_bound else 200,
    )
