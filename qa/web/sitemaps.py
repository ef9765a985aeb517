from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from qa.models import Author, Programme, Question


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(I18nSitemap):
    def items(self):
        return ["qa:home", "qa:authors"]

    def location(self, item):
        return reverse(item)


class QuestionSitemap(I18nSitemap):
    def items(self):
        return Question.objects.on_site().order_by("number")

    def lastmod(self, item):
        return item.updated


class AuthorSitemap(I18nSitemap):
    def items(self):
        return Author.objects.with_published_questions().order_by("slug")


class PartnerAssistanceSitemap(I18nSitemap):
    def items(self):
        return Programme.objects.filter(slug=settings.HUB_PROGRAMME)

    def location(self, item):
        return reverse("qa:partner-assistance")


sitemaps = {
    "pages": StaticSitemap,
    "questions": QuestionSitemap,
    "authors": AuthorSitemap,
    "partner-assistance": PartnerAssistanceSitemap,
}
