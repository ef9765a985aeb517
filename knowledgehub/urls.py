from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from qa.web import sitemaps
from qa.web.views import reviewing, searching, service

urlpatterns = [
    path("", service.language_redirect, name="root"),
    path("robots.txt", service.robots_txt, name="robots"),
    path("healthz", service.healthz, name="healthz"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap-section"),
    path("admin/", include("qa.staff.urls")),
    path("admin/", admin.site.urls),
    path("api/search", searching.search_api, name="search-api"),
    re_path(r"^api/?$", service.api_index, name="api"),
    path("review/<str:token>/", reviewing.review, name="review"),
]

urlpatterns += i18n_patterns(
    path("", include("qa.web.urls")),
)

handler400 = "qa.web.views.service.bad_request"
handler404 = "qa.web.views.service.page_not_found"
handler500 = "qa.web.views.service.server_error"
