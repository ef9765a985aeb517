"""The admin of partner assistance: regions, and programmes with their pairs inline."""

from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from qa.editorial.admin import EditorFormFields, LockedContentAdmin
from qa.models import Pairing, Programme, Region
from qa.staff.autocomplete import KeyedAutocomplete


@admin.register(Region)
class RegionAdmin(LockedContentAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["code", "name_en", "name_zh_hans"]
    autocomplete_fields = ["parent"]


class ConstraintMessageFormSet(BaseInlineFormSet):
    """Report a duplicate row with the model constraint's own message, not Django's generic one.

    Django's formset finds rows that repeat each other (or a saved row) itself, but
    words the error from the field names; the constraint's message says what is wrong.
    The formset asks for the row error right after the formset error, so both use it.
    """

    def get_unique_error_message(self, unique_check):
        for constraint in self.model._meta.total_unique_constraints:
            if set(constraint.fields) == set(unique_check) and constraint.violation_error_message:
                self._duplicate_message = constraint.get_violation_error_message()
                return self._duplicate_message
        self._duplicate_message = None
        return super().get_unique_error_message(unique_check)

    def get_form_error(self):
        return getattr(self, "_duplicate_message", None) or super().get_form_error()


class PairingInline(KeyedAutocomplete, EditorFormFields, TranslationTabularInline):
    """One compact row a pair, so a programme of 21 pairs is a page of about 2,800 px, not 6,500 (at 1280 px).

    Each note is a one-line textarea in its own column (a long note still scrolls, its newlines are kept)
    instead of the admin's 10-row, 48em one under language tabs; the region picks are narrower and carry
    no add, change or delete links (regions have their own admin page).
    """

    model = Pairing
    formset = ConstraintMessageFormSet
    autocomplete_fields = ["supporter", "supported"]
    fields = ["supporter", "supported", "medical_teams", "medical_staff", "note"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("supporter", "supported"):
            wrapper = formfield.widget
            wrapper.can_add_related = wrapper.can_change_related = wrapper.can_delete_related = False
            wrapper.can_view_related = False
            wrapper.widget.attrs["data-width"] = "13em"
        if formfield is not None and db_field.name.startswith("note"):
            attrs = formfield.widget.attrs
            attrs.update(rows=1, cols=14)
            attrs["class"] = " ".join(
                name
                for name in attrs.get("class", "").split()
                if name != "vLargeTextField" and not name.startswith("mt")
            )
        return formfield


@admin.register(Programme)
class ProgrammeAdmin(LockedContentAdmin):
    list_display = ["name", "slug", "announced", "pairing_count", "source_question"]
    search_fields = ["slug", "name_en", "name_zh_hans"]
    autocomplete_fields = ["source_question"]
    list_select_related = ["source_question"]
    inlines = [PairingInline]
    fieldsets = [
        (None, {"fields": ["slug", "name", "description", "organiser", "announced", "announced_precision"]}),
        (
            _("Source and totals"),
            {"fields": ["citation", "source_question", "total_medical_teams", "total_medical_staff"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(pairing_total=Count("pairings"))

    @admin.display(description=_("pairs"), ordering="pairing_total")
    def pairing_count(self, obj):
        return obj.pairing_total
