"""The admin of the publication: series, topics, authors and questions."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from qa.editorial.admin import EditorFormFields, LockedContentAdmin
from qa.editorial.change_messages import said
from qa.editorial.review_links_admin import QuestionReviewLinks
from qa.editorial.translation_status import NeedsTranslationAdmin
from qa.interchange.admin import import_urls
from qa.models import Author, Authorship, Question, Series, Topic
from qa.pairings.admin import ConstraintMessageFormSet
from qa.staff.autocomplete import KeyedAutocomplete


class LanguageCompleteFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("zh-hans", _("Chinese missing")), ("en", _("English missing"))]

    def queryset(self, request, queryset):
        if self.value() in ("en", "zh-hans"):
            return queryset.missing_language(self.value())
        return queryset


@admin.register(Series)
class SeriesAdmin(LockedContentAdmin):
    list_display = ["title", "path", "position", "publisher"]
    list_editable = ["position"]
    search_fields = ["slug", "path", "title_en", "title_zh_hans"]
    prepopulated_fields = {"slug": ["title_en"], "path": ["title_en"]}

    def get_readonly_fields(self, request, obj=None):
        """A saved series keeps its address: every link to its questions is made of it."""
        return ["path"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}


@admin.register(Topic)
class TopicAdmin(LockedContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["slug", "name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Author)
class AuthorAdmin(LockedContentAdmin):
    list_display = ["name", "slug", "position", "updated"]
    list_filter = [LanguageCompleteFilter]
    change_list_template = "admin/qa/translated_change_list.html"
    search_fields = ["slug", "name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


class AuthorshipInline(KeyedAutocomplete, admin.TabularInline):
    model = Authorship
    formset = ConstraintMessageFormSet
    autocomplete_fields = ["author"]
    extra = 1
    fields = ["author", "order"]


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("public", _("public now")), ("scheduled", _("scheduled")), ("draft", _("draft"))]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "draft":
            return queryset.filter(status=Question.DRAFT)
        return queryset


def site_notice(question):
    """Why readers cannot see a question, for its change form; None when they can."""
    if question.is_scheduled:
        return _("%(scheduled)s: readers cannot see it until then. “View on site” shows you a preview.") % {
            "scheduled": question.scheduled_display
        }
    if not question.is_published:
        return _("This question is a draft: readers cannot see it. “View on site” shows you a preview.")
    return None


class QuestionChangeList(ChangeList):
    """The question list's rows read each body's first character, all its "complete languages" column needs,
    so a list holding 2 MB papers does not load and sort them. Only the rows shown: an action and the change form
    start again from ``get_queryset`` and get whole questions."""

    def get_results(self, request):
        self.queryset = self.queryset.with_body_heads(1)
        super().get_results(request)


@admin.register(Question)
class QuestionAdmin(QuestionReviewLinks, NeedsTranslationAdmin, LockedContentAdmin):
    list_display = ["number", "title", "series", "publication", "languages", "published", "updated"]
    formfield_overrides = {**EditorFormFields.formfield_overrides, models.URLField: {"assume_scheme": "https"}}
    list_display_links = ["number", "title"]
    list_filter = ["series", PublicationFilter, "authors", "topics", LanguageCompleteFilter]
    search_fields = ["=number", "title_en", "title_zh_hans"]
    prepopulated_fields = {"slug_en": ["title_en"], "slug_zh_hans": ["title_zh_hans"]}
    inlines = [AuthorshipInline]
    autocomplete_fields = ["topics"]
    actions = ["publish", "unpublish"]
    list_select_related = ["series"]
    change_list_template = "admin/qa/question/change_list.html"
    fieldsets = [
        (None, {"fields": ["series", "number", "title", "slug", "summary", "body"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "published",
                    "published_precision",
                    "original_language",
                    "source_url",
                    "topics",
                ]
            },
        ),
        (_("Reviewer links"), {"fields": ["review_links"]}),
    ]
    readonly_fields = ["review_links"]

    def get_urls(self):
        return import_urls(self) + super().get_urls()

    def get_changelist(self, request, **kwargs):
        return QuestionChangeList

    def get_changeform_initial_data(self, request):
        """A new question goes into the only series there is; with several, the editor chooses."""
        initial = super().get_changeform_initial_data(request)
        if "series" not in initial:
            series = list(Series.objects.values_list("pk", flat=True)[:2])
            if len(series) == 1:
                initial["series"] = series[0]
        return initial

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["site_notice"] = site_notice(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        """The status, or "Scheduled for <time> (Beijing time)" for a published question not yet public."""
        return obj.scheduled_display or obj.get_status_display()

    @admin.display(description=_("complete languages"))
    def languages(self, obj):
        names = dict((code, str(name)) for code, name in Question._meta.get_field("original_language").choices)
        return gettext(", ").join(names[code] for code in obj.languages_complete) or "—"

    @admin.action(description=_("Publish selected questions"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Question.PUBLISHED)

    @admin.action(description=_("Unpublish selected questions (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Question.DRAFT)

    def _set_status(self, request, queryset, status):
        with translation.override("en"):
            label = str(dict(Question.STATUSES)[status])
        reversion.set_comment(said(gettext_noop("Status set to “%(status)s”."), words=["status"], status=label))
        changed = 0
        for question in queryset.exclude(status=status):
            question.status = status
            question.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d question updated.", "%(count)d questions updated.", changed) % {"count": changed},
            messages.SUCCESS,
        )
