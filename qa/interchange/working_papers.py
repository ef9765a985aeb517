"""Read the text CIKD's working-paper PDFs give when extracted.

The form, page by page::

    COVID-19 KNOWLEDGE HUB—Fighting the COVID-19: 100 Q&As
    Question 3 Why Is Partner Assistance Adopted in China's COVID-19 Battle?
    Zhou Taidong
    March 2020
    paragraphs, separated by blank lines, hard-wrapped or not
    中国国际发展知识中心 / CENTER FOR INTERNATIONAL / KNOWLEDGE ON DEVELOPMENT
        (the letterhead each page break leaves, even inside a paragraph)
    Zhou Taidong is Division Chief of ..., CIKD.
    Working Papers are also posted at <http://www.cikd.org>. ...

This module only reads text: it knows nothing of the database.
"""

import functools
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qa.interchange.paper_layouts import ENGLISH, is_letterhead, join_wrapped, layout_of
from qa.text import (
    BODY_MAX_BYTES,
    TITLE_MAX_LENGTH,
    MaxBytesValidator,
    length_problem,
    normalize_newlines,
    text_problem,
)

# Characters that may close a sentence, and those that may follow its full stop.
SENTENCE_ENDS = ".?!…:。？！："
CLOSERS = "\"'”’)]»」』）"
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\ufeff": ""})
NUMBER_DIGITS = 3
# Bytes no text file has (ASCII controls other than tab, newline, form feed, carriage return and escape),
# and the starts of files that are not text though they may pass for it.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
BINARY_STARTS = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class WorkingPaperError(ValueError):
    """A file that is not a working paper; the message is rendered in the active language."""

    def __init__(self, file_name, line, message, **params):
        self.file_name = file_name
        self.line = line
        self.template = message
        self.params = params
        super().__init__(file_name, line)

    @property
    def message(self):
        return str(self.template) % self.params if self.params else str(self.template)

    def __str__(self):
        return str(_("%(file)s, line %(line)d: %(message)s")) % {
            "file": self.file_name, "line": self.line, "message": self.message,
        }


@dataclass(frozen=True)
class WorkingPaper:
    file_name: str
    series_title: str
    number: int
    title: str
    author_name: str
    year: int
    month: int
    paragraphs: tuple
    position: str
    language: str = "en"
    # Where each part starts in the file, to point errors found later at the right line.
    lines: dict = field(default_factory=dict, compare=False)
    # For each paragraph: the line it starts on, and the page breaks it was joined across
    # or started after, so that an editor can check them in the preview.
    paragraph_lines: tuple = field(default=(), compare=False)
    page_breaks: tuple = field(default=(), compare=False)

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)

    @property
    def blocks(self):
        """(text, first line, PageBreaks) for each paragraph."""
        lines = self.paragraph_lines or (None,) * len(self.paragraphs)
        breaks = self.page_breaks or (PageBreaks(),) * len(self.paragraphs)
        return list(zip(self.paragraphs, lines, breaks, strict=True))


@dataclass(frozen=True)
class PageBreaks:
    """The page breaks (as line numbers) inside a paragraph, and the one it starts after, if any."""

    joined: tuple = ()
    after: int = None


def ends_sentence(text):
    return text.rstrip(CLOSERS).endswith(tuple(SENTENCE_ENDS))


def shorten(text, width=60):
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def looks_binary(data):
    return data.startswith(BINARY_STARTS) or BINARY_BYTES.search(data[:4096]) is not None


