"""Open Graph and schema.org descriptions of a question page, for link previews and search engines."""

import json

from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from qa.languages import value_in

OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}

# json.dumps leaves these as they are; inside <script> they could end it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element that no string in data can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def article(question, request):
    """schema.org Article for a question, in the language the reader is shown.

    ``dateModified`` is the last revision of its text (``Question.revised``), not
    the last save: publishing or retagging a question changes no word of it."""
    language = question.shown_language(translation.get_language())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": question.text("title", language),
        "inLanguage": language,
        "datePublished": question.published_iso,
        "dateModified": (question.revised or question.published).isoformat(),
        "url": request.build_absolute_uri(question.url_for(translation.get_language())),
        "author": [
            {
                "@type": "Person",
                "name": value_in(author, "name", translation.get_language())[0],
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in question.byline
        ],
        "isPartOf": {
            "@type": "CreativeWorkSeries",
            "name": value_in(question.series, "title", translation.get_language())[0],
            "url": request.build_absolute_uri(question.series.get_absolute_url()),
        },
        "position": question.number,
        "publisher": {
            "@type": "Organization",
            "name": _("China Center for International Knowledge on Development"),
            "alternateName": "CIKD",
        },
    }
    summary = question.text("summary", language)
    if summary:
        data["description"] = summary
    topics = [value_in(topic, "name", translation.get_language())[0] for topic in question.topics.all()]
    if topics:
        data["keywords"] = topics
    return data
