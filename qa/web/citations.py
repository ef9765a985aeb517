"""Citations of a question in APA, Chicago, BibTeX and GB/T 7714-2015, in the language the reader is shown.

Names: a comma marks "Family, Given" explicitly. Otherwise an author who also
has a name in Chinese characters is taken to write the romanised name family
name first ("Zhou Taidong" → "Zhou, T."), everyone else given name first
("Jane Doe" → "Doe, J."). In Chinese citations a name in Chinese characters
is given whole, as Chinese references do.

A text in another language than the question's original is a translation, and
is cited as one: APA and Chicago say so and give the original's date, BibTeX,
RIS and CSL-JSON carry a note. The model has no date of its own for a
translation, so a translation is cited with its original's date (APA: the year
only, the month in the note). Traditional Chinese is the Simplified text
converted (qa.languages.in_script): the same text, not a translation.

GB/T 7714-2015 cites a question as an online report, [R/OL], with the access
date after the year. Pages are cached, so the server cannot know the reader's
date: it writes ``ACCESS_DATE`` ([引用日期], [cited date]) and static/js/cite.js
puts the reader's date there. A Chinese entry is followed by the English one,
as the standard's bilingual practice asks.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from qa.languages import field_in, in_script, is_chinese, is_chinese_language, language_tag, source_language, value_in

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DEFAULT_PUBLISHER = "CIKD"
# The place of publication GB/T 7714 and RIS ask for: CIKD's city.
PLACE = {"en": "Beijing", "zh": "北京"}
ACCESS_DATE = {"en": "[cited date]", "zh": "[引用日期]"}
# GB/T 7714 names the first three authors, then 等 (et al).
GBT_AUTHORS = 3
GBT_MORE = {"en": "et al", "zh": "等"}
# The language of an original, as a note on its translation names it.
ORIGINAL_IN = {"en": ("English", "英文"), "zh-hans": ("Chinese", "中文")}
LABELS = {"gbt": "GB/T 7714", "apa": "APA", "chicago": "Chicago", "bibtex": "BibTeX"}


@dataclass(frozen=True)
class Name:
    family: str
    given: str = ""
    family_first: bool = False
    whole: bool = False  # a name in Chinese characters, cited as written

    @classmethod
    def of(cls, author, language):
        local = field_in(author, "name", language).strip()
        if is_chinese_language(language) and is_chinese(local):
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
        return " ".join("-".join(f"{piece[0]}." for piece in word.split("-") if piece) for word in self.given.split())

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

    def gbt(self):
        """GB/T 7714: 周太东 whole, ZHOU Taidong (romanised Chinese), DOE J (initials without full stops)."""
        if self.whole:
            return self.family
        if self.family_first or not self.given:
            return f"{self.family.upper()} {self.given}".strip()
        return f"{self.family.upper()} {self.initials.replace('.', '')}"

    def csl(self):
        """A CSL-JSON name: family and given, or a name in characters whole (``literal``)."""
        if self.whole or not self.given:
            return {"literal": self.family}
        return {"family": self.family, "given": self.given}


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


@dataclass(frozen=True)
class Entry:
    """One style's citation for the template: ``lines`` are (BCP 47 tag, text), a GB/T entry's two languages."""

    style: str
    label: str
    lines: list


class Citation:
    """Everything a citation needs, read once from a question (with its series and authors loaded).

    ``language`` is the page's; the citation is in ``self.language``, the one the reader is shown
    (the original where there is no translation). ``url`` is the absolute address of that text."""

    def __init__(self, question, language, url):
        self.question = question
        self.page_language = language
        self.language = question.shown_language(language)
        self.chinese = is_chinese_language(self.language)
        self.script = "zh" if self.chinese else "en"
        self.url = url
        self.original = question.original_language
        self.translated = source_language(self.language) != self.original
        self.title = field_in(question, "title", self.language)
        self.summary = field_in(question, "summary", self.language)
        self.original_title = field_in(question, "title", self.original)
        series = question.series
        self.series = value_in(series, "title", self.language)[0]
        self.publisher = value_in(series, "publisher", self.language)[0] or DEFAULT_PUBLISHER
        self.names = [Name.of(author, self.language) for author in question.byline]
        # With no named author the publisher is the author, as APA and Chicago do for groups.
        self.authors = self.names or [Name(self.publisher, whole=True)]
        self.date = question.published
        self.day_precise = question.published_precision == question.DAY
        self.place = self.words(PLACE[self.script])

    def words(self, text):
        """The citation's own words (not the question's) in the reader's script."""
        return in_script(text, self.language)

    def url_in(self, language):
        """The absolute address of the question in another language, on the host of ``url``."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}{self.question.url_for(language)}"

    @property
    def number(self):
        return self.question.number

    def styles(self):
        """GB/T 7714 first on a Chinese page, where it is the form readers are asked for."""
        if is_chinese_language(self.page_language):
            return ("gbt", "apa", "chicago", "bibtex")
        return ("apa", "chicago", "bibtex", "gbt")

    def entries(self):
        """[Entry] for the template, in ``styles()`` order."""
        tag = language_tag(self.language)
        lines = {style: [(tag, getattr(self, style)())] for style in self.styles()}
        english = self.english_entry()
        if english:
            lines["gbt"].append(("en", english))
        return [Entry(style, LABELS[style], lines[style]) for style in self.styles()]

    def english_entry(self):
        """GB/T's English entry after a Chinese one, where the question has an English text; else ""."""
        if not self.chinese or not self.question.has_language("en"):
            return ""
        return Citation(self.question, "en", self.url_in("en")).gbt()

    @property
    def access_placeholders(self):
        """What static/js/cite.js replaces with the reader's date, separated by "|"."""
        return "|".join(sorted({in_script(text, self.language) for text in ACCESS_DATE.values()}))

    def chinese_date(self):
        date = f"{self.date.year}年{self.date.month}月"
        return date + (f"{self.date.day}日" if self.day_precise else "")

    def english_date(self):
        """ "March 2020", "March 15, 2020" (Chicago's order)."""
        month = MONTHS[self.date.month - 1]
        return f"{month} {self.date.day}, {self.date.year}" if self.day_precise else f"{month} {self.date.year}"

    def original_in(self):
        """The original's language as a note names it: "Chinese", 英文."""
        english, chinese = ORIGINAL_IN.get(self.original, (self.original, self.original))
        return self.words(chinese) if self.chinese else english

    def translation_note(self):
        """For BibTeX, RIS and CSL-JSON: 译自英文原文, "Translated from the Chinese original"; "" for an original."""
        if not self.translated:
            return ""
        if self.chinese:
            return self.words("译自{language}原文").format(language=self.original_in())
        return f"Translated from the {self.original_in()} original"

    def apa(self):
        """APA 7: a numbered series in parentheses after the title; a translation dated by its year,
        with its original's date in the parentheses."""
        if self.chinese:
            authors = "、".join(name.apa() for name in self.authors)
            date = str(self.date.year) if self.translated else self.chinese_date()
            note = ""
            if self.translated:
                note = self.words("；{language}原文发表于{date}").format(
                    language=self.original_in(), date=self.chinese_date()
                )
            return self.words(
                "{authors}（{date}）。{title}（《{series}》第{number}问{note}）。{publisher}。{url}"
            ).format(
                authors=authors,
                date=date,
                title=self.title,
                series=self.series,
                number=self.number,
                note=note,
                publisher=self.publisher,
                url=self.url,
            )
        authors = join_english([name.apa() for name in self.authors], "&")
        if self.translated:
            date = str(self.date.year)
            note = f"; original work published in {self.original_in()}, {self.english_date()}"
        else:
            day = f" {self.date.day}" if self.day_precise else ""
            date, note = f"{self.date.year}, {MONTHS[self.date.month - 1]}{day}", ""
        return (
            f"{closed(authors, '.')} ({date}). {self.title} ({self.series}, Question {self.number}{note}). "
            f"{self.publisher}. {self.url}"
        )

    def chicago(self):
        """Chicago bibliography; in Chinese with 《》 for title and series, and no stop after the address."""
        if self.chinese:
            authors = "、".join(name.chicago(index == 0) for index, name in enumerate(self.authors))
            note = self.words("原文为{language}。").format(language=self.original_in()) if self.translated else ""
            return self.words(
                "{authors}。《{title}》，《{series}》第{number}问。{note}{publisher}，{date}。{url}"
            ).format(
                authors=authors,
                title=self.title,
                series=self.series,
                number=self.number,
                note=note,
                publisher=self.publisher,
                date=self.chinese_date(),
                url=self.url,
            )
        authors = join_english([name.chicago(index == 0) for index, name in enumerate(self.authors)], "and")
        note = f"Translated from the {self.original_in()}. " if self.translated else ""
        return (
            f"{closed(authors, '.')} “{closed(self.title, '.')}” In {self.series}, Question {self.number}. "
            f"{note}{self.publisher}, {self.english_date()}. {self.url}."
        )

    def gbt(self):
        """GB/T 7714-2015, an online report: 作者. 题名[R/OL]. 出版地: 出版者, 出版年[引用日期]. 网址."""
        names = [name.gbt() for name in self.authors[:GBT_AUTHORS]]
        if len(self.authors) > GBT_AUTHORS:
            names.append(self.words(GBT_MORE[self.script]))
        access = self.words(ACCESS_DATE[self.script])
        return (
            f"{', '.join(names)}. {self.title}[R/OL]. {self.place}: {self.publisher}, "
            f"{self.date.year}{access}. {self.url}."
        )

    def bibtex_key(self):
        authors = self.question.byline
        stem = re.sub(r"[^a-z]", "", Name.of(authors[0], "en").family.lower()) if authors else ""
        return f"{stem or 'cikd'}{self.date.year}q{self.number}{'zh' if self.chinese else ''}"

    def bibtex(self):
        fields = [
            ("author", " and ".join(name.bibtex() for name in self.names)),
            ("title", f"{{{bibtex_escape(self.title)}}}"),
            ("series", bibtex_escape(self.series)),
            ("number", str(self.number)),
            ("publisher", bibtex_escape(self.publisher)),
            ("address", self.place),
            ("year", str(self.date.year)),
            ("month", BIBTEX_MONTHS[self.date.month - 1]),
            ("url", self.url),
            ("language", "chinese" if self.chinese else "english"),
            ("note", bibtex_escape(self.translation_note())),
        ]
        lines = [f"  {key} = {value if key == 'month' else '{' + value + '}'}" for key, value in fields if value]
        return f"@misc{{{self.bibtex_key()},\n" + ",\n".join(lines) + "\n}"
