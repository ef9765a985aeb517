"""Password reset by e-mail from the admin's login page, on the admin's own templates (Django's, translated)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy


class AdminPages:
    """The admin's header and names on these pages, as on its own."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **admin.site.each_context(self.request)}


class ResetForm(AdminPages, auth_views.PasswordResetView):
    success_url = reverse_lazy("password_reset_done")


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
