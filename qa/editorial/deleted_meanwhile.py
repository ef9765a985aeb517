"""A change form sent after someone deleted its object: the editor's text comes back, in the add form.

Django's admin answers such a save with a redirect to the index ("… doesn't exist. Perhaps it was
deleted?"), and the text is in no revision. Here the form is shown again as the add form, bound to what
the editor sent, saying what happened; nothing is created until the editor saves it, and the deleted
object, with its history, can be brought back from "Recover deleted …" instead.
"""

import re

from django.contrib.admin.utils import unquote
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from qa.editorial.kept_forms import form_again


def as_new(data, formsets_with_inlines):
    """``data`` as the add form would send it: inline rows lose the keys of the rows deleted with the object."""
    data = data.copy()
    for formset, _inline in formsets_with_inlines:
        prefix = formset.get_default_prefix()
        keys = {formset.model._meta.pk.name, *([formset.fk.name] if getattr(formset, "fk", None) else [])}
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        row = re.compile(rf"{re.escape(prefix)}-\d+-(?P<field>[^-]+)")
        for key in list(data):
            match = row.fullmatch(key)
            if match and match["field"] in keys:
                data[key] = ""
    return data


def deleted_message(opts, recover_url):
    recover = format_html(
        '<a href="{}">{}</a>', recover_url, _("Recover deleted %(names)s") % {"names": opts.verbose_name_plural}
    )
    text = _(
        "Someone deleted this %(name)s after you opened it, so nothing was saved and nothing was created. "
        "Your text is in the form below, now the form for a new %(name)s: save it to create the %(name)s again, "
        "or bring the deleted one back, with its history, from “%(recover)s”."
    )
    return mark_safe(escape(text) % {"name": escape(opts.verbose_name), "recover": recover})


class KeepsFormWhenDeleted:
    """Admin mixin (on django-reversion's admin): a change form sent for an object that is gone comes back."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (
            request.method == "POST"
            and object_id is not None
            and "_saveasnew" not in request.POST
            and self.has_change_permission(request)
            and self.get_object(request, unquote(object_id)) is None
        ):
            return self.form_of_deleted_object(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def form_of_deleted_object(self, request):
        request.POST = as_new(request.POST, self.get_formsets_with_inlines(request))
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}"
        message = deleted_message(self.opts, reverse(f"{name}_recoverlist"))
        return form_again(self, request, message, form_url=reverse(f"{name}_add"))
