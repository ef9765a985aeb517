"""The admin site for staff with a second factor: no admin page for a session that has not passed it."""

from django.contrib import admin
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from qa.staff.forms import StaffLoginForm
from qa.staff.two_factor import has_second_factor, is_verified
from qa.text import forbidden_character


def needs_set_up(request):
    """A staff member logged in with the password only, whose account has no second factor yet."""
    user = request.user
    return user.is_authenticated and user.is_active and user.is_staff and not has_second_factor(user)


class HubAdminSite(admin.AdminSite):
    login_form = StaffLoginForm

    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)

    def login(self, request, extra_context=None):
        if needs_set_up(request):
            return redirect("admin:two_factor_set_up")
        return super().login(request, extra_context)

    def admin_view(self, view, cacheable=False):
        """Django's, refusing (400) an address whose query holds a character the Hub never stores.

        The change lists send their filter values to the database as they are,
        and PostgreSQL refuses a NUL in any text: ``?status__exact=%00`` was a 500.
        """
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if any(forbidden_character(text) for name, values in request.GET.lists() for text in (name, *values)):
                raise BadRequest("The address holds a character the Hub never stores.")
            return checked(request, *args, **kwargs)

        return inner

    def get_urls(self):
        from qa.staff.views import set_up

        return [
            path("two-factor/set-up/", self.set_up_view(set_up), name="two_factor_set_up"),
            # Django's admin_view would send a session that has not passed the second factor back to the login
            # (and on to the set-up) instead of logging it out; Django's LogoutView checks CSRF and takes POST only.
            path("logout/", self.logout, name="logout"),
            *super().get_urls(),
        ]

    def set_up_view(self, view):
        """Only for a staff member who logged in with the password and has no second factor yet; others go on."""

        def inner(request, *args, **kwargs):
            if not needs_set_up(request):
                return redirect("admin:index" if self.has_permission(request) else "admin:login")
            return view(request, self, *args, **kwargs)

        return never_cache(csrf_protect(inner))
