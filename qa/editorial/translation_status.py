"""Translation status in the admin: the page listing what lacks a language."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from qa.languages import STORED_LANGUAGE_CHOICES
from qa.models import Author, Question, Series


class NeedsTranslationAdmin:
    """Adds "Needs translation" (questions and authors lacking a language, newest first, questions
    filtered by series with ``?series=<id>``) to the question admin."""

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
                "questions": questions.missing_language(code).order_by("-updated"),
                "authors": Author.objects.missing_language(code).order_by("-updated") if show_authors else None,
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
