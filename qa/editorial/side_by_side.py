"""The translator's form: one object's source text and its translation side by side, field by field.

``<pk>/translate/<language>/`` of every content admin is the admin's own change view
(``change_view``) with other fieldsets and another template, so it saves exactly as the
change form does: permissions, the edit-version check (``LockedContentAdmin``), the revision
and its change message (django-reversion), and the form kept when the database refuses the
write (``write_failures``). Only the translations in ``<language>`` are form fields; the
source is shown read-only beside them, so a translator's save can never alter the text it
translates (editors change the source on the change form). Inlines are left out: the form
neither shows nor saves them.

The source language is ``qa.editorial.staleness.source_language`` (a question's original
language, else ``HUB_TRANSLATION_SOURCE_LANGUAGE``); the URL names the language written, and the source
is the other stored language. Each translation carries its status badge (``staleness_admin``).
"""

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from qa.editorial.staleness import source_language
from qa.languages import STORED_LANGUAGES, TEXT_LANGUAGES, language_tag, localized_name

TEMPLATE = "admin/qa/side_by_side_form.html"


def translation_target(obj):
    """The language a translator of ``obj`` writes by default: the first stored one that is not its source."""
    source = source_language(obj)
    return next(code for code in STORED_LANGUAGES if code != source)


def source_for(obj, target):
    """The language shown beside ``target``: the object's source, or the other stored language if it is ``target``."""
    source = source_language(obj)
    return source if source != target else next(code for code in STORED_LANGUAGES if code != target)


def translate_url(obj, target=None, site_name="admin"):
    opts = obj._meta
    return reverse(
        f"{site_name}:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, target or translation_target(obj)]
    )


def localized_names(field):
    return {field, *(localized_name(field, code) for code in STORED_LANGUAGES)}


class Pair:
    """The languages of one side-by-side form, carried on the request through the admin's change view."""

    def __init__(self, source, target):
        self.source, self.target = source, target

    def column(self, code):
        return {"code": code, "tag": language_tag(code), "name": TEXT_LANGUAGES[code]}


class SideBySideAdmin:
    """Admin mixin: the translator's form for the model's translated fields."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(self.translate_view),
                name=f"{opts.app_label}_{opts.model_name}_translate",
            ),
        ] + super().get_urls()

    def translated_fields(self, request, obj):
        """The model's translated fields (names without a language), in the order of its change form."""
        translated = translator.get_options_for_model(self.model).fields
        names = []
        for name in flatten_fieldsets(super().get_fieldsets(request, obj)):
            base = next((field for field in translated if name in localized_names(field)), None)
            if base is not None and base not in names:
                names.append(base)
        return names

    def translate_view(self, request, object_id, language):
        if language not in STORED_LANGUAGES:
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None and request.method == "POST":
            return self.change_view(request, object_id)  # deleted meanwhile: the translation comes back
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        request.side_by_side = pair = Pair(source_for(obj, language), language)
        context = {
            "title": _("Translate %(name)s: %(source)s → %(target)s")
            % {
                "name": self.opts.verbose_name,
                "source": TEXT_LANGUAGES[pair.source],
                "target": TEXT_LANGUAGES[pair.target],
            },
            "show_save_and_add_another": False,
            "show_delete": False,
            "show_save_as_new": False,
        }
        return self.change_view(request, object_id, extra_context=context)

    def get_fieldsets(self, request, obj=None):
        pair = getattr(request, "side_by_side", None)
        if pair is None or obj is None:
            return super().get_fieldsets(request, obj)
        fields = [localized_name(name, pair.target) for name in self.translated_fields(request, obj)]
        return [(None, {"fields": fields})]

    def get_inline_instances(self, request, obj=None):
        if getattr(request, "side_by_side", None) is not None:
            return []
        return super().get_inline_instances(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        """Only what the form holds: a slug from the title of the same language."""
        prepopulated = super().get_prepopulated_fields(request, obj)
        if getattr(request, "side_by_side", None) is None:
            return prepopulated
        fields = set(flatten_fieldsets(self.get_fieldsets(request, obj)))
        return {
            name: sources
            for name, sources in prepopulated.items()
            if name in fields and all(source in fields for source in sources)
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        pair = getattr(request, "side_by_side", None)
        if pair is not None:
            translated = translator.get_options_for_model(self.model).fields
            translations = {localized_name(name, pair.target) for name in translated}
            for field in (field for name, field in form.base_fields.items() if name in translations):
                attrs = field.widget.attrs
                # Each field stands in its own row: modeltranslation's tabs must not regroup them.
                classes = attrs.get("class", "").split()
                attrs["class"] = " ".join(name for name in classes if name != "mt" and not name.startswith("mt-"))
                attrs["lang"] = language_tag(pair.target)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        pair = getattr(request, "side_by_side", None)
        if pair is None or obj is None:
            if obj is not None and change and self.has_change_permission(request, obj):
                context["translate_url"] = translate_url(obj, site_name=self.admin_site.name)
            return super().render_change_form(request, context, add, change, form_url, obj)
        form = context["adminform"].form
        context["columns"] = [pair.column(pair.source), pair.column(pair.target)]
        context["side_by_side_rows"] = [
            {
                "name": name,
                "label": self.model._meta.get_field(name).verbose_name,
                "source": getattr(obj, localized_name(name, pair.source)) or "",
                "field": form[localized_name(name, pair.target)],
            }
            for name in self.translated_fields(request, obj)
        ]
        context["change_url"] = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        response = super().render_change_form(request, context, add, change, form_url, obj)
        response.template_name = TEMPLATE
        return response
