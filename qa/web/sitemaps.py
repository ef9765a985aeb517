"""The sitemaps: /sitemap.xml is their index, each section at /sitemap-<section>.xml in pages of ``limit``
addresses, so no file nears the protocol's 50,000 and none takes long to render however many questions there
are (bench/operations.py). Both are kept in the page cache like the pages of each language (``?p=`` in the
key), so a crawler reading every file costs each file's rendering once per content change."""

from collections.abc import Sequence
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.views.decorators.http import require_safe

from qa.languages import LANGUAGE_CODES, STORED_LANGUAGES, localized_name
from qa.models import Author, Page, Programme, Question, Series, Topic
from qa.web.cache import cached_outside_languages, uses_query


class LanguagePairs(Sequence):
    """(item, language) for each of ``items`` in each of ``languages``, item by item, as Django's Sitemap lists
    them; a slice reads only the items it holds, where Sitemap builds the whole list for every file."""

    def __init__(self, items, languages):
        self.items, self.languages = items, list(languages)

    @cached_property
    def item_count(self):
        return len(self.items) if isinstance(self.items, list) else self.items.count()

    def __len__(self):
        return self.item_count * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        width = len(self.languages)
        first, last = start // width, -(-stop // width)
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class I18nSitemap(Sitemap):
    """Each item once per language, with its alternates: ``location`` is the item's address in the
    language being listed, which for questions differs by language (see Question.url_for).

    Every item is listed in every language (none overrides ``get_languages_for_item``), so a file's
    addresses are a slice of ``LanguagePairs``: one count for the index, one page of items for a file."""

    i18n = True
    languages = LANGUAGE_CODES
    alternates = True
    x_default = True
    limit = 1000

    @property
    def paginator(self):
        return Paginator(LanguagePairs(self.items(), self.languages), self.limit)


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
        """Only what an address and its date need, never the bodies."""
        questions = Question.objects.published().select_related("series")
        fields = ["number", "updated", "series__path", *(localized_name("slug", code) for code in STORED_LANGUAGES)]
        return questions.only(*fields).order_by("series__position", "series__slug", "number")

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated"))["latest"]


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


@require_safe
@cached_outside_languages
def index(request):
    return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap-section")


@require_safe
@cached_outside_languages
@uses_query("p")
def section(request, section):
    return sitemap_views.sitemap(request, sitemaps, section)
