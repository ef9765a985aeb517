from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from qa.search.query import MAX_QUERY_LENGTH
from qa.search.results import search as search_questions
from qa.web.cache import uses_query


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
