"""The working-paper PDF a question was imported from, as a download in the page's language.

Served as an attachment under a name of our own (never the uploaded one), with
nosniff and a sandboxing CSP, so no browser renders or runs it as a page of
the site. Only for a question the reader may see.
"""

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from qa.languages import source_language
from qa.models import WorkingPaperFile
from qa.web.views.reading import get_visible_question


def download_name(question, language):
    return f"cikd-{question.series.path}-{question.number}-{language}.pdf"


@require_safe
def working_paper(request, series, number):
    question = get_visible_question(request, series, number)
    language = source_language(translation.get_language())
    paper = WorkingPaperFile.objects.filter(question=question, language=language).first()
    if paper is None:
        raise Http404("No working paper in this language")
    response = HttpResponse(bytes(paper.data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{download_name(question, language)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    # Kept out of the page cache (it holds pages, not files); browsers may keep a published paper a while.
    if question.is_published:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
