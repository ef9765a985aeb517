"""The suite's one vocabulary for test data: factory_boy factories for every model the tests build.

Defaults are what most tests want: the bundled series (slug SERIES_SLUG, address "qa") with
its canonical titles, a published question translated into Chinese with a
byline, an editor in the Editors group who can log in with EDITOR_PASSWORD.
A test that asserts a title, a date or a name passes it to the factory itself;
sequences run on across tests, so a default that comes from one (a topic's
slug, a region's code) is never worth asserting.

    QuestionFactory(number=3)                      # published, both languages, byline "Author 3"
    QuestionFactory(number=5, draft=True)          # a draft
    QuestionFactory(number=4, untranslated=True)   # English only
    QuestionFactory(authors=[zhou, doe])           # this byline, in this order; authors=[] for none
    QuestionFactory(topics=[health])               # these topics (none by default)
    EditorFactory(), EditorFactory(username="other"), StaffFactory(superuser=True)
    make_question(series, 1, "Title", "标题")      # a draft with just these texts: no summary, body or byline
"""

import datetime

import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory, Password

from qa.editorial.editors import sync_editor_permissions
from qa.models import Author, Authorship, Pairing, Programme, Question, Region, Series, Topic

EDITOR_PASSWORD = "a-long-editor-password-2020"
SERIES_SLUG = "fighting-covid-19-100-qas"
SERIES_TITLE_EN = "Fighting the COVID-19: 100 Q&As"
SERIES_TITLE_ZH = "抗击新冠肺炎疫情：100问"


class SeriesFactory(DjangoModelFactory):
    """The bundled series at /<lang>/qa/, unless given another slug (and then the address is the slug)."""

    class Meta:
        model = Series

    slug = SERIES_SLUG
    path = factory.LazyAttribute(lambda series: "qa" if series.slug == SERIES_SLUG else series.slug)
    title_en = SERIES_TITLE_EN
    title_zh_hans = SERIES_TITLE_ZH


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name_zh_hans = factory.Sequence(lambda n: f"话题{n}")


class AuthorFactory(DjangoModelFactory):
    """An author named in both languages; ``untranslated=True`` leaves the Chinese name empty."""

    class Meta:
        model = Author

    slug = factory.Sequence(lambda n: f"author-{n}")
    name_en = factory.Sequence(lambda n: f"Author {n}")
    name_zh_hans = factory.Sequence(lambda n: f"作者{n}")

    class Params:
        untranslated = factory.Trait(name_zh_hans="")


def site_series():
    """The bundled series, made the first time a question needs it."""
    return Series.objects.filter(slug=SERIES_SLUG).first() or SeriesFactory()


def numbered_author(number):
    """Question N's default byline: "Author N" (作者N), slug author-N, shared by every question N of a test."""
    return Author.objects.filter(slug=f"author-{number}").first() or AuthorFactory(
        slug=f"author-{number}", name_en=f"Author {number}", name_zh_hans=f"作者{number}"
    )


class QuestionFactory(DjangoModelFactory):
    """A published question of the site's series, in English and Chinese, with a byline.

    Traits: ``draft=True`` (status draft) and ``untranslated=True`` (no Chinese
    title, summary or body). ``authors=[...]`` sets the byline in order;
    without it the byline is ``numbered_author(number)``; ``authors=[]`` leaves it empty.
    """

    class Meta:
        model = Question
        skip_postgeneration_save = True

    series = factory.LazyFunction(site_series)
    number = factory.Sequence(lambda n: n + 1)
    status = Question.PUBLISHED
    published = datetime.date(2020, 3, 1)
    published_precision = Question.MONTH
    title_en = factory.LazyAttribute(lambda question: f"Question title {question.number}")
    summary_en = factory.LazyAttribute(lambda question: f"Summary {question.number}")
    body_en = factory.LazyAttribute(lambda question: f"Body {question.number}.\n\nSecond paragraph {question.number}.")
    title_zh_hans = factory.LazyAttribute(lambda question: f"问题标题{question.number}")
    summary_zh_hans = factory.LazyAttribute(lambda question: f"摘要{question.number}")
    body_zh_hans = factory.LazyAttribute(lambda question: f"正文{question.number}。")

    class Params:
        draft = factory.Trait(status=Question.DRAFT)
        untranslated = factory.Trait(title_zh_hans="", summary_zh_hans="", body_zh_hans="")

    @factory.post_generation
    def authors(question, create, extracted, **kwargs):
        if not create:
            return
        authors = [numbered_author(question.number)] if extracted is None else extracted
        for order, author in enumerate(authors):
            Authorship.objects.create(question=question, author=author, order=order)

    @factory.post_generation
    def topics(question, create, extracted, **kwargs):
        if create and extracted:
            question.topics.set(extracted)


def make_question(series, number, title_en="", title_zh="", body_en="", body_zh="", authors=()):
    """A draft with exactly these texts (each may be empty), no summary, and ``authors`` as its byline."""
    return QuestionFactory(
        series=series, number=number, draft=True, authors=list(authors), summary_en="", summary_zh_hans="",
        title_en=title_en, title_zh_hans=title_zh, body_en=body_en, body_zh_hans=body_zh,
    )


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"region-{n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    name_zh_hans = factory.Sequence(lambda n: f"地区{n}")
    kind = "province"


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")
    name_zh_hans = factory.Sequence(lambda n: f"项目{n}")
    announced = datetime.date(2020, 2, 10)
    announced_precision = Programme.DAY


class PairingFactory(DjangoModelFactory):
    """A province supporting a city; ``PairingFactory.build(...)`` for ``bulk_create``."""

    class Meta:
        model = Pairing

    programme = factory.SubFactory(ProgrammeFactory)
    supporter = factory.SubFactory(RegionFactory)
    supported = factory.SubFactory(RegionFactory, kind="prefecture-level-city")


class StaffFactory(DjangoModelFactory):
    """A staff user with no editing rights; ``superuser=True`` for a superuser ("root")."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = "staff"
    # Hashed with whatever PASSWORD_HASHERS says when the user is made: MD5 in the suite (conftest.py).
    password = Password(EDITOR_PASSWORD)
    is_staff = True

    class Params:
        superuser = factory.Trait(username="root", is_superuser=True)


class EditorFactory(StaffFactory):
    """Staff in the Editors group, as ``manage.py create_editor`` makes one, logging in with EDITOR_PASSWORD."""

    username = "editor"

    @factory.post_generation
    def editors_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(sync_editor_permissions())


class PageFactory(DjangoModelFactory):
    """A page editors write, in English and Chinese; ``untranslated=True`` leaves the Chinese title and body empty."""

    class Meta:
        model = "qa.Page"

    slug = factory.Sequence(lambda n: f"page-{n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    title_zh_hans = factory.Sequence(lambda n: f"页面{n}")
    body_en = factory.LazyAttribute(lambda page: f"{page.title_en}, first paragraph.\n\nSecond paragraph.")
    body_zh_hans = factory.LazyAttribute(lambda page: f"{page.title_zh_hans}，第一段。\n\n第二段。")

    class Params:
        untranslated = factory.Trait(title_zh_hans="", body_zh_hans="")
