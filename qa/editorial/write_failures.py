"""When the database cannot take a write: a clear message, never a 500, and the editor's text kept.

SQLite has one writer at a time: a long import holds the lock, and a save
that waits longer than the busy timeout fails with "database is locked". A
full disk or a read-only database fails every write. Readers are not
affected (WAL); editors get the reason in their language, and in the admin
their form comes back with everything they typed.
"""

from django.contrib.admin.utils import unquote
from django.db import InternalError, OperationalError
from django.shortcuts import render
from django.utils.translation import gettext as _

from qa.editorial.kept_forms import form_again

WRITE_FAILURES = (OperationalError, InternalError)


def reason(error):
    """Why the write failed, in the active language."""
    text = str(error).lower()
    if "locked" in text or "lock timeout" in text or "busy" in text:
        return _(
            "Another change (such as a large import) is being written to the database right now. "
            "Please save again in a minute."
        )
    if "full" in text or "no space" in text:
        return _("The server's disk is full. Please tell the site's operators; then save again.")
    if "readonly" in text or "read-only" in text:
        return _("The database is read-only just now. Please tell the site's operators; then save again.")
    return _("The database could not take the change just now. Please save again in a minute.")


def not_saved_message(error):
    return _("Nothing was saved: %(reason)s Your text is still in the form below.") % {"reason": reason(error)}


class KeepsFormOnWriteFailure:
    """Admin mixin: a save the database refuses shows the editor's own form again, with the reason.

    It wraps the add and change views, outside every transaction they open (django-reversion's revision,
    the admin's own): with SQLite's IMMEDIATE transactions a locked database refuses the very first
    ``BEGIN``, before any save, and the form can only be read back once that transaction is gone.
    """

    def add_view(self, request, form_url="", extra_context=None):
        view = super().add_view
        return self.keeping_form(request, None, form_url, extra_context, lambda: view(request, form_url, extra_context))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        view = super().change_view
        return self.keeping_form(
            request, object_id, form_url, extra_context, lambda: view(request, object_id, form_url, extra_context)
        )

    def keeping_form(self, request, object_id, form_url, extra_context, save):
        """Run ``save`` (a change form view); if the database refuses the write, show the form again."""
        try:
            return save()
        except WRITE_FAILURES as error:
            if request.method != "POST":
                raise
            obj = self.get_object(request, unquote(object_id)) if object_id else None
            response = form_again(
                self, request, not_saved_message(error), obj=obj, form_url=form_url, extra_context=extra_context
            )
            response.status_code = 503
            response["Retry-After"] = "60"
            return response


class WriteFailureMiddleware:
    """Any other request whose write the database refuses (a login, an action) gets a 503 page saying why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # A read the database cannot serve is no refused write: Django's handler500 answers it (a 503 page).
        if not isinstance(exception, WRITE_FAILURES) or request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        response = render(request, "503.html", {"reason": reason(exception)}, status=503)
        response["Retry-After"] = "60"
        return response
