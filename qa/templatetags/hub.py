from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from qa.content.rendering import render_markdown
from qa.languages import LANGUAGE_CODES, field_in, value_in
from qa.web.metadata import OG_LOCALES, article, json_ld_script

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.simple_tag
def tfield(obj, field):
    """A translated field; text shown from the other language carries its own lang attribute."""
    value, code = value_in(obj, field, translation.get_language())
    if code == translation.get_language():
        return value
    return format_html('<span lang="{}" class="untranslated">{}</span>', code, value)


@register.simple_tag
def tfield_bilingual(obj, field):
    """A translated field followed by its other translations, each with its lang, for citing names."""
    value = tfield(obj, field)
    language = translation.get_language()
    others = [
        (code, field_in(obj, field, code))
        for code in LANGUAGE_CODES
        if code != language and field_in(obj, field, code) and field_in(obj, field, language)
    ]
    if not others:
        return value
    return format_html(
        gettext("{text} ({other})"),
        text=value,
        other=format_html_join(", ", '<span lang="{}">{}</span>', others),
    )


@register.filter
def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


@register.filter
def shown_language(question, language):
    return question.shown_language(language)


@register.filter
def text_in(question, field):
    """A question's field in the language the reader is shown (theirs, or the original)."""
    return question.text(field, translation.get_language())


@register.filter
def url_in(question, language):
    return question.url_for(language)


@register.filter
def side_by_side_url_in(question, language):
    return question.side_by_side_url_for(language)
@register.inclusion_tag("includes/article_meta.html", takes_context=True)
def article_meta(context, question):
    """Open Graph tags and schema.org JSON-LD for a question page."""
    request = context["request"]
    data = article(question, request)
    language = translation.get_language()
    return {
        "article": data,
        "json_ld": json_ld_script(data),
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language],
    }
