"""The pages editors write about the Hub (qa.pages): About, Contact, Licence, Privacy."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from qa.models import Page


@require_safe
def page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "qa/page.html", {"page": page})