def decode(file_name, data):
    if looks_binary(data) and not data.startswith(UTF16_BOMS):
        raise WorkingPaperError(
            file_name, 1,
            _("the file is not text but an image, a PDF or another binary file; "
              "copy the working paper’s text into a plain-text file and upload that"),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkingPaperError(
            file_name, data[: error.start].count(b"\n") + 1,
            _("the file is not UTF-8 text; save it as UTF-8 and try again"),
        ) from None


def parse(file_name, data):
    """Parse one file (bytes or str) into a WorkingPaper, or raise WorkingPaperError."""
    text = decode(file_name, data) if isinstance(data, bytes) else data
    text = normalize_newlines(text).translate(SPACES)
    return _Reader(file_name, text.split("\n")).paper()


class _Reader:
    def __init__(self, file_name, lines):
        self.file_name = file_name
        self.lines = [(number, line.strip()) for number, line in enumerate(lines, start=1)]
        self.position = 0
        # Whitespace around a line (a form feed pdftotext leaves at a page break) is dropped, never stored.
        for number, line in self.lines:
            problem = text_problem(line)
            if problem is not None:
                raise self.error(number, _("this line %(problem)s"), problem=problem)

    def error(self, line, message, **params):
        return WorkingPaperError(self.file_name, line, message, **params)

    is_letterhead = staticmethod(is_letterhead)

    def next_line(self, expected):
        """The next line with text, skipping blank lines and letterheads."""
        while self.position < len(self.lines):
            number, line = self.lines[self.position]
            self.position += 1
            if line and not self.is_letterhead(line):
                return number, line
        last = self.lines[-1][0] if self.lines else 1
        raise self.error(last, _("the file ends where %(expected)s should be"), expected=expected)

    def paper(self):
        lines = {}
        lines["header"], header = self.next_line(_("the header “COVID-19 KNOWLEDGE HUB—series title”"))
        self.layout, series_title = layout_of(header)
        if self.layout is None:
            raise self.error(
                lines["header"],
                _("expected the header “COVID-19 KNOWLEDGE HUB—series title” (or “新冠肺炎疫情知识库——series "
                  "title” for the Chinese edition), found “%(found)s”; is this a CIKD working paper?"),
                found=shorten(header),
            )
        lines["title"], number, title = self.question()
        lines["author"], author = self.next_line(_("the author’s name"))
        if self.layout.is_date(author) or self.layout.question.match(author):
            raise self.error(
                lines["author"], _("expected the author’s name, found “%(found)s”"), found=shorten(author)
            )
        lines["date"], date = self.next_line(_("the month and year"))
        year, month = self.month_year(lines["date"], date)
        paragraphs = self.paragraphs()
        if len(paragraphs) < 2:
            line = paragraphs[0][0] if paragraphs else lines["date"]
            raise self.error(line, _("expected paragraphs of text and the author’s biography after the date"))
        lines["body"] = paragraphs[0][0]
        lines["position"], bio, _breaks = paragraphs[-1]
        paragraphs = paragraphs[:-1]
        self.check_body_size(paragraphs)
        return WorkingPaper(
            file_name=self.file_name,
            series_title=series_title,
            number=number,
            title=title,
            author_name=author,
            year=year,
            month=month,
            paragraphs=tuple(text for _line, text, _breaks in paragraphs),
            position=self.position_from_bio(lines["position"], author, bio),
            language=self.layout.language,
            lines=lines,
            paragraph_lines=tuple(line for line, _text, _breaks in paragraphs),
            page_breaks=tuple(breaks for _line, _text, breaks in paragraphs),
        )

    def check_body_size(self, paragraphs):
        """Refuse a body over the limit, pointing at the paragraph that takes it over."""
        try:
            MaxBytesValidator(BODY_MAX_BYTES)("\n\n".join(text for _line, text, _breaks in paragraphs))
        except ValidationError as error:
            size = 0
            for line, text, _breaks in paragraphs:
                size += len(text.encode("utf-8")) + 2
                if size > BODY_MAX_BYTES:
                    raise self.error(line, _("the body %(problem)s"), problem=error.messages[0]) from None
            raise

    def question(self):
        line_number, line = self.next_line(_("“Question N” and the title"))
        match = self.layout.question.match(line)
        if not match:
            raise self.error(
                line_number, _("expected %(expected)s, found “%(found)s”"),
                expected=self.layout.question_example, found=shorten(line),
            )
        if len(match["number"]) > NUMBER_DIGITS or int(match["number"]) < 1:
            raise self.error(
                line_number, _("the question number must be 1 to 999, found “%(number)s”"), number=match["number"]
            )
        title = [match["title"]] if match["title"] else []
        # A long title wraps onto the following lines, up to the next blank line.
        while self.position < len(self.lines) and self.lines[self.position][1]:
            if self.is_letterhead(self.lines[self.position][1]):
                break
            title.append(self.lines[self.position][1])
            self.position += 1
        if not title:
            raise self.error(line_number, _("the question has no title"))
        title = functools.reduce(join_wrapped, title)
        problem = length_problem(title, TITLE_MAX_LENGTH)
        if problem is not None:
            raise self.error(line_number, _("the title %(problem)s"), problem=problem)
        return line_number, int(match["number"]), title

    def month_year(self, line_number, line):
        found = self.layout.month_year(line)
        if found is None:
            raise self.error(
                line_number, _("expected %(expected)s, found “%(found)s”"),
                expected=self.layout.date_example, found=shorten(line),
            )
        return found

    def paragraphs(self):
        """[(first line number, text, PageBreaks)] up to the footer, rejoining paragraphs a page break split."""
        paragraphs = []
        current, start, page_break = [], None, None

        def close():
            nonlocal current, start, page_break
            if current:
                text = functools.reduce(join_wrapped, current)
                if page_break and paragraphs and not ends_sentence(paragraphs[-1][1]):
                    line, before, breaks = paragraphs[-1]
                    breaks = PageBreaks(joined=(*breaks.joined, page_break), after=breaks.after)
                    paragraphs[-1] = (line, join_wrapped(before, text), breaks)
                else:
                    paragraphs.append((start, text, PageBreaks(after=page_break)))
                page_break = None
            current, start = [], None

        for number, line in self.lines[self.position:]:
            if self.layout.is_footer(line):
                break
            if self.is_letterhead(line):
                close()
                page_break = page_break or number
            elif not line:
                close()
            else:
                start = start or number
                current.append(line)
        close()
        return paragraphs

    def position_from_bio(self, line_number, author, bio):
        """ "Name is Position, CIKD." gives "Position, CIKD"; "姓名，职务。" gives "职务"."""
        position = self.layout.position(author, bio)
        if position is None:
            example = "%s is …" % author if self.layout is ENGLISH else "%s，……。" % author
            raise self.error(
                line_number,
                _("expected the author’s biography, “%(name)s”, as the last paragraph before the footer, "
                  "found “%(found)s”"),
                name=example, found=shorten(bio),
            )
        return position
