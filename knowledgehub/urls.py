from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from qa.web import views
from qa.web.sitemaps import sitemaps

urlpatterns = [
    path("", views.language_redirect, name="root"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="django.contrib.sitemaps.views.sitemap"),
    path("admin/", admin.site.urls),
    path("api/search", views.search_api, name="search-api"),
]

urlpatterns += i18n_patterns(
    path("", include("qa.web.urls")),
)

handler404 = "qa.web.views.page_not_found"
handler500 = "qa.web.views.server_error"
