"""When the database cannot take a write: a clear message, never a 500, and the editor's text kept.

SQLite has one writer at a time: a long import holds the lock, and a save
that waits longer than the busy timeout fails with "database is locked". A
full disk or a read-only database fails every write. Readers are not
affected (WAL); editors get the reason in their language, and in the admin
their form comes back with everything they typed.
"""

from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.db import InternalError, OperationalError
from django.shortcuts import render
from django.utils.translation import gettext as _

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
    """Admin mixin: a save the database refuses shows the editor's own form again, with the reason."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = super().changeform_view
        return self.keeping_form(
            request, object_id, form_url, lambda: view(request, object_id, form_url, extra_context)
        )

    def keeping_form(self, request, object_id, form_url, save):
        """Run ``save`` (a change form view); if the database refuses the write, show the form again."""
        try:
            return save()
        except WRITE_FAILURES as error:
            if request.method != "POST":
                raise
            return self.form_after_write_failure(request, object_id, form_url, error)

    def form_after_write_failure(self, request, object_id, form_url, error):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        add = obj is None
        form = self.get_form(request, obj, change=not add)(request.POST, request.FILES, instance=obj)
        formsets, inline_instances = self._create_formsets(request, form.instance, change=not add)
        form.is_valid()
        for formset in formsets:
            formset.is_valid()
        form.add_error(None, not_saved_message(error))
        admin_form = helpers.AdminForm(
            form,
            list(self.get_fieldsets(request, obj)),
            self.get_prepopulated_fields(request, obj),
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": (_("Add %s") if add else _("Change %s")) % self.opts.verbose_name,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": self.get_inline_formsets(request, formsets, inline_instances, obj),
            "errors": helpers.AdminErrorList(form, formsets),
            "preserved_filters": self.get_preserved_filters(request),
        }
        response = self.render_change_form(request, context, add=add, change=not add, obj=obj, form_url=form_url)
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
