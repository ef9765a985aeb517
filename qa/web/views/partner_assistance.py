"""Partner assistance: every programme, its pairing table and downloads, and the regions' pages.

Each page costs the same few queries however many programmes and pairs there
are: programmes come with their counts annotated (``with_counts``), and the
pairs of a page in one query, grouped in Python (``qa.pairings.table``).
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_safe

from qa.languages import field_in, other_languages
from qa.models import Pairing, Programme, Region
from qa.pairings.table import (
    ORDERS,
    by_programme,
    children_pairs,
    csv_text,
    diagram,
    group_pairings,
    json_data,
    region_pairs,
)
from qa.web.cache import uses_query

JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}


def get_programme(slug):
    return get_object_or_404(Programme.objects.for_page().with_counts(), slug=slug)


@require_safe
def programme_list(request):
    """Every programme, newest first. The old Hubei page's ``?order=`` is ignored here (docs/readers.md)."""
    return render(request, "qa/programme_list.html", {"programmes": Programme.objects.for_page().with_counts()})


@require_safe
@uses_query("order")
def programme(request, slug):
    programme = get_programme(slug)
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
            "pairings": pairings,
            "groups": group_pairings(pairings, order),
            "counts": programme.counts,
            "diagram": diagram(pairings, translation.get_language()),
        },
    )


def other_names(region, language):
    """The region's name in the other languages, when the reader's own has one (else it is the heading)."""
    if not field_in(region, "name", language):
        return []
    return [
        (code, field_in(region, "name", code))
        for code in other_languages(language)
        if field_in(region, "name", code)
    ]


@require_safe
def region(request, code):
    region = get_object_or_404(Region.objects.select_related("parent"), code=code)
    pairings = list(Pairing.objects.around(region))
    own = region_pairs(region, pairings)
    return render(
        request,
        "qa/region.html",
        {
            "region": region,
            "other_names": other_names(region, translation.get_language()),
            "programmes": own,
            "children_programmes": [] if own else children_pairs(region, pairings),
            "children": region.children.all(),
        },
    )


def csv_response(text, filename):
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(data):
    return JsonResponse(data, json_dumps_params=JSON_OPTIONS)


@require_safe
def programme_csv(request, slug):
    programme = get_programme(slug)
    return csv_response(csv_text(Pairing.objects.for_programme(programme)), f"{programme.slug}-pairings.csv")


@require_safe
def programme_json(request, slug):
    programme = get_programme(slug)
    return json_response(json_data(programme, list(Pairing.objects.for_programme(programme)), programme.counts))


@require_safe
def pairings_csv(request):
    return csv_response(csv_text(Pairing.objects.of_every_programme(), with_programme=True), "pairings.csv")


@require_safe
def pairings_json(request):
    """``{"programmes": [...]}``: each element is what that programme's own pairings.json holds."""
    pairings = {group.programme.pk: group.pairings for group in by_programme(Pairing.objects.of_every_programme())}
    return json_response(
        {
            "programmes": [
                json_data(programme, pairings.get(programme.pk, []), programme.counts)
                for programme in Programme.objects.with_counts()
            ]
        }
    )
