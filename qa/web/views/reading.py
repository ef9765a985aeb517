"""The reader's pages of the publication: home, series, questions, topics and authors."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_safe

from qa.languages import LANGUAGE_CODES
from qa.models import Author, Question, Series, Topic, WorkingPaperFile
from qa.search.related import related_questions
from qa.staff.two_factor import acts_as_staff
from qa.text import byte_size_display
from qa.web.cache import uses_query
from qa.web.citations import Citation
from qa.web.parallel import SideBySide

INDEX_PAGE_SIZE = 100
NEWEST = 6
SERIES_ORDERS = {"number": ("number",), "date": ("-published", "-number")}


def alternates_for(obj, url=None):
    """The same page in every language, for the language switch and hreflang links."""
    url = url or obj.url_for
    return [(code, url(code)) for code in LANGUAGE_CODES]


def page_of(request, questions):
    """One page of an index, ``?page=N`` (out of range: the nearest page)."""
    return Paginator(questions, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))


def questions_page(request, template, questions, **context):
    """A page listing ``questions`` (a topic's, an author's): not public while none is published."""
    page = page_of(request, questions.for_listing())
    if not page.paginator.count and not acts_as_staff(request.user):
        raise Http404
    return render(request, template, {**context, "page": page, "questions": page.object_list})


def named(model, slug):
    """The row of ``model`` that ``slug`` names, or None, without a query when the address names none.

    A value the slug field would refuse (a NUL byte, which PostgreSQL refuses in any text, or a
    thousand characters) names nothing and is never sent to the database.
    """
    if not slug:
        return None
    try:
        model._meta.get_field("slug").run_validators(slug)
    except ValidationError:
        return None
    return model.objects.filter(slug=slug).first()


@require_safe
def home(request):
    return render(
        request,
        "qa/home.html",
        {
            "series_list": Series.objects.on_front_page(),
            "newest": Question.objects.visible_to(request.user).for_listing().order_by("-published", "-pk")[:NEWEST],
            "topics": Topic.objects.with_published_questions(),
        },
    )


@require_safe
@uses_query("topic", "author", "order", "page")
def series_index(request, series):
    """A series' questions, filtered by topic and author, by number or by date, with counts."""
    series = get_object_or_404(Series, path=series)
    questions = Question.objects.visible_to(request.user).filter(series=series)
    topic = named(Topic, request.GET.get("topic"))
    author = named(Author, request.GET.get("author"))
    order = request.GET.get("order") if request.GET.get("order") in SERIES_ORDERS else "number"
    by_topic = questions.filter(topics=topic) if topic else questions
    by_author = questions.filter(authors=author) if author else questions
    shown = by_topic.filter(authors=author) if author else by_topic
    page = page_of(request, shown.for_listing().order_by(*SERIES_ORDERS[order]))
    if not page.paginator.count and not (topic or author) and not acts_as_staff(request.user):
        raise Http404
    return render(
        request,
        "qa/series.html",
        {
            "series": series,
            "page": page,
            "questions": page.object_list,
            "topic": topic,
            "author": author,
            "order": order,
            "orders": list(SERIES_ORDERS),
            "topic_counts": Topic.objects.counted_in(by_author),
            "author_counts": Author.objects.counted_in(by_topic),
            "total": page.paginator.count if shown is questions else questions.count(),
        },
    )


def get_visible_question(request, series, number, *prefetch, **annotations):
    return get_object_or_404(
        Question.objects.visible_to(request.user)
        .select_related("series")
        .with_bylines()
        .prefetch_related(*prefetch)
        .annotate(**annotations),
        series__path=series,
        number=number,
    )


@require_safe
def question(request, series, number, slug=None):
    language = translation.get_language()
    question = get_visible_question(
        request, series, number, "programmes", "topics", working_paper_size=WorkingPaperFile.objects.size_in(language)
    )
    if (slug or "") != question.address_slug(language):
        return redirect(question.url_for(language), permanent=question.is_published)
    context = question_context(request, question, language, Question.objects.visible_to(request.user))
    working_paper = question.working_paper_size and byte_size_display(question.working_paper_size)
    return render(
        request,
        "qa/question.html",
        {**context, "alternates": alternates_for(question), "working_paper_size": working_paper},
    )


def question_context(request, question, language, questions):
    """What the question page shows of ``question`` in ``language``, its neighbours taken from ``questions``
    (also the reviewer's page, qa.web.views.reviewing)."""
    shown_language = question.shown_language(language)
    previous, following = questions.neighbours(question)
    return {
        "question": question,
        "shown_language": shown_language,
        "previous": previous,
        "next": following,
        "related": related_questions(question),
        "citation": Citation(question, language, request.build_absolute_uri(question.url_for(shown_language))),
    }


@require_safe
def side_by_side(request, series, number, slug=None):
    question = get_visible_question(request, series, number)
    if slug is not None:
        return redirect(question.side_by_side_url_for(translation.get_language()), permanent=question.is_published)
    return render(
        request,
        "qa/side_by_side.html",
        {
            "question": question,
            "parallel": SideBySide(question),
            "alternates": alternates_for(question, question.side_by_side_url_for),
        },
    )


@require_safe
def topic_list(request):
    return render(request, "qa/topic_list.html", {"topics": Topic.objects.with_published_questions()})


@require_safe
@uses_query("page")
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    questions = Question.objects.visible_to(request.user).filter(topics=topic)
    return questions_page(request, "qa/topic_detail.html", questions, topic=topic)


@require_safe
def author_list(request):
    authors = Author.objects.with_published_questions().order_by("name_en", "slug")
    return render(request, "qa/author_list.html", {"authors": authors})


@require_safe
@uses_query("page")
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    questions = Question.objects.visible_to(request.user).filter(authors=author)
    return questions_page(request, "qa/author_detail.html", questions, author=author)
