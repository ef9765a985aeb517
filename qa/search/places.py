"""The regions and partner-assistance programmes a query names, shown above the question results.

The index holds questions only, so places are matched here, in Python: every
region is read in one query (hundreds of rows at most), every programme in
another, however many there are. SQL could not do it better: the test is "is
this name inside the query", the reverse of ``LIKE``, at word boundaries for
Latin names and with the administrative suffixes optional for Chinese ones,
and no index serves that.

A region matches when the query holds

- its English name or short name as whole words, in order, any case:
  "Xiaogan", "guangxi" (Guangxi Zhuang Autonomous Region), "Inner Mongolia";
  so a letter or a part of a word matches nothing;
- its Chinese name, or that name without the suffix of its kind (省, 市,
  自治区, 自治州, …) and the peoples an autonomous area is named for, as a
  string of two characters or more: 孝感, 孝感市, 黑龙江省, 广西, 恩施 in
  孝感对口支援.

Both scripts name the same region: the query's terms are Simplified
(``qa.search.query``), and so are the names they are matched against
(``qa.search.scripts.to_index``), so 黃岡 finds 黄冈 and 咸寧 finds 咸宁.

A programme matches when it pairs a matching region or a region within one
(湖北 finds the programmes pairing Hubei's cities), or when every
significant word of the query (not an English stop word; Chinese of two
characters or more) is in its name in some language. Regions come in the
order the query names them, then larger kinds first; programmes with more
pairs among those regions first, then those also named, then the newest.
"""

import functools
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from qa.languages import STORED_LANGUAGES, field_in, localized_name
from qa.models import Pairing, Programme, Region
from qa.search.query import Term, cjk_runs, words
from qa.search.scripts import to_index
from qa.search.stopwords import is_stop_word
from qa.search.text import stem

MAX_REGIONS = 10
MAX_PROGRAMMES = 5

# English words that say what kind of region it is, not which.
_DESIGNATIONS = frozenset(
    "autonomous region prefecture county city district forestry province municipality league banner "
    "special administrative".split()
)
# The peoples autonomous areas are named for, as their English names carry them, and "and" between two.
_PEOPLES_EN = frozenset(
    "zhuang hui uygur uyghur uighur tibetan mongol mongolian miao tujia dong yi bai dai hani kazak kazakh "
    "korean buyei bouyei li qiang lisu jingpo naxi yao kirgiz kyrgyz tu salar and".split()
)
# Longest first: 特别行政区 before 区, 自治州 before 州.
_SUFFIXES_ZH = "特别行政区 自治区 自治州 自治县 自治旗 林区 地区 新区 省 市 州 县 区 盟 旗".split()
# The 55 minority peoples, with and without 族, longest first: 土家族 is tried before 土族.
_PEOPLE_ENDINGS = sorted(
    {
        ending
        for people in """
        壮 回 维吾尔 藏 蒙古 苗 彝 土家 布依 朝鲜 满 侗 瑶 白 哈尼 哈萨克 黎 傣 畲 傈僳 仡佬 东乡 高山 拉祜 水 佤 纳西
        羌 土 仫佬 锡伯 柯尔克孜 达斡尔 景颇 毛南 撒拉 布朗 塔吉克 阿昌 普米 鄂温克 怒 京 基诺 德昂 保安 俄罗斯 裕固
        乌孜别克 门巴 鄂伦春 独龙 塔塔尔 赫哲 珞巴
        """.split()
        for ending in (people + "族", people)
    },
    key=len,
    reverse=True,
)
_KIND_ORDER = {kind: index for index, (kind, _label) in enumerate(Region.KINDS)}


def english_forms(name):
    """The word sequences that name a region in English: its whole name and its short name."""
    full = tuple(words(name))
    short = list(full)
    while short and short[-1] in _DESIGNATIONS:
        short.pop()
    designated = len(short) < len(full)
    while designated and len(short) > 1 and short[-1] in _PEOPLES_EN:
        short.pop()
    forms = {full, tuple(short)}
    if len(short) > 1 and any(mark in name for mark in "'’-"):
        forms.add(("".join(short),))  # Xi'an is also written Xian
    return {form for form in forms if form}


def _without_peoples(core):
    """广西壮族 → 广西, 恩施土家族苗族 → 恩施; never shorter than two characters (内蒙古 stays)."""
    while True:
        ending = next((e for e in _PEOPLE_ENDINGS if core.endswith(e) and len(core) - len(e) >= 2), None)
        if ending is None:
            return core
        core = core[: -len(ending)]


def chinese_forms(name):
    """The strings that name a region in Chinese: 孝感市 → {孝感市, 孝感}; 广西壮族自治区 → {…, 广西壮族, 广西}."""
    forms = {name}
    for suffix in _SUFFIXES_ZH:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            core = name[: -len(suffix)]
            forms.add(core)
            if suffix.startswith("自治"):
                forms.add(_without_peoples(core))
            break
    return {form for form in forms if len(form) >= 2}


