"""Partner-assistance pairings as readers see them: grouped tables, downloads and the diagram layout.

Everything here works on a list of pairings already fetched with
``Pairing.objects.for_programme(...)``, ``around(region)`` or
``of_every_programme()``, so a page costs one query for its pairs however many
pairs and programmes there are.
"""

import csv
import io
import math
import textwrap
import unicodedata
from dataclasses import dataclass, field

from qa.languages import STORED_LANGUAGES, field_in

ORDERS = ("recipient", "supporter")

CSV_HEADER = [
    "supporter_code",
    "supporter_en",
    "supporter_zh_hans",
    "supporter_kind",
    "supported_code",
    "supported_en",
    "supported_zh_hans",
    "supported_kind",
    "medical_teams",
    "medical_staff",
]


def region_order(region):
    """Regions sort by code: the codes are pinyin, so the order is the same in both languages."""
    return region.code


@dataclass
class Group:
    region: object
    partners: list = field(default_factory=list)


def group_pairings(pairings, by):
    """One Group per recipient (``by="recipient"``) or per supporter, each with its partners."""
    own, other = ("supported", "supporter") if by == "recipient" else ("supporter", "supported")
    groups = {}
    for pairing in pairings:
        region = getattr(pairing, own)
        groups.setdefault(region.pk, Group(region)).partners.append(getattr(pairing, other))
    result = sorted(groups.values(), key=lambda group: region_order(group.region))
    for group in result:
        group.partners.sort(key=region_order)
    return result


def partners_of(region, pairings):
    """(regions it supported, regions that supported it), each in code order."""
    supports, supported_by = [], []
    for pairing in pairings:
        if pairing.supporter_id == region.pk:
            supports.append(pairing.supported)
        if pairing.supported_id == region.pk:
            supported_by.append(pairing.supporter)
    return sorted(supports, key=region_order), sorted(supported_by, key=region_order)


@dataclass
class ProgrammePairs:
    """One programme's pairs that concern a region: its own, or those of the regions under it."""

    programme: object
    pairings: list = field(default_factory=list)


def by_programme(pairings):
    """ProgrammePairs in the order the pairings come (``around`` and ``of_every_programme``: newest first)."""
    programmes = {}
    for pairing in pairings:
        programmes.setdefault(pairing.programme_id, ProgrammePairs(pairing.programme)).pairings.append(pairing)
    return list(programmes.values())


@dataclass
class RegionPairs:
    programme: object
    supports: list
    supported_by: list


def region_pairs(region, pairings):
    """The region's own pairs in each programme (``pairings`` from ``Pairing.objects.around(region)``)."""
    own = [pairing for pairing in pairings if region.pk in (pairing.supporter_id, pairing.supported_id)]
    return [RegionPairs(group.programme, *partners_of(region, group.pairings)) for group in by_programme(own)]


@dataclass
class ChildPairs:
    """In one programme, the regions under a region that were supported, and those that gave support."""

    programme: object
    recipients: list
    supporters: list


