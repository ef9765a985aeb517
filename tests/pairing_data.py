"""The verified 10 February 2020 Hubei pairing, built with the factories from tests/data/hubei-pairing-2020.csv,
a second (2008) programme, and what the partner-assistance tests share (addresses, names, ``region``).

Codes and the programme slug are the ones the content bundle uses, so tests and
the shipped data agree.
"""

import csv
import datetime
from pathlib import Path

from qa.models import Pairing, Programme, Region
from tests.factories import PairingFactory, ProgrammeFactory, QuestionFactory, RegionFactory

CSV_PATH = Path(__file__).parent / "data" / "hubei-pairing-2020.csv"
PROGRAMME_SLUG = "hubei-partner-assistance-2020"
LANGS = ["en", "zh-hans"]
LIST = "/{lang}/partner-assistance/"
PAGE = "/{lang}/partner-assistance/" + PROGRAMME_SLUG + "/"
HUBEI_NAME = {"en": "Partner assistance to Hubei, 2020", "zh-hans": "2020年对口支援湖北"}


def region(code):
    return Region.objects.get(code=code)


def csv_rows():
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def region_names(language):
    """Every region name in the CSV (35 per language)."""
    suffix = language.replace("-", "_")
    names = set()
    for row in csv_rows():
        names.add(row[f"supporter_{suffix}"])
        names.add(row[f"supported_{suffix}"])
    return names


def make_question_3():
    """Question 3 as the pairing tests need it: published, in both languages, with no byline."""
    return QuestionFactory(
        number=3,
        authors=[],
        title_en="What is partner assistance?",
        title_zh_hans="什么是对口支援？",
        summary_en="",
        summary_zh_hans="",
        body_en="On 10 February 2020, 19 provinces were paired with 16 cities in Hubei.",
        body_zh_hans="2020年2月10日，19个省份对口支援湖北16个市州。",
    )


def make_hubei_pairing(question=None):
    """Regions (with Hubei as parent of the 16 recipients), the programme and its 21 pairings."""
    hubei = RegionFactory(code="hubei", name_en="Hubei", name_zh_hans="湖北省", kind="province")
    regions = {}
    for row in csv_rows():
        for side in ("supporter", "supported"):
            code = row[f"{side}_code"]
            if code not in regions:
                regions[code] = RegionFactory(
                    code=code,
                    name_en=row[f"{side}_en"],
                    name_zh_hans=row[f"{side}_zh_hans"],
                    kind=row[f"{side}_kind"],
                    parent=hubei if side == "supported" else None,
                )
    programme = ProgrammeFactory(
        slug=PROGRAMME_SLUG,
        name_en="Partner assistance to Hubei, 2020",
        name_zh_hans="2020年对口支援湖北",
        description_en=(
            "19 provincial-level regions paired with the 16 cities, prefectures, county-level "
            "cities and forestry district of Hubei outside Wuhan."
        ),
        description_zh_hans="19个省级行政区对口支援湖北省除武汉市以外的16个市州、县级市和林区。",
        organiser_en="National Health Commission",
        organiser_zh_hans="国家卫生健康委员会",
        citation_en=(
            "National Health Commission notice of 10 February 2020, as reported by People's Daily Online: "
            "“国家卫健委：19省份对口支援湖北16市州及县级市”"
        ),
        citation_zh_hans="国家卫生健康委员会2020年2月10日通知，据人民网报道：《国家卫健委：19省份对口支援湖北16市州及县级市》",
        announced=datetime.date(2020, 2, 10),
        announced_precision=Programme.DAY,
        source_question=question,
        total_medical_teams=63,
        total_medical_staff=7425,
    )
    Pairing.objects.bulk_create(
        PairingFactory.build(
            programme=programme,
            supporter=regions[row["supporter_code"]],
            supported=regions[row["supported_code"]],
        )
        for row in csv_rows()
    )
    return programme


SECOND_SLUG = "wenchuan-reconstruction-2008"
SECOND_NAME = {
    "en": "Partner assistance for the Wenchuan earthquake reconstruction, 2008",
    "zh-hans": "2008年汶川地震灾后恢复重建对口支援",
}
# Three of the pairs of the 2008 Wenchuan earthquake reconstruction plan: enough for a second programme
# whose supporters (Jiangsu, Fujian, Chongqing) also supported Hubei in 2020.
SECOND_PAIRS = [
    ("jiangsu", ("mianzhu", "Mianzhu", "绵竹市")),
    ("fujian", ("pengzhou", "Pengzhou", "彭州市")),
    ("chongqing", ("chongzhou", "Chongzhou", "崇州市")),
]


def make_second_programme():
    """A 2008 programme made with the factories, after ``make_hubei_pairing`` (it reuses the 2020 supporters)."""
    sichuan = RegionFactory(code="sichuan", name_en="Sichuan", name_zh_hans="四川省", kind="province")
    programme = ProgrammeFactory(
        slug=SECOND_SLUG,
        name_en="Partner assistance for the Wenchuan earthquake reconstruction, 2008",
        name_zh_hans="2008年汶川地震灾后恢复重建对口支援",
        organiser_en="General Office of the State Council",
        organiser_zh_hans="国务院办公厅",
        announced=datetime.date(2008, 6, 11),
    )
    for supporter, (code, name_en, name_zh_hans) in SECOND_PAIRS:
        city = RegionFactory(
            code=code, name_en=name_en, name_zh_hans=name_zh_hans, kind="county-level-city", parent=sichuan
        )
        PairingFactory(programme=programme, supporter=region(supporter), supported=city)
    return programme


def add_programmes(count):
    """``count`` more programmes, each with two pairs: one to Xiaogan (in Hubei), one from Shanxi to a new city."""
    xiaogan, shanxi = region("xiaogan"), region("shanxi")
    for index in range(count):
        programme = ProgrammeFactory(announced=datetime.date(2010 + index, 1, 1))
        PairingFactory(programme=programme, supported=xiaogan)
        PairingFactory(programme=programme, supporter=shanxi, supported__parent=xiaogan.parent)


def grow(programme, count=50):
    """Add ``count`` more supporting regions, each paired with a new recipient."""
    hubei = region("hubei")
    for index in range(count):
        supporter = RegionFactory(
            code=f"extra-{index}", name_en=f"Extra {index}", name_zh_hans=f"增补{index}", kind="province"
        )
        supported = RegionFactory(
            code=f"city-{index}",
            name_en=f"City {index}",
            name_zh_hans=f"城市{index}",
            kind="prefecture-level-city",
            parent=hubei,
        )
        PairingFactory(programme=programme, supporter=supporter, supported=supported)
        PairingFactory(programme=programme, supporter=supporter, supported=region("xiaogan"))


def get_page(client, url, **params):
    """(response, its text) of a page that must answer 200."""
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response, response.content.decode()
