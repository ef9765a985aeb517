from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from qa.languages import LANGUAGE_CODES


@require_safe
def language_redirect(request):
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        response = redirect("qa:home")
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception):
    """Not found: the language switch goes to each language's home page, never to the address typed
    (which may not exist in the other language either, or name another host, as ``//other.example/``)."""
    alternates = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            alternates.append((code, reverse("qa:home")))
    return render(request, "404.html", {"alternates": alternates}, status=404)


def server_error(request):
    """Render 500.html without context processors: the database may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())

