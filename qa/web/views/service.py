import functools
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from qa.languages import LANGUAGE_CODES
from qa.web.health import database_answers

# What a database that is down, hung past its timeouts or refusing connections raises: worth a retry.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
DATABASE_UNAVAILABLE_MESSAGE = _("The database is unavailable just now. Please try again in a minute.")
BAD_REQUEST_MESSAGE = _("This address could not be understood.")
SERVER_ERROR_MESSAGE = _("Something went wrong on our side. Please try again in a moment.")
API_NOT_FOUND_MESSAGE = _("There is nothing at this address.")
API_METHOD_MESSAGE = _("This address answers only GET and HEAD requests.")
SAFE_METHODS = ("GET", "HEAD")
# What a form's body can be that no view may read: too large, too many files, or malformed.
UNREADABLE_BODY = (RequestDataTooBig, TooManyFilesSent, MultiPartParserError)


@require_safe
def language_redirect(request):
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        response = redirect("qa:home")
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not (within 2 s, hung or down)."""
    if not database_answers():
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def is_api(request):
    """Whether the request is the API's, whose every answer, an error too, is JSON."""
    return request.path.startswith("/api/")


def api_view(view):
    """An API view: GET and HEAD only, any other method a JSON 405 with ``Allow``.

    No CSRF check: the API changes nothing, and without this a POST would get
    the CSRF middleware's HTML 403 before the view could refuse its method.
    """

    @csrf_exempt
    @functools.wraps(view)
    def safe_view(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            response = json_error(request, API_METHOD_MESSAGE, 405)
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        return view(request, *args, **kwargs)

    return safe_view


@api_view
def api_index(request):
    """``/api/``: the API's addresses. A 404 here would not reach the client: LocaleMiddleware redirects it
    to ``/en/api/``, which a series could own, so the answer would be an HTML page."""
    return JsonResponse({"search": request.build_absolute_uri(reverse("search-api"))})


def page_not_found(request, exception):
    """Not found: the language switch goes to each language's home page, never to the address typed
    (which may not exist in the other language either, or name another host, as ``//other.example/``).
    Under /api/ the answer is JSON."""
    if is_api(request):
        return json_error(request, API_NOT_FOUND_MESSAGE, 404)
    alternates = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            alternates.append((code, reverse("qa:home")))
    return render(request, "404.html", {"alternates": alternates}, status=404)


def bad_request(request, exception):
    """Django's handler400: a Host the site does not serve, an address no page can answer, or a form whose
    body cannot be read (larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``, or malformed), each with its own words.

    Rendered without context processors (the Host itself may be what is
    wrong), in the language of the address, else the one the request chose.
    """
    if is_api(request):
        return json_error(request, BAD_REQUEST_MESSAGE, 400)
    language = translation.get_language_from_path(request.path_info) or getattr(request, "LANGUAGE_CODE", None)
    context = {"unreadable_body": isinstance(exception, UNREADABLE_BODY), "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    with translation.override(language or settings.LANGUAGE_CODE):
        return HttpResponseBadRequest(loader.get_template("400.html").render(context))


def json_error(request, message, status):
    """An API error, ``{"error": message}``: a lazy message is given in the language asked for with ``lang``,
    else the request's."""
    try:
        language = request.GET.get("lang")
    except TooManyFieldsSent:  # the very error this 400 answers: reading the query string raises it again
        language = None
    language = language if language in dict(settings.LANGUAGES) else translation.get_language()
    with translation.override(language):
        response = JsonResponse({"error": str(message)}, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = language
    if status == 503:
        response["Retry-After"] = "60"
    return response


def server_error(request):
    """Django's handler500, for anything a view or middleware raised.

    A database that cannot be reached is a 503 (try again soon), not a 500.
    Under /api/ the answer is JSON. Pages render without context processors:
    the database may be what failed.
    """
    unavailable = isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE)
    if is_api(request):
        if unavailable:
            return json_error(request, DATABASE_UNAVAILABLE_MESSAGE, 503)
        return json_error(request, SERVER_ERROR_MESSAGE, 500)
    if unavailable:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
