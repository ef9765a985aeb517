"""The admin site: its names, and each domain's admin (Django discovers this module)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from qa.content import admin as content_admin  # noqa: F401  (registers its models)
from qa.editorial import review_links_admin  # noqa: F401  (registers its models)
from qa.pages import admin as pages_admin  # noqa: F401  (registers its models)
from qa.pairings import admin as pairings_admin  # noqa: F401  (registers its models)

admin.site.site_header = _("COVID-19 Knowledge Hub administration")
admin.site.site_title = _("Knowledge Hub admin")
admin.site.index_title = _("Content")
