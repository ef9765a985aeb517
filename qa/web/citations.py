"""Citations of a question in APA, Chicago and BibTeX, in the language the reader is shown.

Names: a comma marks "Family, Given" explicitly. Otherwise an author who also
has a name in Chinese characters is taken to write the romanised name family
name first ("Zhou Taidong" → "Zhou, T."), everyone else given name first
("Jane Doe" → "Doe, J."). In Chinese citations a name in Chinese characters
is given whole, as Chinese references do.
"""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from qa.languages import field_in, is_chinese

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DEFAULT_PUBLISHER = "CIKD"


@dataclass(frozen=True)
class Name:
    family: str
    given: str = ""
    family_first: bool = False
    whole: bool = False  # a name in Chinese characters, cited as written

    @classmethod
    def of(cls, author, language):
        local = field_in(author, "name", language).strip()
        if language.startswith("zh") and is_chinese(local):
            return cls(family=local, whole=True)
        english = (field_in(author, "name", "en") or local or author.slug).strip()
        if "," in english:
            family, given = (part.strip() for part in english.split(",", 1))
            return cls(family, given, family_first=is_chinese(field_in(author, "name", "zh-hans")))
        parts = english.split()
        if len(parts) < 2:
            return cls(english)
        if is_chinese(field_in(author, "name", "zh-hans")):
            return cls(parts[0], " ".join(parts[1:]), family_first=True)
        return cls(parts[-1], " ".join(parts[:-1]))

    @property
    def initials(self):
        """ "Taidong" → "T.", "Xiao-Ming" → "X.-M.", "Mary Ann" → "M. A." """
        return " ".join(
            "-".join(f"{piece[0]}." for piece in word.split("-") if piece) for word in self.given.split()
        )

    @property
    def natural(self):
        if self.whole or not self.given:
            return self.family
        return f"{self.family} {self.given}" if self.family_first else f"{self.given} {self.family}"

    @property
    def inverted(self):
        return self.family if self.whole or not self.given else f"{self.family}, {self.given}"

    def apa(self):
        return self.family if self.whole or not self.given else f"{self.family}, {self.initials}"

    def chicago(self, first):
        if self.whole or self.family_first or not first:
            return self.natural
        return self.inverted

    def bibtex(self):
        return f"{{{self.family}}}" if self.whole else self.inverted


def join_english(items, conjunction):
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]}{',' if conjunction == '&' else ''} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} {items[-1]}"


def closed(text, stop):
    """The text ending in a sentence stop, without doubling one it already has."""
    return text if text.endswith(("?", "!", ".", "？", "！", "。")) else text + stop


def bibtex_escape(text):
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


class Citation:
    """Everything a citation needs, read once from a question (with its series and authors loaded)."""

    STYLES = ("apa", "chicago", "bibtex")

    def __init__(self, question, language, url):
        self.question = question
        self.language = question.shown_language(language)
        self.chinese = self.language.startswith("zh")
        self.url = url
        self.title = question.text("title", language)
        series = question.series
        self.series = field_in(series, "title", self.language) or series.title
        self.publisher = field_in(series, "publisher", self.language) or series.publisher or DEFAULT_PUBLISHER
        self.names = [Name.of(author, self.language) for author in question.byline]
        # With no named author the publisher is the author, as APA and Chicago do for groups.
        self.authors = self.names or [Name(self.publisher, whole=True)]
        self.date = question.published
        self.day_precise = question.published_precision == question.DAY

    def all(self):
        """[(style key, label, text)] for the template."""
        labels = {"apa": "APA", "chicago": "Chicago", "bibtex": "BibTeX"}
        return [(style, labels[style], getattr(self, style)()) for style in self.STYLES]

    def number_label(self):
        with translation.override(self.language):
            return _("Question %(number)s") % {"number": self.question.number}

    def apa(self):
        if self.chinese:
            authors = "、".join(name.apa() for name in self.authors)
            date = f"{self.date.year}年{self.date.month}月" + (f"{self.date.day}日" if self.day_precise else "")
            title, number = closed(self.title, "。"), self.number_label()
            return f"{authors}（{date}）。{title}载于《{self.series}》（{number}）。{self.publisher}。{self.url}"
        authors = join_english([name.apa() for name in self.authors], "&")
        date = f"{self.date.year}, {MONTHS[self.date.month - 1]}" + (f" {self.date.day}" if self.day_precise else "")
        return (f"{closed(authors, '.')} ({date}). {closed(self.title, '.')} In {self.series} ({self.number_label()}). "
                f"{self.publisher}. {self.url}")

    def chicago(self):
        if self.chinese:
            authors = "、".join(name.chicago(index == 0) for index, name in enumerate(self.authors))
            date = f"{self.date.year}年{self.date.month}月" + (f"{self.date.day}日" if self.day_precise else "")
            title, number = closed(self.title, "。"), self.number_label()
            return f"{authors}。“{title}”载于《{self.series}》，{number}。{self.publisher}，{date}。{self.url}。"
        authors = join_english([name.chicago(index == 0) for index, name in enumerate(self.authors)], "and")
        month = MONTHS[self.date.month - 1]
        date = f"{month} {self.date.day}, {self.date.year}" if self.day_precise else f"{month} {self.date.year}"
        return (f"{closed(authors, '.')} “{closed(self.title, '.')}” In {self.series}, {self.number_label()}. "
                f"{self.publisher}, {date}. {self.url}.")

    def bibtex_key(self):
        authors = self.question.byline
        stem = re.sub(r"[^a-z]", "", Name.of(authors[0], "en").family.lower()) if authors else ""
        return f"{stem or 'cikd'}{self.date.year}q{self.question.number}{'zh' if self.chinese else ''}"

    def bibtex(self):
        fields = [
            ("author", " and ".join(name.bibtex() for name in self.names)),
            ("title", f"{{{bibtex_escape(self.title)}}}"),
            ("series", bibtex_escape(self.series)),
            ("number", str(self.question.number)),
            ("publisher", bibtex_escape(self.publisher)),
            ("year", str(self.date.year)),
            ("month", BIBTEX_MONTHS[self.date.month - 1]),
            ("url", self.url),
            ("language", "chinese" if self.chinese else "english"),
        ]
        lines = [f"  {key} = {value if key == 'month' else '{' + value + '}'}" for key, value in fields if value]
        return f"@misc{{{self.bibtex_key()},\n" + ",\n".join(lines) + "\n}"
