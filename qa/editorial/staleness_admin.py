"""Translation status in the change forms and lists: a badge on each translated field, what its
source changed since the translation, "Mark as up to date", and the "translation outdated" filter."""

import json

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from qa.editorial import staleness
from qa.editorial.compare import text_diff
from qa.editorial.revisions import recorded
from qa.languages import STORED_LANGUAGE_CHOICES, TEXT_LANGUAGES, field_label, localized_name

# The versions searched for the source text a translation was made from.
HISTORY_DEPTH = 200
SEEN_MAX_LENGTH = 4000


class OutdatedTranslationFilter(admin.SimpleListFilter):
    title = gettext_lazy("translation outdated")
    parameter_name = "outdated"

    def lookups(self, request, model_admin):
        return [
            (code, _("%(language)s outdated") % {"language": TEXT_LANGUAGES[code]})
            for code, _n in STORED_LANGUAGE_CHOICES
        ]

    def queryset(self, request, queryset):
        if self.value() in dict(STORED_LANGUAGE_CHOICES):
            return queryset.filter(staleness.outdated_filter(self.value()))
        return queryset


def _parse_seen(text):
    """The source digests a form carried ({language: {field: digest}}), or None for anything else."""
    try:
        value = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    return {
        str(language): {str(field): digest for field, digest in fields.items() if isinstance(digest, str)}
        for language, fields in value.items()
        if isinstance(fields, dict)
    }


class TrackedForm(forms.ModelForm):
    """Carries the source texts the translator saw (their digests), so a translation made from
    a source someone changed meanwhile is saved as outdated, not current."""

    translated_from = forms.CharField(widget=forms.HiddenInput, required=False, max_length=SEEN_MAX_LENGTH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("translated_from", json.dumps(staleness.seen_sources(self.instance)))

    def clean_translated_from(self):
        return _parse_seen(self.cleaned_data.get("translated_from"))


_tracked_forms = {}


def tracked_form(form):
    if form not in _tracked_forms:
        _tracked_forms[form] = type(f"Tracked{form.__name__}", (TrackedForm, form), {})
    return _tracked_forms[form]


def translated_sources(obj, wanted):
    """{(language, field): the source text its outdated translation was made from}, for each of ``wanted``
    found in the object's history (read once, newest first)."""
    digests = {key: (staleness._entry(obj, key[1], key[0]) or {}).get("source") for key in wanted}
    name_of = {field: localized_name(field, staleness.source_language(obj)) for _language, field in wanted}
    found = {}
    for version in Version.objects.get_for_object(obj)[:HISTORY_DEPTH]:
        if len(found) == len(digests):
            break
        values = version.field_dict
        for key, made_from in digests.items():
            text = values.get(name_of[key[1]]) or ""
            if key not in found and staleness.digest(text) == made_from:
                found[key] = text
    return found


class TranslationStatusAdmin:
    """ContentAdmin mixin; does nothing for models whose translations are not tracked."""

    @property
    def tracks_translations(self):
        return issubclass(self.model, staleness.TranslationTracked)

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return [*filters, OutdatedTranslationFilter] if self.tracks_translations else filters

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/mark-current/",
                self.admin_site.admin_view(self.mark_current_view),
                name=f"{opts.app_label}_{opts.model_name}_mark_current",
            ),
        ] + super().get_urls()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.tracks_translations:
            kwargs["form"] = tracked_form(kwargs.get("form", self.form))
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and self.tracks_translations:
            # The button posts the change form page's own mark-current form (not on restore pages).
            match = getattr(request, "resolver_match", None)
            self._add_badges(form, obj, can_mark=bool(match and match.url_name.endswith("_change")))
        return form

    def save_model(self, request, obj, form, change):
        if self.tracks_translations and change:
            obj.translated_from = form.cleaned_data.get("translated_from")
        super().save_model(request, obj, form, change)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.tracks_translations or any("translated_from" in opts["fields"] for _n, opts in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "translated_from"]}), *rest]

    def _add_badges(self, form, obj, can_mark):
        source = staleness.source_language(obj)
        fields = staleness.tracked_fields(type(obj))
        targets = staleness.target_languages(obj)
        older = translated_sources(
            obj, [(code, field) for code in targets for field in staleness.outdated_fields(obj, code)]
        )
        for language in targets:
            for field in fields:
                formfield = form.base_fields.get(localized_name(field, language))
                status = staleness.field_status(obj, field, language)
                if formfield is None or (
                    status == staleness.CURRENT and not getattr(obj, localized_name(field, language))
                ):
                    continue  # not in the form, or nothing to translate
                context = {
                    "status": status,
                    "field": field,
                    "language": language,
                    "source": source,
                    "source_name": TEXT_LANGUAGES[source],
                    "revised": staleness.source_revised(obj, field, language),
                    "help_text": formfield.help_text,
                    "can_mark": can_mark,
                }
                if status == staleness.OUTDATED:
                    now = getattr(obj, localized_name(field, source)) or ""
                    before = older.get((language, field))
                    context["diff"] = text_diff(before, now) if before is not None else None
                formfield.help_text = mark_safe(render_to_string("admin/qa/translation_badge.html", context))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.tracks_translations:
            context["translation_status"] = [
                {
                    "language": TEXT_LANGUAGES[language],
                    "fields": [
                        (field_label(self.model._meta.get_field(localized_name(field, language))), status)
                        for field, status in staleness.statuses(obj, language).items()
                    ],
                }
                for language in staleness.target_languages(obj)
            ]
            context["mark_current_url"] = self._url("mark_current", quote(obj.pk))
            context["mark_current_seen"] = json.dumps(staleness.seen_sources(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def mark_current_view(self, request, object_id):
        """Mark one outdated translation current, against the original the editor's page showed: the form carries
        its digest (``translated_from``), and a newer original is refused, as a stale change form is."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.tracks_translations:
            raise PermissionDenied
        object_id = unquote(object_id)
        language, _sep, field = request.POST.get("field", "")[:100].partition(":")
        seen = _parse_seen(request.POST.get("translated_from", "")[:SEEN_MAX_LENGTH]) or {}
        change_url = self._url("change", quote(object_id))
        with transaction.atomic():
            try:
                obj = self.model._base_manager.select_for_update().get(pk=object_id)
            except (self.model.DoesNotExist, ValueError, ValidationError):
                raise Http404 from None
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            if (
                language not in staleness.target_languages(obj)
                or field not in staleness.tracked_fields(self.model)
                or staleness.field_status(obj, field, language) != staleness.OUTDATED
            ):
                messages.error(request, _("There is no such translation to mark as up to date."))
                return redirect(change_url)
            if seen.get(language, {}).get(field) != staleness.seen_sources(obj)[language][field]:
                messages.error(
                    request,
                    _(
                        "The original was changed after this page was opened, so the translation was not marked "
                        "as up to date. Compare it with the original as it is now, below, then mark it again."
                    ),
                )
                return redirect(change_url)
            label = field_label(self.model._meta.get_field(localized_name(field, language)))
            with translation.override("en"):
                english_label = str(field_label(self.model._meta.get_field(localized_name(field, language))))
            message = json.dumps([{"marked_current": {"fields": [english_label]}}])
            with recorded(message, user=request.user):
                staleness.mark_current(obj, field, language)
                obj.save()
                self.log_change(request, obj, message)
                reversion.set_comment(message)
        messages.success(request, _("%(field)s is marked as up to date with the original.") % {"field": label})
        return redirect(change_url)
