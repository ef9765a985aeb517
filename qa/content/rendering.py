"""Markdown rendering: CommonMark, with raw HTML shown as text, never passed through."""

from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

# The fields readers' pages render as Markdown (templates/qa/question.html, page.html and the
# side-by-side reading); every other text is shown as plain text. The admin offers a preview for these.
MARKDOWN_FIELDS = {"qa.question": ("body",), "qa.page": ("body",)}


def render_markdown(text):
    return mark_safe(_markdown.render(text or ""))


def is_markdown(model, field_name):
    """Whether readers see ``field_name`` of ``model`` (its name without a language) rendered as Markdown."""
    return field_name in MARKDOWN_FIELDS.get(model._meta.label_lower, ())
