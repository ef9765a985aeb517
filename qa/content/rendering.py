"""Markdown rendering: CommonMark, with raw HTML shown as text, never passed through.

Each distinct text is rendered once per process (``qa.content.memo``): a
question's body is rendered again only when an editor changes it, not on
every uncached page view.
"""

from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from qa.content.memo import ContentMemo

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# 8 million characters of HTML (some 16-32 MB): every body of a few thousand questions, in both languages.
rendered = ContentMemo(budget=8_000_000)


def to_html(text):
    return _markdown.render(text)

# The fields readers' pages render as Markdown (templates/qa/question.html, page.html and the
# side-by-side reading); every other text is shown as plain text. The admin offers a preview for these.
MARKDOWN_FIELDS = {"qa.question": ("body",), "qa.page": ("body",)}


def render_markdown(text):
    return mark_safe(rendered.get(to_html, text or ""))


def is_markdown(model, field_name):
    """Whether readers see ``field_name`` of ``model`` (its name without a language) rendered as Markdown."""
    return field_name in MARKDOWN_FIELDS.get(model._meta.label_lower, ())
