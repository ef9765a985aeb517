"""Markdown rendering: CommonMark, with raw HTML shown as text, never passed through."""

from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text):
    return mark_safe(_markdown.render(text or ""))
