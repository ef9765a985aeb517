"""The reviewer's page: a question as its reviewer link shows it, to anyone holding the link.

Outside the language prefixes, so the page cache never sees it; the link's
language is the page's. What it sends keeps the page private: ``noindex``
(header and meta), ``Cache-Control: private, no-store``, no canonical or
alternate addresses, and ``Referrer-Policy: no-referrer``, so following a
link from it does not hand its address to another site.
"""

from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from qa.models import Question, ReviewLink
from qa.web.views.reading import question_context

# No language switch or hreflang: every other language's address would be this one, the link itself.
NO_ALTERNATES = {"alternates": []}


def private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def review(request, token):
    link = ReviewLink.objects.from_token(token)
    if link is None:
        return private(render(request, "qa/review_unavailable.html", {"state": None, **NO_ALTERNATES}, status=404))
    if not link.is_active:
        return private(
            render(request, "qa/review_unavailable.html", {"state": link.state, **NO_ALTERNATES}, status=410)
        )
    question = (
        Question.objects.select_related("series")
        .with_bylines()
        .prefetch_related("programmes", "topics")
        .get(pk=link.question_id)
    )
    with translation.override(link.language):
        context = question_context(request, question, link.language, Question.objects.published())
        response = render(request, "qa/review.html", {**context, **NO_ALTERNATES, "review_link": link})
    response["Content-Language"] = link.language
    return private(response)
