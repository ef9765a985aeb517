"""Side-by-side reading: a question's English and Chinese texts, paragraph by paragraph.

Paragraphs are the Markdown blocks between blank lines, paired by position.
When one text has more blocks than the other, the rest are still shown, each
against an empty cell, so nothing is left out.
"""

import re
from dataclasses import dataclass
from itertools import zip_longest

from django.utils import translation

from qa.content.rendering import render_markdown
from qa.languages import TEXT_LANGUAGES, field_in, source_language, text_languages

BLANK_LINES = re.compile(r"\n[ \t]*\n")


def blocks(text):
    return [block.strip("\n") for block in BLANK_LINES.split((text or "").replace("\r\n", "\n")) if block.strip()]


@dataclass
class Column:
    language: str
    title: str
    summary: str
    blocks: list

    @property
    def label(self):
        """The column's language in the reader's: English / 英文, Chinese / 中文."""
        return TEXT_LANGUAGES[source_language(self.language)]

    @property
    def present(self):
        return bool(self.title and self.blocks)


class SideBySide:
    def __init__(self, question, languages=None):
        self.question = question
        self.columns = [
            Column(
                language=code,
                title=field_in(question, "title", code),
                summary=field_in(question, "summary", code),
                blocks=blocks(field_in(question, "body", code)),
            )
            for code in (languages or text_languages(translation.get_language()))
        ]

    @property
    def shown(self):
        """The columns that have a text: a missing translation gets a note, not an empty column."""
        return [column for column in self.columns if column.present]

    @property
    def missing(self):
        return [column.language for column in self.columns if not column.present]

    def rows(self):
        """[[(language, html or ""), ...] per row], one cell per shown column."""
        shown = self.shown
        return [
            [
                (column.language, render_markdown(block) if block else "")
                for column, block in zip(shown, row, strict=True)
            ]
            for row in zip_longest(*(column.blocks for column in shown), fillvalue="")
        ]
