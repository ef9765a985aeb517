from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from qa.languages import LANGUAGE_CODES
from qa.models import Author, Pairing, Programme, Question, Region, Series
from qa.pairings.table import ORDERS, csv_text, diagram, group_pairings, json_data, partners_of
from qa.search.query import MAX_QUERY_LENGTH
from qa.search.results import search as search_questions
from qa.web.cache import uses_query
from qa.web.citations import Citation
from qa.web.parallel import SideBySide


def alternates_for(obj, *args):
    """The same page in every language, for the language switch and hreflang links."""
    return [(code, obj.url_for(code, *args)) for code in LANGUAGE_CODES]


@require_safe
def language_redirect(request):
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        response = redirect("qa:home")
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_safe
def home(request):
    series = Series.objects.for_site()
    questions = Question.objects.visible_to(request.user).for_listing()
    return render(request, "qa/home.html", {"series": series, "questions": questions})


def get_visible_question(request, number, *prefetch):
    return get_object_or_404(
        Question.objects.visible_to(request.user)
        .select_related("series")
        .prefetch_related("authorships__author", *prefetch),
        number=number,
    )


@require_safe
def question(request, number, slug=None):
    question = get_visible_question(
        request,
        number,
        Prefetch("programmes", Programme.objects.filter(slug=settings.HUB_PROGRAMME), to_attr="hub_programmes"),
    )
    language = translation.get_language()
    if slug != question.slug_for(language):
        return redirect(question.url_for(language), permanent=question.is_published)
    siblings = Question.objects.visible_to(request.user).filter(series=question.series)
    shown_language = question.shown_language(language)
    return render(
        request,
        "qa/question.html",
        {
            "question": question,
            "shown_language": shown_language,
            "previous": siblings.filter(number__lt=number).order_by("-number").first(),
            "next": siblings.filter(number__gt=number).order_by("number").first(),
            "alternates": alternates_for(question),
            "citation": Citation(question, language, request.build_absolute_uri(question.url_for(shown_language))),
        },
    )


@require_safe
def side_by_side(request, number, slug):
    question = get_visible_question(request, number)
    language = translation.get_language()
    if slug != question.slug_for(language):
        return redirect(question.side_by_side_url_for(language), permanent=question.is_published)
    return render(
        request,
        "qa/side_by_side.html",
        {
            "question": question,
            "parallel": SideBySide(question),
            "alternates": alternates_for(question, "qa:side-by-side"),
        },
    )


@require_safe
def author_list(request):
    authors = Author.objects.with_published_questions().order_by("name_en", "slug")
    return render(request, "qa/author_list.html", {"authors": authors})


@require_safe
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    questions = Question.objects.visible_to(request.user).filter(authors=author).for_listing()
    if not questions and not (request.user.is_authenticated and request.user.is_staff):
        raise Http404
    return render(request, "qa/author_detail.html", {"author": author, "questions": questions})


def _search_request(request, language):
    try:
        page = int(request.GET.get("page", 1))
    except ValueError:
        page = 1
    return search_questions(request.GET.get("q", ""), language, page)


@never_cache  # not kept in the page cache: each query would be one more entry, and searching is fast
@require_safe
@uses_query("q", "page")
def search(request):
    if not request.GET.get("q", "").strip():
        return render(request, "qa/search.html", {"query": ""})
    results = _search_request(request, translation.get_language())
    return render(
        request,
        "qa/search.html",
        {"query": results.query.text, "results": results, "max_length": MAX_QUERY_LENGTH},
    )


@require_safe
def search_api(request):
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        codes = ", ".join(code for code, _name in settings.LANGUAGES)
        return JsonResponse({"error": f"lang must be one of: {codes}"}, status=400)
    results = _search_request(request, language)
    return JsonResponse(
        {
            "query": results.query.text,
            "count": results.count,
            "results": [
                {
                    "series": result.question.series.slug,
                    "number": result.question.number,
                    "title": result.title,
                    "url": request.build_absolute_uri(result.question.url_for(language)),
                    "snippet": str(result.snippet),
                    "language": result.language,
                }
                for result in results.results
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def hub_programme():
    return get_object_or_404(Programme.objects.for_page(), slug=settings.HUB_PROGRAMME)


@require_safe
@uses_query("order")
def partner_assistance(request):
    programme = hub_programme()
    order = request.GET.get("order")
    if order not in ORDERS:
        order = ORDERS[0]
    pairings = list(Pairing.objects.for_programme(programme))
    return render(
        request,
        "qa/partner_assistance.html",
        {
            "programme": programme,
            "order": order,
            "groups": group_pairings(pairings, order),
            "counts": programme.pairings.counts(),
            "diagram": diagram(pairings, translation.get_language()),
        },
    )


@require_safe
def region(request, code):
    region = get_object_or_404(Region.objects.select_related("parent"), code=code)
    programme = hub_programme()
    supports, supported_by = partners_of(region, Pairing.objects.for_programme(programme).involving(region))
    return render(
        request,
        "qa/region.html",
        {
            "region": region,
            "programme": programme,
            "supports": supports,
            "supported_by": supported_by,
            "children": region.children.all(),
        },
    )


@require_safe
def pairings_csv(request):
    programme = hub_programme()
    response = HttpResponse(
        csv_text(Pairing.objects.for_programme(programme)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-pairings.csv"'
    return response


@require_safe
def pairings_json(request):
    programme = hub_programme()
    pairings = list(Pairing.objects.for_programme(programme))
    data = json_data(programme, pairings, programme.pairings.counts())
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render 500.html without context processors: the database may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())