def children_pairs(region, pairings):
    """What the regions directly under ``region`` were paired with, per programme, grouped as the table is."""
    result = []
    for group in by_programme(pairings):
        received = [pairing for pairing in group.pairings if pairing.supported.parent_id == region.pk]
        given = [pairing for pairing in group.pairings if pairing.supporter.parent_id == region.pk]
        if received or given:
            result.append(
                ChildPairs(group.programme, group_pairings(received, "recipient"), group_pairings(given, "supporter"))
            )
    return result


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(…) would run on opening).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell no spreadsheet takes for a formula: text starting like one gets a leading ' (OWASP's
    advice), which spreadsheets show as text and do not display; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_text(pairings, with_programme=False):
    """UTF-8 CSV with a byte-order mark, so spreadsheets read the Chinese names correctly.

    ``with_programme``: the pairs of several programmes, in the order given,
    each row starting with its programme's slug.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["programme", *CSV_HEADER] if with_programme else CSV_HEADER)
    rows = pairings if with_programme else sorted(pairings, key=_pair_order)
    for pairing in rows:
        cells = [
            *([pairing.programme.slug] if with_programme else []),
            *_region_columns(pairing.supporter),
            *_region_columns(pairing.supported),
            _blank_if_none(pairing.medical_teams),
            _blank_if_none(pairing.medical_staff),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()


def _pair_order(pairing):
    return (region_order(pairing.supported), region_order(pairing.supporter))


def _region_columns(region):
    return [region.code, field_in(region, "name", "en"), field_in(region, "name", "zh-hans"), region.kind]


def _blank_if_none(value):
    return "" if value is None else value


def _texts(obj, name):
    return {code: field_in(obj, name, code) for code in STORED_LANGUAGES}


def _region_data(region):
    return {"code": region.code, "name": _texts(region, "name"), "kind": region.kind}


def json_data(programme, pairings, counts):
    return {
        "programme": {
            "slug": programme.slug,
            "name": _texts(programme, "name"),
            "organiser": _texts(programme, "organiser"),
            "citation": _texts(programme, "citation"),
            "announced": programme.announced_iso,
            "totals": {
                "medical_teams": programme.total_medical_teams,
                "medical_staff": programme.total_medical_staff,
            },
        },
        "counts": counts,
        "pairings": [
            {
                "supporter": _region_data(pairing.supporter),
                "supported": _region_data(pairing.supported),
                "medical_teams": pairing.medical_teams,
                "medical_staff": pairing.medical_staff,
                "note": _texts(pairing, "note"),
            }
            for pairing in sorted(pairings, key=_pair_order)
        ],
    }


# The diagram is drawn in a 300-unit-wide viewBox, so on a 320 px phone one
# unit is about one pixel and the 14-unit labels stay legible; long names wrap.
DIAGRAM_WIDTH = 300
LABEL_WIDTH = 112
FONT_SIZE = 14
LINE_HEIGHT = 17
LABEL_GAP = 10
TOP = 34


def _is_wide(char):
    return unicodedata.east_asian_width(char) in ("W", "F")


def wrap_label(text, width=LABEL_WIDTH, font_size=FONT_SIZE):
    """Split a name into lines that fit ``width`` units: by words for Latin text, evenly for CJK."""
    if any(_is_wide(char) for char in text):
        per_line = max(1, width // font_size)
        lines = math.ceil(len(text) / per_line)
        size = math.ceil(len(text) / lines)
        return [text[start : start + size] for start in range(0, len(text), size)]
    return textwrap.wrap(text, max(1, int(width / (font_size * 0.52)))) or [text]


@dataclass
class Label:
    region: object
    lines: list
    x: int
    y: float = 0

    @property
    def height(self):
        return len(self.lines) * LINE_HEIGHT

    @property
    def anchor_y(self):
        """Where lines meet the label: the middle of its text block."""
        return round(self.y + self.height / 2 - LINE_HEIGHT * 0.3, 1)

    @property
    def baselines(self):
        return [(round(self.y + LINE_HEIGHT * (index + 1) - 4, 1), text) for index, text in enumerate(self.lines)]


@dataclass
class Diagram:
    width: int
    height: int
    supporters: list
    recipients: list
    links: list
    left_x: int
    right_x: int


def _components(pairings):
    """Connected groups of supporters and recipients, so the diagram's lines need not cross."""
    parent = {}

    def find(key):
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for pairing in pairings:
        parent[find(("s", pairing.supporter_id))] = find(("r", pairing.supported_id))
    components = {}
    for pairing in pairings:
        component = components.setdefault(find(("r", pairing.supported_id)), ({}, {}))
        component[0][pairing.supporter_id] = pairing.supporter
        component[1][pairing.supported_id] = pairing.supported
    ordered = [
        (sorted(supporters.values(), key=region_order), sorted(recipients.values(), key=region_order))
        for supporters, recipients in components.values()
    ]
    return sorted(ordered, key=lambda component: region_order(component[1][0]))


def diagram(pairings, language):
    """Positions for an SVG that joins supporters (left) to recipients (right)."""
    left_x = LABEL_WIDTH
    right_x = DIAGRAM_WIDTH - LABEL_WIDTH
    supporters, recipients = {}, {}
    y = TOP
    for component_supporters, component_recipients in _components(pairings):
        left = [Label(r, wrap_label(_name(r, language)), left_x - 6) for r in component_supporters]
        right = [Label(r, wrap_label(_name(r, language)), right_x + 6) for r in component_recipients]
        heights = [sum(label.height + LABEL_GAP for label in side) for side in (left, right)]
        block = max(heights)
        for side, height in zip((left, right), heights, strict=True):
            offset = y + (block - height) / 2
            for label in side:
                label.y = offset
                offset += label.height + LABEL_GAP
        supporters.update((label.region.pk, label) for label in left)
        recipients.update((label.region.pk, label) for label in right)
        y += block + LABEL_GAP
    links = [
        (left_x, supporters[p.supporter_id].anchor_y, right_x, recipients[p.supported_id].anchor_y)
        for p in sorted(pairings, key=_pair_order)
    ]
    return Diagram(
        width=DIAGRAM_WIDTH,
        height=math.ceil(y),
        supporters=list(supporters.values()),
        recipients=list(recipients.values()),
        links=links,
        left_x=left_x,
        right_x=right_x,
    )


def _name(region, language):
    return field_in(region, "name", language) or str(region)