class QueryTokens:
    """The query as places are matched against it: Latin words and CJK runs, in order."""

    def __init__(self, query):
        self.tokens = []  # (Term.LATIN, word) or (Term.CJK, run)
        for term in query.terms:
            text = unicodedata.normalize("NFKC", term.text)  # full-width ｘｉａｏｇａｎ is xiaogan
            if term.kind == Term.LATIN:
                self.tokens += [(Term.LATIN, word) for word in text.split()]
            else:
                self.tokens.append((Term.CJK, text))
        self.latin = any(kind == Term.LATIN for kind, _text in self.tokens)
        self.cjk = any(kind == Term.CJK for kind, _text in self.tokens)
        self._grams = {}

    def find_words(self, form):
        """The position of the first run of Latin tokens spelling ``form``, or None."""
        size = len(form)
        if size not in self._grams:
            grams = {}
            for start in range(len(self.tokens) - size + 1):
                window = self.tokens[start : start + size]
                if all(kind == Term.LATIN for kind, _text in window):
                    grams.setdefault(tuple(text for _kind, text in window), (start, 0))
            self._grams[size] = grams
        return self._grams[size].get(form)

    def find_string(self, form):
        """The position of the first CJK run holding ``form``, or None."""
        for index, (kind, text) in enumerate(self.tokens):
            if kind == Term.CJK and form in text:
                return (index, text.index(form))
        return None

    def significant(self):
        """(stemmed Latin words, CJK runs) that a programme's name must all hold to match."""
        latin = {stem("english", text) for kind, text in self.tokens if kind == Term.LATIN and not is_stop_word(text)}
        cjk = {text for kind, text in self.tokens if kind == Term.CJK and len(text) >= 2}
        return latin, cjk


_NAMES = [localized_name("name", code) for code in STORED_LANGUAGES]
_ROW = ["id", "code", "kind", "parent_id", *_NAMES]


@functools.lru_cache(maxsize=4096)
def _forms(names):
    """(English word sequences, Chinese strings) naming a region called ``names`` (one a language)."""
    english = frozenset(form for name in names for form in english_forms(name))
    chinese = frozenset(form for name in names for run in cjk_runs(to_index(name)) for form in chinese_forms(run))
    return english, chinese


def _position(names, tokens):
    english, chinese = _forms(names)
    found = [tokens.find_words(form) for form in english] if tokens.latin else []
    found += [tokens.find_string(form) for form in chinese] if tokens.cjk else []
    found = [position for position in found if position is not None]
    return min(found) if found else None


def matching_regions(tokens, rows, limit=MAX_REGIONS):
    """The regions of ``rows`` (``_ROW`` dicts) the query names, in the order it names them, with ``parent`` set.

    Only the regions shown become model instances: making one for every row
    would take longer than the matching.
    """
    found = []
    for row in rows:
        position = _position(tuple(row[name] or "" for name in _NAMES), tokens)
        if position is not None:
            found.append((position, _KIND_ORDER.get(row["kind"], len(_KIND_ORDER)), row["code"], row))
    found.sort(key=lambda item: item[:3])
    by_pk = {row["id"]: row for row in rows}
    matched = []
    for *_key, row in found[:limit]:
        region = Region(**row)
        parent = by_pk.get(row["parent_id"])
        region.parent = Region(**parent) if parent else None
        matched.append(region)
    return matched


def with_descendants(matched, rows):
    """The pks of the matched regions and of every region within them (Hubei's cities with Hubei)."""
    children = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row["id"])
    pks, pending = set(), [region.pk for region in matched]
    while pending:
        pk = pending.pop()
        if pk not in pks:
            pks.add(pk)
            pending += children.get(pk, [])
    return pks


def _name_matches(programme, latin, cjk):
    if not (latin or cjk):
        return False
    names = [to_index(field_in(programme, "name", code)) for code in STORED_LANGUAGES]
    stems = {stem("english", word) for name in names for word in words(name)}
    return latin <= stems and all(any(run in name for name in names) for run in cjk)


def matching_programmes(tokens, pks, limit=MAX_PROGRAMMES):
    """Programmes pairing the regions ``pks`` or named by the query, best first."""
    latin, cjk = tokens.significant()
    if not (pks or latin or cjk):
        return []
    if pks:
        pairs = (
            Pairing.objects.filter(programme=OuterRef("pk"))
            .filter(Q(supporter__in=pks) | Q(supported__in=pks))
            .order_by()
            .values("programme")
            .annotate(count=Count("pk"))
            .values("count")
        )
        paired = Coalesce(Subquery(pairs), 0)
    else:
        paired = Value(0, output_field=IntegerField())
    found = []
    for programme in Programme.objects.annotate(paired=paired).order_by("-announced", "slug"):
        named = _name_matches(programme, latin, cjk)
        if programme.paired or named:
            found.append((-programme.paired, not named, len(found), programme))
    found.sort(key=lambda item: item[:3])
    return [item[-1] for item in found[:limit]]


@dataclass
class Places:
    regions: list = field(default_factory=list)
    programmes: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.regions or self.programmes)


def find_places(query):
    """The regions and programmes a parsed query (``qa.search.query.parse_query``) names: two queries."""
    if not query:
        return Places()
    tokens = QueryTokens(query)
    rows = list(Region.objects.values(*_ROW))
    matched = matching_regions(tokens, rows)
    return Places(matched, matching_programmes(tokens, with_descendants(matched, rows)))
