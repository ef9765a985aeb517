from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from qa.models import Author, Page, Programme, Question, Series, Topic


class I18nSitemap(Sitemap):
    """Each item once per language, with its alternates: ``location`` is the item's address in the
    language being listed, which for questions differs by language (see Question.url_for)."""

    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(I18nSitemap):
    def items(self):
        return ["qa:home", "qa:authors", "qa:topics", "qa:partner-assistance"]

    def location(self, item):
        return reverse(item)


class SeriesSitemap(I18nSitemap):
    def items(self):
        return Series.objects.on_front_page()


class QuestionSitemap(I18nSitemap):
    def items(self):
        questions = Question.objects.published().select_related("series")
        return questions.order_by("series__position", "series__slug", "number")

    def lastmod(self, item):
        return item.updated


class AuthorSitemap(I18nSitemap):
    def items(self):
        return Author.objects.with_published_questions().order_by("slug")


class TopicSitemap(I18nSitemap):
    def items(self):
        return Topic.objects.with_published_questions().order_by("slug")


class ProgrammeSitemap(I18nSitemap):
    def items(self):
        return Programme.objects.order_by("slug")


class PageSitemap(I18nSitemap):
    def items(self):
        return Page.objects.all()


sitemaps = {
    "pages": StaticSitemap,
    "series": SeriesSitemap,
    "questions": QuestionSitemap,
    "authors": AuthorSitemap,
    "topics": TopicSitemap,
    "partner-assistance": ProgrammeSitemap,
    "about": PageSitemap,
}
