"""Password reset by e-mail from the admin's login page, on the admin's own templates (Django's, translated)."""

import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.urls import path, reverse_lazy
from django.utils.translation import gettext as _

from qa.web.addresses import client_address

logger = logging.getLogger("qa.staff.logins")


def may_ask_for_reset(request):
    """At most HUB_PASSWORD_RESETS_PER_HOUR reset mails asked for from one address (so no inbox is flooded);
    allowed when the cache cannot count."""
    key = f"password-reset:{client_address(request)}"
    try:
        cache.add(key, 0, 3600)
        return cache.incr(key) <= settings.HUB_PASSWORD_RESETS_PER_HOUR
    except Exception:  # noqa: BLE001 (any cache failure: the mail is still only sent to a staff address)
        logger.warning("Password reset requests not counted: the cache is unreachable")
        return True


class AdminPages:
    """The admin's header and names on these pages, as on its own."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **admin.site.each_context(self.request)}


class ResetForm(AdminPages, auth_views.PasswordResetView):
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        if not may_ask_for_reset(self.request):
            form.add_error(
                "email", _("Too many password resets were asked for from this address. Try again in an hour.")
            )
            return self.form_invalid(form)
        return super().form_valid(form)


class ResetDone(AdminPages, auth_views.PasswordResetDoneView):
    pass


class ResetConfirm(AdminPages, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")


class ResetComplete(AdminPages, auth_views.PasswordResetCompleteView):
    pass


urlpatterns = [
    path("password-reset/", ResetForm.as_view(), name="admin_password_reset"),
    path("password-reset/sent/", ResetDone.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", ResetConfirm.as_view(), name="password_reset_confirm"),
    path("password-reset/done/", ResetComplete.as_view(), name="password_reset_complete"),
]
