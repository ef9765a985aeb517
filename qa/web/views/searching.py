from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from qa.languages import value_in
from qa.search.places import Places, find_places
from qa.search.query import MAX_QUERY_LENGTH
from qa.search.results import search as search_questions
from qa.typography import separator
from qa.web.cache import kept_in_process, uses_query
from qa.web.views.service import api_view, json_error


def _search_request(request, language):
    """One page of question results and, on the first page only, the regions and programmes the query names."""
    try:
        page = int(request.GET.get("page", 1))
    except ValueError:
        page = 1
    results = search_questions(request.GET.get("q", ""), language, page)
    places = find_places(results.query) if results.page == 1 else Places()
    return results, places


@never_cache  # kept by no browser or proxy: one entry per query
@kept_in_process
@require_safe
@uses_query("q", "page")
def search(request):
    if not request.GET.get("q", "").strip():
        return render(request, "qa/search.html", {"query": ""})
    language = translation.get_language()
    results, places = _search_request(request, language)
    context = {
        "query": results.query.text,
        "results": results,
        "places": places,
        "max_length": MAX_QUERY_LENGTH,
        "sentence_separator": separator(language),
    }
    return render(request, "qa/search.html", context)


def _named(obj, language, url, request, **fields):
    name, name_language = value_in(obj, "name", language)
    return {**fields, "name": name, "language": name_language, "url": request.build_absolute_uri(url)}


@api_view
def search_api(request):
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        codes = ", ".join(code for code, _name in settings.LANGUAGES)
        return json_error(request, _("lang must be one of: %(codes)s") % {"codes": codes}, 400)
    results, places = _search_request(request, language)
    with translation.override(language):
        regions = [
            _named(region, language, region.get_absolute_url(), request, code=region.code, kind=region.kind)
            for region in places.regions
        ]
    programmes = [
        _named(programme, language, programme.url_for(language), request, slug=programme.slug)
        for programme in places.programmes
    ]
    response = JsonResponse(
        {
            "query": results.query.text,
            "count": results.count,
            "regions": regions,
            "programmes": programmes,
            "results": [
                {
                    "series": result.question.series.slug,
                    "series_title": value_in(result.question.series, "title", language)[0],
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
    response["Content-Language"] = language  # the lang asked for, not the Accept-Language one
    return response
