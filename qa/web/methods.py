"""A 405 that says what happened: a page asked with a method it does not take.

Django's ``require_safe`` and class-based views answer a POST to a page that
only reads with an empty 405, a blank page in a browser. The middleware gives
such an empty 405 the site's page in the reader's language, keeping the
view's ``Allow``. A 405 that already has a body (the API's JSON) is left as it is.
"""

from django.http import HttpResponse
from django.template import loader


class MethodNotAllowedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = HttpResponse(loader.get_template("405.html").render(), status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
