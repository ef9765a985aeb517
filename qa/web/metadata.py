"""What a question page says about itself to machines: Open Graph for link previews, schema.org
JSON-LD for search engines, and Highwire Press ``citation_*`` tags for Google Scholar and Zotero.

The question page and its side-by-side page carry them all, in every language."""

import json

from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from qa.languages import LANGUAGE_CODES, field_in, language_tag, source_language, value_in
from qa.web.citations import Citation

# Traditional Chinese is converted with Taiwan's character forms (qa.languages).
OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN", "zh-hant": "zh_TW"}

# json.dumps leaves these as they are; inside <script> they could end it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element that no string in data can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def translation_relation(question, language, request):
    """schema.org's link between the texts: a translation names its original (``translationOfWork``),
    the original each translation (``workTranslation``). Traditional Chinese is the Simplified text
    converted, not a translation of it."""
    original = question.original_language

    def address(code):
        return request.build_absolute_uri(question.url_for(code))

    if source_language(language) != original:
        return {
            "translationOfWork": {
                "@type": "Article",
                "url": address(original),
                "inLanguage": language_tag(original),
                "name": field_in(question, "title", original),
            }
        }
    translations = [
        {"@type": "Article", "url": address(code), "inLanguage": language_tag(code)}
        for code in LANGUAGE_CODES
        if source_language(code) != original and question.has_language(code)
    ]
    return {"workTranslation": translations} if translations else {}


def article(question, request):
    """schema.org Article for a question, in the language the reader is shown.

    ``dateModified`` is the last revision of its text (``Question.revised``), not
    the last save: publishing or retagging a question changes no word of it."""
    language = question.shown_language(translation.get_language())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": question.text("title", language),
        "inLanguage": language_tag(language),
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
        **translation_relation(question, language, request),
    }
    summary = question.text("summary", language)
    if summary:
        data["description"] = summary
    topics = [value_in(topic, "name", translation.get_language())[0] for topic in question.topics.all()]
    if topics:
        data["keywords"] = topics
    return data


def highwire_tags(question, request):
    """[(name, content)] of the Highwire Press tags Google Scholar and Zotero read, in the page's
    language: the text shown (the original where there is no translation), the authors' names as the
    page gives them, and the page's own canonical address."""
    language = translation.get_language()
    url = request.build_absolute_uri(question.url_for(language))
    citation = Citation(question, language, url)
    date_format = "%Y/%m/%d" if citation.day_precise else "%Y/%m"
    return [
        ("citation_title", citation.title),
        *(("citation_author", value_in(author, "name", language)[0]) for author in question.byline),
        ("citation_publication_date", question.published.strftime(date_format)),
        ("citation_language", language_tag(citation.language)),
        ("citation_publisher", citation.publisher),
        ("citation_series_title", citation.series),
        ("citation_technical_report_institution", citation.publisher),
        ("citation_technical_report_number", str(question.number)),
        ("citation_abstract_html_url", url),
        ("citation_public_url", url),
    ]


def page_metadata(question, request):
    """The context of templates/includes/article_meta.html."""
    data = article(question, request)
    language = translation.get_language()
    return {
        "article": data,
        "json_ld": json_ld_script(data),
        "highwire": highwire_tags(question, request),
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language],
    }
