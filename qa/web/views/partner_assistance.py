"""Partner assistance: every programme, its pairing table and downloads, and the regions' pages."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_safe

from qa.models import Pairing, Programme, Region
from qa.pairings.table import ORDERS, csv_text, diagram, group_pairings, json_data, partners_of
from qa.web.cache import uses_query


def get_programme(slug):
    return get_object_or_404(Programme.objects.for_page(), slug=slug)


@require_safe
def programme_list(request):
    return render(request, "qa/programme_list.html", {"programmes": Programme.objects.for_page()})


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
            "groups": group_pairings(pairings, order),
            "counts": programme.pairings.counts(),
            "diagram": diagram(pairings, translation.get_language()),
        },
    )


@require_safe
def region(request, code):
    region = get_object_or_404(Region.objects.select_related("parent"), code=code)
    supports, supported_by = partners_of(region, Pairing.objects.involving(region))
    return render(
        request,
        "qa/region.html",
        {
            "region": region,
            "supports": supports,
            "supported_by": supported_by,
            "children": region.children.all(),
        },
    )


def csv_response(pairings, filename):
    response = HttpResponse(csv_text(pairings), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def programme_csv(request, slug):
    programme = get_programme(slug)
    return csv_response(Pairing.objects.for_programme(programme), f"{programme.slug}-pairings.csv")


@require_safe
def programme_json(request, slug):
    programme = get_programme(slug)
    pairings = list(Pairing.objects.for_programme(programme))
    data = json_data(programme, pairings, programme.pairings.counts())
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
def pairings_csv(request):
    return csv_response(Pairing.objects.select_related("supporter", "supported"), "pairings.csv")


@require_safe
def pairings_json(request):
    return JsonResponse(
        {"programmes": [programme_data(programme) for programme in Programme.objects.for_page()]},
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


def programme_data(programme):
    pairings = list(Pairing.objects.for_programme(programme))
    return json_data(programme, pairings, programme.pairings.counts())
