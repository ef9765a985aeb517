"""Markdown preview in the admin: a body field's text rendered on the server by the function
readers' pages use (``qa.content.rendering.render_markdown``), so the preview is exactly what
the public page will show.

Each content admin answers ``POST <model>/markdown-preview/`` (staff only, CSRF-checked, for
editors who may add or change that model) with ``{"html": ...}``, or ``{"error": ...}`` in the
editor's language. ``static/admin-hub/markdown-preview.js`` adds the button and the preview
under every textarea that carries ``data-markdown-preview``; no JavaScript from another host.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qa.content.rendering import is_markdown, render_markdown
from qa.languages import language_tag
from qa.text import BODY_MAX_BYTES, MaxBytesValidator, TextareaField


class MarkdownTextarea(AdminTextareaWidget):
    """The admin's textarea, with the preview script and the preview's article styles."""

    class Media:
        js = ["admin-hub/markdown-preview.js"]
        css = {"all": ["admin-hub/markdown-preview.css"]}


class PreviewForm(forms.Form):
    """What a preview accepts: no more than the largest Markdown field may hold, and only storable text."""

    text = TextareaField(required=False, strip=False, validators=[MaxBytesValidator(BODY_MAX_BYTES)])

    def problem(self):
        return " ".join(str(message) for message in self.errors.get("text", []))


class MarkdownPreviewAdmin:
    """Admin mixin: a preview beside every Markdown field of the model, and the endpoint that renders it."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "markdown-preview/",
                self.admin_site.admin_view(self.markdown_preview_view),
                name=f"{opts.app_label}_{opts.model_name}_markdown_preview",
            ),
        ] + super().get_urls()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        name = getattr(db_field, "translated_field", db_field).name
        if formfield is None or not is_markdown(self.model, name):
            return formfield
        opts = self.model._meta
        formfield.widget = MarkdownTextarea(
            attrs={
                **formfield.widget.attrs,
                "data-markdown-preview": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_markdown_preview"
                ),
                "data-preview-lang": language_tag(getattr(db_field, "language", settings.LANGUAGE_CODE)),
                "data-preview-button": gettext_lazy("Preview"),
                "data-preview-title": gettext_lazy("Preview: as readers will see it"),
                "data-preview-failed": gettext_lazy(
                    "The preview could not be made. Reload the page (you may need to log in again) and try again."
                ),
            }
        )
        return formfield

    def markdown_preview_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        form = PreviewForm(request.POST)
        if not form.is_valid():
            return JsonResponse(
                {"error": _("Cannot preview: this text %(problem)s.") % {"problem": form.problem()}}, status=400
            )
        return JsonResponse({"html": render_markdown(form.cleaned_data["text"])})
