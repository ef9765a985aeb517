"""Translation status in the admin: the page listing what lacks a language or has an outdated translation."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from qa.editorial import staleness
from qa.languages import STORED_LANGUAGE_CHOICES, field_label, localized_name
from qa.models import Author, Question, Series


def _rows(objects, language):
    """Each object with the labels of its missing and outdated fields in ``language``."""

    def labels(obj, fields):
        return [field_label(type(obj)._meta.get_field(localized_name(field, language))) for field in fields]

    return [
        {
            "object": obj,
            "missing": labels(obj, staleness.missing_fields(obj, language)),
            "outdated": labels(obj, staleness.outdated_fields(obj, language)),
            "source_revised": staleness.latest_revision(obj, language),
        }
        for obj in objects
    ]


def needing(queryset, language):
    """Rows lacking ``language`` or with an outdated translation in it, the most recently changed first."""
    return (queryset.missing_language(language) | queryset.filter(staleness.outdated_filter(language))).order_by(
        "-updated"
    )


class NeedsTranslationAdmin:
    """Adds "Needs translation" (questions and authors lacking a language or with an outdated translation,
    newest first, each with its fields; questions filtered by series with ``?series=<id>``) to the question admin."""

    def get_urls(self):
        return [
            path(
                "needs-translation/",
                self.admin_site.admin_view(self.needs_translation_view),
                name="qa_needs_translation",
            ),
        ] + super().get_urls()

    def needs_translation_view(self, request):
        author_admin = self.admin_site.get_model_admin(Author)
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        show_authors = author_admin.has_view_or_change_permission(request)
        series_list = list(Series.objects.all())
        series = next((item for item in series_list if str(item.pk) == request.GET.get("series")), None)
        questions = Question.objects.select_related("series")
        if series is not None:
            questions = questions.filter(series=series)
        missing = [
            {
                "language": name,
                "code": code,
                "questions": _rows(needing(questions, code), code),
                "authors": _rows(needing(Author.objects.all(), code), code) if show_authors else None,
            }
            for code, name in STORED_LANGUAGE_CHOICES
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Needs translation"),
            "opts": self.model._meta,
            "missing": missing,
            "series_list": series_list,
            "series": series,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/qa/needs_translation.html", context)
