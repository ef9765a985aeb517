"""The admin app with the staff's admin site (kept apart: an AppConfig module may not import models)."""

from django.contrib.admin.apps import AdminConfig


class HubAdminConfig(AdminConfig):
    """django.contrib.admin with qa.staff.admin_site.HubAdminSite as ``admin.site``, in its place in INSTALLED_APPS."""

    default_site = "qa.staff.admin_site.HubAdminSite"
