"""A question's citation as a download (RIS, BibTeX, CSL-JSON), in the page's language.

Like every page, a download is served to anonymous readers from the page cache
(qa.web.cache), and only for a question the reader may see.
"""

from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from qa.web.citation_files import FORMATS, filename
from qa.web.citations import Citation
from qa.web.views.reading import get_visible_question


@require_safe
def citation_file(request, series, number, extension):
    question = get_visible_question(request, series, number)
    language = translation.get_language()
    url = request.build_absolute_uri(question.url_for(question.shown_language(language)))
    citation = Citation(question, language, url)
    content_type, render = FORMATS[extension]
    response = HttpResponse(render(citation), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(citation, extension)}"'
    return response
