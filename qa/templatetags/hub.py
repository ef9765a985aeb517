from django import template
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext

from qa.content import fragments
from qa.content.reading import reading_minutes as minutes_to_read
from qa.content.rendering import render_markdown
from qa.editorial import staleness
from qa.languages import CONVERTED_LANGUAGES, field_in, other_languages, source_language, value_in
from qa.languages import language_tag as bcp47_tag
from qa.typography import separator

register = template.Library()


@register.simple_tag
def sentence_separator():
    """What goes between two pieces of text in the active language: nothing in Chinese, a space in English."""
    return separator(translation.get_language())


@register.filter
def markdown(text):
    return render_markdown(text)


@register.simple_tag
def question_item(question, show_series=False):
    """A question of a listing, rendered once per content it shows (qa.content.fragments)."""
    return fragments.question_item(question, show_series)


@register.simple_tag
def tfield(obj, field):
    """A translated field; text shown from the other language carries its own lang attribute."""
    value, code = value_in(obj, field, translation.get_language())
    if code == translation.get_language():
        return value
    return format_html('<span lang="{}" class="untranslated">{}</span>', bcp47_tag(code), value)


@register.filter
def shown_text(obj, field):
    """A translated field as the reader is shown it, as plain text: for attributes (the meta description), where
    a fallback's own lang cannot be marked."""
    return value_in(obj, field, translation.get_language())[0]


@register.simple_tag
def tfield_bilingual(obj, field):
    """A translated field followed by its other translations, each with its lang, for citing names."""
    value = tfield(obj, field)
    language = translation.get_language()
    others = [
        (code, field_in(obj, field, code))
        for code in other_languages(language)
        if field_in(obj, field, code) and field_in(obj, field, language)
    ]
    if not others:
        return value
    return format_html(
        gettext("{text} ({other})"),
        text=value,
        other=format_html_join(", ", '<span lang="{}">{}</span>', [(bcp47_tag(code), text) for code, text in others]),
    )


@register.filter
def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


@register.filter
def language_tag(code):
    """A language code as lang and hreflang want it: zh-hant is zh-Hant."""
    return bcp47_tag(code)


@register.filter
def without_query(url):
    """An address without its query string. The hreflang links name each language's canonical page,
    which carries none (``?order=date`` lists the same questions); the language switch keeps it."""
    return url.partition("?")[0]


@register.inclusion_tag("includes/converted_notice.html", takes_context=True)
def converted_notice(context):
    """On a page converted from another language's text (Traditional Chinese from Simplified), a note
    that says so and links to the same page in the original script."""
    language = translation.get_language()
    source = CONVERTED_LANGUAGES.get(language)
    url = dict(context.get("alternates") or []).get(source)
    return {"source": source, "url": url}


@register.simple_tag
def translation_revised(obj, *fields):
    """When the original of the reader's translation of these fields was revised after it:
    {"date": <time> HTML, "original": language code, "url": the original's page}, else None."""
    language = translation.get_language()
    original = staleness.source_language(obj)
    if source_language(language) == original:
        return None
    shown = [field for field in fields if field_in(obj, field, language)]
    revised = staleness.latest_revision(obj, source_language(language), shown)
    if revised is None:
        return None
    day = timezone.localdate(revised)
    return {
        "date": format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day, "DATE_FORMAT")),
        "original": original,
        "url": obj.url_for(original),
    }


@register.filter
def shown_language(question, language):
    return question.shown_language(language)


@register.filter
def text_in(question, field):
    """A question's field in the language the reader is shown (theirs, or the original)."""
    return question.text(field, translation.get_language())


@register.filter
def reading_minutes(question):
    """Minutes to read the question in the language the reader is shown."""
    language = translation.get_language()
    return minutes_to_read(f"{question.text('summary', language)}\n{question.text('body', language)}")


INDEX_PARAMETERS = ("topic", "author", "order")


@register.simple_tag(takes_context=True)
def index_link(context, **changes):
    """This index page's address with ``changes`` to its filters (an empty value removes one).

    Changing a filter goes back to the first page; ``page=N`` keeps the filters."""
    request = context["request"]
    params = {name: request.GET[name] for name in INDEX_PARAMETERS if request.GET.get(name)}
    params.update(changes)
    defaults = {"order": "number", "page": 1}
    query = urlencode(
        sorted((name, value) for name, value in params.items() if value not in ("", None, defaults.get(name)))
    )
    return f"{request.path}?{query}" if query else request.path


@register.filter
def url_in(question, language):
    return question.url_for(language)


@register.filter
def side_by_side_url_in(question, language):
    return question.side_by_side_url_for(language)


@register.simple_tag(takes_context=True)
def article_meta(context, question):
    """Open Graph, schema.org JSON-LD and Highwire Press citation tags for a question's pages."""
    return fragments.article_meta(question, context["request"])


@register.simple_tag(takes_context=True)
def programme_pairings(context):
    """A pairing page's figures, diagram and table, rendered once per content they show (qa.content.fragments)."""
    return fragments.programme_pairings(context["request"], context)


@register.simple_tag(takes_context=True)
def question_article(context):
    """The question page's article, rendered once per content it shows (qa.content.fragments)."""
    return fragments.question_article(context["request"], context)
