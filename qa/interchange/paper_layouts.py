"""The two editions of a CIKD working paper: what each line looks like in English and in Chinese.

The order is the same in both (header, question and title, author, month,
paragraphs, biography, footer); only the words differ::

    COVID-19 KNOWLEDGE HUB—Fighting the COVID-19: 100 Q&As    新冠肺炎疫情知识库——抗击新冠肺炎疫情：100问
    Question 3 Why Is Partner Assistance Adopted ...?        第3问 中国抗击新冠肺炎疫情为何采取对口支援？
    Zhou Taidong                                              周太东
    March 2020                                                2020年3月
    Zhou Taidong is Division Chief of ..., CIKD.              周太东，中国国际发展知识中心……处长。

The header tells the edition; a paper whose header is neither is refused.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from qa.languages import CJK

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_YEAR = re.compile(r"^(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})$")
YEAR_MONTH_ZH = re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月$")
LETTERHEAD = {
    "中国国际发展知识中心",
    "center for international",
    "knowledge on development",
    "center for international knowledge on development",
}
# Characters a wrapped line of Chinese ends or starts with: such lines are joined without a space.
WIDE = re.compile(f"[{CJK}\u3000-\u303f\uff00-\uffef]")


def join_wrapped(before, after):
    """Two pieces of one paragraph: Chinese joined as it is, other text with a space."""
    if not before or not after:
        return before or after
    if WIDE.match(before[-1]) or WIDE.match(after[0]):
        return before + after
    return f"{before} {after}"


@dataclass(frozen=True)
class Layout:
    language: str
    header: re.Pattern
    question: re.Pattern
    footers: tuple
    # Messages naming what was expected, for a refusal.
    question_example: object
    date_example: object

    def month_year(self, line):
        """(year, month) of the date line, or None."""
        if self.language == "en":
            match = MONTH_YEAR.match(line)
            if match and match["month"].casefold() in MONTHS:
                return int(match["year"]), MONTHS[match["month"].casefold()]
            return None
        match = YEAR_MONTH_ZH.match(line)
        if match and 1 <= int(match["month"]) <= 12:
            return int(match["year"]), int(match["month"])
        return None

    def is_date(self, line):
        return bool(MONTH_YEAR.match(line) or YEAR_MONTH_ZH.match(line))

    def is_footer(self, line):
        return line.casefold().startswith(self.footers)

    def position(self, author, bio):
        """The position a biography gives ("Name is Position." / "姓名，职务。"), or None."""
        if self.language == "en":
            prefixes, end = (f"{author} is ",), "."
        else:
            prefixes, end = tuple(f"{author}{joiner}" for joiner in ("，", ",", "是", "系", "现任", "为", "：")), "。"
        for prefix in prefixes:
            if bio.casefold().startswith(prefix.casefold()) and len(bio) > len(prefix):
                position = bio[len(prefix) :].strip()
                return position[: -len(end)] if position.endswith(end) else position
        return None


ENGLISH = Layout(
    language="en",
    header=re.compile(r"^COVID-19 KNOWLEDGE HUB\s*[—–-]\s*(?P<series>\S.*)$", re.IGNORECASE),
    question=re.compile(r"^Question\s+(?P<number>\d+)[.:]?(?:\s+(?P<title>.*))?$", re.IGNORECASE),
    footers=("working papers are also posted at",),
    question_example=_("“Question N” followed by the title"),
    date_example=_("the month and year, like “March 2020”"),
)
CHINESE = Layout(
    language="zh-hans",
    header=re.compile(r"^新冠肺炎疫情知识库\s*(?:——|—|–|--|-)\s*(?P<series>\S.*)$"),
    question=re.compile(r"^第\s*(?P<number>\d+)\s*问[：:.．、]?(?:\s*(?P<title>\S.*))?$"),
    footers=("工作论文同时发布", "工作论文亦发布", "本工作论文", "working papers are also posted at"),
    question_example=_("“第N问” followed by the title"),
    date_example=_("the year and month, like “2020年3月”"),
)
LAYOUTS = (ENGLISH, CHINESE)


def layout_of(header_line):
    """(layout, series title) of a paper's header line, or (None, None) if it is neither edition's."""
    for layout in LAYOUTS:
        match = layout.header.match(header_line)
        if match:
            return layout, match["series"].strip()
    return None, None


def is_letterhead(line):
    return " ".join(line.split()).casefold() in LETTERHEAD
