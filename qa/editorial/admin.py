"""Admin for edited content: revisions (history, compare, restore, recover)
with the translation tabs, and optimistic locking of the change form."""

import contextlib

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.fields import TranslationField
from reversion.admin import VersionAdmin
from reversion.models import Version

from qa.editorial import change_messages
from qa.editorial.compare import compare
from qa.editorial.deleted_meanwhile import KeepsFormWhenDeleted
from qa.editorial.markdown_preview import MarkdownPreviewAdmin
from qa.editorial.side_by_side import SideBySideAdmin
from qa.editorial.staleness_admin import TranslationStatusAdmin
from qa.editorial.write_failures import KeepsFormOnWriteFailure
from qa.languages import field_label
from qa.staff.autocomplete import KeyedAutocomplete
from qa.text import TextareaField, checking_clean_text
from qa.typography import separator


class CompareForm(forms.Form):
    old = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    new = forms.IntegerField(min_value=1, max_value=2**31 - 1)

    @property
    def version_ids(self):
        return {self.cleaned_data["old"], self.cleaned_data["new"]}


class EditorFormFields:
    """Admin mixin (models and inlines): a translation is named with its language
    ("Chinese title", 中文标题), in the language of whoever reads the label (the change
    message stores it in English), and a textarea's \r\n is \n before the form
    compares or saves it, so an untouched text is never a change."""

    formfield_overrides = {models.TextField: {"form_class": TextareaField}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = checking_clean_text(super().formfield_for_dbfield(db_field, request, **kwargs))
        if formfield is not None and isinstance(db_field, TranslationField):
            formfield.label = lazy(field_label, str)(db_field)
        return formfield


class ContentAdmin(
    KeyedAutocomplete,
    TranslationStatusAdmin,
    KeepsFormOnWriteFailure,
    KeepsFormWhenDeleted,
    SideBySideAdmin,
    MarkdownPreviewAdmin,
    EditorFormFields,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """History, restore and recover (django-reversion) for a translated model, plus comparing two versions;
    the translation status of each field (``qa.editorial.staleness_admin``)."""

    object_history_template = "admin/qa/revision_history.html"
    history_latest_first = True

    def construct_change_message(self, request, form, formsets, add=False):
        return change_messages.language_neutral(form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
        ] + super().get_urls()

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def _version_or_404(self, version_id, **lookups):
        """reversion looks a version up by id alone; a version of another model must not be restored here."""
        return get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id, **lookups)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.restored_version = self._version_or_404(version_id, object_id=unquote(object_id))
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.restored_version = self._version_or_404(version_id)
        return super().recover_view(request, version_id, extra_context)

    @contextlib.contextmanager
    def create_revision(self, request):
        """django-reversion's revision of an admin view. A restore or recover that saved is left with
        reversion's comment in the restorer's language ("Reverted to previous version, saved on …"); it is
        replaced by the same words in each reader's language (``change_messages.said``)."""
        with super().create_revision(request):
            yield
            restored = getattr(request, "restored_version", None)
            if restored is not None and request.method == "POST":
                saved = restored.revision.date_created.isoformat()
                message = change_messages.said(gettext_noop("Restored the version saved on %(moment)s."), moment=saved)
                reversion.set_comment(message)

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        versions = self._reversion_order_version_queryset(
            request, Version.objects.get_for_object_reference(self.model, object_id)
        ).select_related("revision__user")
        context = {
            "compare_url": self._url("compare", quote(object_id)),
            "action_list": [
                {
                    "revision": version.revision,
                    "comment": change_messages.readable(version.revision.comment),
                    "version_id": version.pk,
                    "url": self._url("revision", quote(object_id), version.pk),
                }
                for version in versions
            ],
        }
        context.update(extra_context or {})
        return super().history_view(request, quote(object_id), context)

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        history_url = self._url("history", quote(object_id))
        choice = CompareForm(request.GET)
        chosen = []
        if choice.is_valid():
            versions = Version.objects.get_for_object_reference(self.model, object_id)
            chosen = list(versions.filter(pk__in=choice.version_ids).select_related("revision__user"))
        if len(chosen) != 2:
            messages.error(request, _("Choose two different versions to compare."))
            return redirect(history_url)
        older, newer = sorted(chosen, key=lambda version: (version.revision.date_created, version.pk))
        obj = self.get_object(request, object_id)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of %(name)s") % {"name": obj if obj is not None else older.object_repr},
            "opts": opts,
            "object": obj,
            "object_id": object_id,
            "older": older,
            "newer": newer,
            "changes": compare(older, newer),
            "history_url": history_url,
            "older_url": self._url("revision", quote(object_id), older.pk),
            "newer_url": self._url("revision", quote(object_id), newer.pk),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/qa/revision_compare.html", context)


class EditVersionForm(forms.ModelForm):
    """Carries the version the editor loaded; refuses the save if it has moved on since."""

    edit_version = forms.IntegerField(label=gettext_lazy("edit version"), widget=forms.HiddenInput, required=False)
    baseline = None
    history_url = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("edit_version", self.baseline)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and cleaned_data.get("edit_version") != self.baseline:
            gap = separator(get_language())
            raise ValidationError(
                format_html(
                    '{}{}<a href="{}">{}</a>{}{}',
                    _(
                        "Someone else saved this %(name)s after you opened it, so your changes have not "
                        "been saved and nothing was overwritten."
                    )
                    % {"name": self._meta.model._meta.verbose_name},
                    gap,
                    self.history_url,
                    _("See the other change in the history."),
                    gap,
                    _(
                        "Then reload this page and make your changes again: "
                        "your text is still in the form below to copy."
                    ),
                ),
                code="edit_conflict",
            )
        return cleaned_data


class LockedContentAdmin(ContentAdmin):
    """Optimistic locking: the version stored when the request starts (locked
    for the request's transaction) must be the one the editor's form was loaded at.

    Restores (revision and recover views) first write the old version back;
    the baseline is read before that, so they are checked the same way.
    """

    form = EditVersionForm

    def _with_baseline(self, request, object_id, view, *args):
        if hasattr(request, "edit_version_baseline"):
            return view(*args)
        with transaction.atomic():
            try:
                request.edit_version_baseline = self.model.stored_version(object_id, lock=request.method == "POST")
            except (ValueError, ValidationError):
                request.edit_version_baseline = None
            return view(*args)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = super().changeform_view
        if object_id is None:
            return view(request, object_id, form_url, extra_context)
        return self._with_baseline(request, unquote(object_id), view, request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        view = super().revision_view
        return self._with_baseline(request, unquote(object_id), view, request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = self._version_or_404(version_id)
        view = super().recover_view
        return self._with_baseline(request, version.object_id, view, request, version_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        """Declared fieldsets must carry the hidden version too, or every save would look stale."""
        fieldsets = super().get_fieldsets(request, obj)
        if any("edit_version" in options["fields"] for _name, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "edit_version"]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form.baseline = getattr(request, "edit_version_baseline", obj.version)
            form.history_url = self._url("history", quote(obj.pk))
        return form
