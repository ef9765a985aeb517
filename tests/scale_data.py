"""A database at scale, shared by tests/test_scale.py and bench/seed.py (which runs it on a site's own database).

``build(Scale())`` writes 10 series, 1,000 published questions, 50 authors, 30 topics and 5 partner-assistance
programmes with their regions and pairs, in English and Chinese, with ``bulk_create`` (no signals, no revisions),
then rebuilds the search index once. The same arguments give the same rows (``random.Random(seed)``).

Only Django, qa and tests/scale_text.py (the questions' text) are imported here, not factory_boy: bench/seed.py
runs in the site's virtual environment.
Topics, authors and regions that already exist (by slug or code, as the bundled content's do) are reused;
a series that exists already stops the build before anything is written.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from itertools import cycle

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from qa.content.statistics import refresh_statistics
from qa.models import Author, Authorship, Pairing, Programme, Question, Region, Series, Topic
from qa.search.indexing import rebuild_index
from tests.scale_text import Writer

SERIES = [
    ("covid-19-response", "China's COVID-19 Response: Questions and Answers", "中国抗击新冠肺炎疫情问答"),
    ("poverty-reduction", "Poverty Reduction in China: 100 Q&As", "中国减贫100问"),
    ("partner-assistance-explained", "Partner Assistance Explained", "对口支援解读"),
    ("public-health-system", "Building a Public Health System", "公共卫生体系建设"),
    ("economic-recovery", "Economic Recovery after the Epidemic", "疫情后的经济恢复"),
    ("community-governance", "Community Governance in Practice", "基层社区治理实践"),
    ("rural-revitalisation", "Rural Revitalisation: Questions and Answers", "乡村振兴问答"),
    ("disaster-relief", "Disaster Relief and Reconstruction", "防灾救灾与灾后重建"),
    ("development-cooperation", "International Development Cooperation", "国际发展合作"),
    ("digital-government", "Digital Government and Public Services", "数字政府与公共服务"),
]
# Shares of the questions beyond each series' first: the first series is the largest (more than one index page).
SERIES_WEIGHTS = [20, 15, 12, 10, 9, 9, 8, 7, 5, 5]
TOPICS = """public-health 公共卫生|partner-assistance 对口支援|medical-teams 医疗队|epidemic-prevention 疫情防控
contact-tracing 流调溯源|testing 核酸检测|vaccination 疫苗接种|hospitals 医院建设|supply-chains 供应链保障
food-security 粮食安全|employment 稳定就业|small-business 小微企业|fiscal-policy 财政政策|social-security 社会保障
education 教育|elderly-care 养老服务|community-work 社区工作|volunteers 志愿服务|poverty-reduction 减贫
rural-development 农村发展|transport 交通运输|digital-technology 数字技术|information-disclosure 信息公开
international-cooperation 国际合作|governance 国家治理|rule-of-law 法治|environment 生态环境
disaster-relief 防灾减灾|reconstruction 灾后重建|research 科研攻关"""
SURNAMES = [("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
            ("Zhao", "赵"), ("Huang", "黄"), ("Xu", "徐"), ("Wu", "吴")]
GIVEN_NAMES = [("Xiaoming", "晓明"), ("Jing", "静"), ("Wei", "伟"), ("Fang", "芳"), ("Lei", "磊"), ("Yan", "燕"),
               ("Jun", "军"), ("Hui", "慧"), ("Tao", "涛"), ("Min", "敏")]
POSITIONS = [
    ("Researcher, CIKD", "中国国际发展知识中心研究员"),
    ("Associate Researcher, CIKD", "中国国际发展知识中心副研究员"),
    ("Division Chief, CIKD", "中国国际发展知识中心处长"),
    ("Visiting Fellow, CIKD", "中国国际发展知识中心访问学者"),
    ("Professor of Public Policy", "公共政策学教授"),
]
# code|English|Chinese|kind, separated by ";" or a line; provincial-level first, "parent:x" starts the regions under x.
REGIONS = """beijing|Beijing|北京市|municipality; tianjin|Tianjin|天津市|municipality; hebei|Hebei|河北省|province
shanxi|Shanxi|山西省|province; inner-mongolia|Inner Mongolia Autonomous Region|内蒙古自治区|autonomous-region
liaoning|Liaoning|辽宁省|province; jilin|Jilin|吉林省|province; heilongjiang|Heilongjiang|黑龙江省|province
shanghai|Shanghai|上海市|municipality; jiangsu|Jiangsu|江苏省|province; zhejiang|Zhejiang|浙江省|province
anhui|Anhui|安徽省|province; fujian|Fujian|福建省|province; jiangxi|Jiangxi|江西省|province
shandong|Shandong|山东省|province; henan|Henan|河南省|province; hubei|Hubei|湖北省|province
hunan|Hunan|湖南省|province; guangdong|Guangdong|广东省|province; hainan|Hainan|海南省|province
guangxi|Guangxi Zhuang Autonomous Region|广西壮族自治区|autonomous-region; chongqing|Chongqing|重庆市|municipality
sichuan|Sichuan|四川省|province; guizhou|Guizhou|贵州省|province; yunnan|Yunnan|云南省|province
tibet|Tibet Autonomous Region|西藏自治区|autonomous-region; shaanxi|Shaanxi|陕西省|province; gansu|Gansu|甘肃省|province
qinghai|Qinghai|青海省|province; ningxia|Ningxia Hui Autonomous Region|宁夏回族自治区|autonomous-region
xinjiang|Xinjiang Uygur Autonomous Region|新疆维吾尔自治区|autonomous-region
parent:sichuan; aba|Ngawa Tibetan and Qiang Autonomous Prefecture|阿坝藏族羌族自治州|autonomous-prefecture
mianyang|Mianyang|绵阳市|prefecture-level-city; deyang|Deyang|德阳市|prefecture-level-city
guangyuan|Guangyuan|广元市|prefecture-level-city; chengdu|Chengdu|成都市|prefecture-level-city
yaan|Ya'an|雅安市|prefecture-level-city
parent:tibet; lhasa|Lhasa|拉萨市|prefecture-level-city; shigatse|Shigatse|日喀则市|prefecture-level-city
shannan|Shannan|山南市|prefecture-level-city; chamdo|Chamdo|昌都市|prefecture-level-city
nyingchi|Nyingchi|林芝市|prefecture-level-city; nagqu|Nagqu|那曲市|prefecture-level-city
parent:xinjiang; ili|Ili Kazakh Autonomous Prefecture|伊犁哈萨克自治州|autonomous-prefecture
kizilsu|Kizilsu Kirghiz Autonomous Prefecture|克孜勒苏柯尔克孜自治州|autonomous-prefecture
bayingolin|Bayingolin Mongol Autonomous Prefecture|巴音郭楞蒙古自治州|autonomous-prefecture
changji|Changji Hui Autonomous Prefecture|昌吉回族自治州|autonomous-prefecture; hami|Hami|哈密市|prefecture-level-city
turpan|Turpan|吐鲁番市|prefecture-level-city
parent:qinghai; yushu|Yushu Tibetan Autonomous Prefecture|玉树藏族自治州|autonomous-prefecture
golog|Golog Tibetan Autonomous Prefecture|果洛藏族自治州|autonomous-prefecture
huangnan|Huangnan Tibetan Autonomous Prefecture|黄南藏族自治州|autonomous-prefecture
hainan-tibetan|Hainan Tibetan Autonomous Prefecture|海南藏族自治州|autonomous-prefecture"""
EAST = (
    "beijing tianjin shanghai guangdong liaoning shandong jiangsu zhejiang fujian hebei shanxi henan hubei hunan "
    "anhui jiangxi jilin heilongjiang"
).split()
# slug, English name, Chinese name, announced, precision, pairs ("supporter>supported"); samples, not the record.
PROGRAMMES = [
    ("sichuan-reconstruction-2008", "Partner assistance for reconstruction after the Wenchuan earthquake",
     "汶川地震灾后恢复重建对口支援", datetime.date(2008, 6, 11), Programme.DAY,
     [f"{a}>{b}" for a, b in zip(EAST, cycle("aba mianyang deyang guangyuan chengdu yaan".split()), strict=False)]),
    ("east-west-poverty-alleviation-1996", "East–West cooperation in poverty alleviation", "东西部扶贫协作",
     datetime.date(1996, 10, 1), Programme.MONTH,
     "beijing>inner-mongolia tianjin>gansu shanghai>yunnan guangdong>guangxi jiangsu>shaanxi zhejiang>sichuan "
     "shandong>xinjiang liaoning>qinghai fujian>ningxia".split()),
    ("tibet-1994", "Partner assistance to Tibet", "对口援藏", datetime.date(1994, 7, 1), Programme.MONTH,
     "beijing>lhasa jiangsu>lhasa shanghai>shigatse shandong>shigatse hubei>shannan hunan>shannan tianjin>chamdo "
     "chongqing>chamdo guangdong>nyingchi fujian>nyingchi zhejiang>nagqu liaoning>nagqu".split()),
    ("xinjiang-2010", "Partner assistance to Xinjiang", "对口援疆", datetime.date(2010, 3, 1), Programme.MONTH,
     [f"{a}>{b}" for a, b in zip(EAST, cycle("ili kizilsu bayingolin changji hami turpan".split()), strict=False)]),
    ("qinghai-tibetan-areas-2010", "Partner assistance to the Tibetan areas of Qinghai", "对口支援青海藏区",
     datetime.date(2010, 9, 1), Programme.MONTH,
     "beijing>yushu shanghai>golog tianjin>huangnan jiangsu>hainan-tibetan zhejiang>hainan-tibetan".split()),
]
SAMPLE_NOTE = ("Sample data for benchmarks and tests: the pairs illustrate the programme, they are not its record.",
               "基准测试样例数据：结对关系仅作示意，并非该项目的实际记录。")


@dataclass
class Scale:
    series: int = 10
    questions: int = 1000
    authors: int = 50
    topics: int = 30
    programmes: int = 5
    paragraphs: int = 8

    def __post_init__(self):
        if min(vars(self).values()) < 0 or min(self.series, self.authors, self.topics) < 1:
            raise ValueError("The scale needs at least one series, author and topic, and no count below zero.")


@dataclass
class Built:
    """What ``build`` wrote (series, topics, authors and programmes in order) and how long it took."""

    series: list
    topics: list
    authors: list
    programmes: list
    regions: dict
    questions: int = 0
    pairings: int = 0
    indexed: int = 0
    seconds: dict = field(default_factory=dict)

    def question(self, series=0, number=1):
        return Question.objects.select_related("series").get(series=self.series[series], number=number)


def numbered(items, count):
    """``count`` items cycled from ``items``, each round after the first with its number: ("x", 2)."""
    return [(items[i % len(items)], i // len(items) + 1) for i in range(count)]


def suffix(text, round_, separator="-"):
    return text if round_ == 1 else f"{text}{separator}{round_}"


def series_sizes(scale):
    """Every series gets one question, the rest go by SERIES_WEIGHTS (largest remainder)."""
    weights = [SERIES_WEIGHTS[i % len(SERIES_WEIGHTS)] for i in range(scale.series)]
    rest = max(scale.questions - scale.series, 0)
    shares = [rest * weight / sum(weights) for weight in weights]
    sizes = [int(share) for share in shares]
    by_remainder = sorted(range(scale.series), key=lambda i: sizes[i] - shares[i])
    for i in by_remainder[: rest - sum(sizes)]:
        sizes[i] += 1
    return [size + (1 if i < scale.questions else 0) for i, size in enumerate(sizes)]


def parse_regions():
    rows, parent = [], None
    for entry in REGIONS.replace("\n", ";").split(";"):
        entry = entry.strip()
        if entry.startswith("parent:"):
            parent = entry.removeprefix("parent:")
        else:
            rows.append((*entry.split("|"), parent))
    return rows


def existing_or_new(model, key, rows):
    """The rows as stored, in the order of ``rows`` (key -> unsaved object), creating those missing."""
    stored = model.objects.in_bulk(list(rows), field_name=key)
    model.objects.bulk_create([obj for value, obj in rows.items() if value not in stored])
    stored = model.objects.in_bulk(list(rows), field_name=key)
    return {value: stored[value] for value in rows}


def make_regions():
    rows = parse_regions()
    regions = existing_or_new(
        Region, "code",
        {code: Region(code=code, name_en=en, name_zh_hans=zh, kind=kind) for code, en, zh, kind, parent in rows
         if parent is None},
    )
    children = {code: Region(code=code, name_en=en, name_zh_hans=zh, kind=kind, parent=regions[parent])
                for code, en, zh, kind, parent in rows if parent}
    return {**regions, **existing_or_new(Region, "code", children)}


def make_people(scale):
    topics = {}
    for (entry, round_) in numbered(TOPICS.replace("\n", "|").split("|"), scale.topics):
        slug, name_zh = entry.split(" ")
        name_en = slug.replace("-", " ").capitalize()
        topics[suffix(slug, round_)] = Topic(
            slug=suffix(slug, round_), name_en=suffix(name_en, round_, " "), name_zh_hans=suffix(name_zh, round_, ""),
            description_en=f"Questions and answers about {name_en.lower()}.",
            description_zh_hans=f"关于{name_zh}的问答。",
        )
    authors = {}
    for i in range(scale.authors):
        (surname, surname_zh), (given, given_zh) = SURNAMES[i % 10], GIVEN_NAMES[(i + i // 10) % 10]
        round_ = i // 100 + 1
        position, position_zh = POSITIONS[i % len(POSITIONS)]
        slug = suffix(f"{surname}-{given}".lower(), round_)
        authors[slug] = Author(
            slug=slug, name_en=suffix(f"{surname} {given}", round_, " "),
            name_zh_hans=suffix(surname_zh + given_zh, round_, ""),
            position_en=position, position_zh_hans=position_zh,
            bio_en=f"{surname} {given} ({position}) writes on China's development.",
            bio_zh_hans=f"{surname_zh}{given_zh}，{position_zh}，研究中国发展问题。",
        )
    topics, authors = existing_or_new(Topic, "slug", topics), existing_or_new(Author, "slug", authors)
    return list(topics.values()), list(authors.values())


def make_series(scale):
    rows = [(suffix(slug, round_), suffix(en, round_, " "), suffix(zh, round_, ""))
            for (slug, en, zh), round_ in numbered(SERIES, scale.series)]
    taken = Series.objects.filter(slug__in=[slug for slug, _en, _zh in rows]).values_list("slug", flat=True)
    if taken:
        raise ValueError(f"This database already has the series {', '.join(sorted(taken))}: it was seeded before.")
    return Series.objects.bulk_create([
        Series(slug=slug, path=slug, position=position + 1, title_en=en, title_zh_hans=zh,
               description_en=f"{en}: questions and answers on China's development experience.",
               description_zh_hans=f"《{zh}》以问答形式介绍中国的发展经验。",
               publisher_en="China Center for International Knowledge on Development (CIKD)",
               publisher_zh_hans="中国国际发展知识中心")
        for position, (slug, en, zh) in enumerate(rows)
    ])


def make_questions(scale, rng, writer, series_list, topics, authors):
    """The questions, numbered from 1 in each series; the i-th overall has topic i and author i (cycled)."""
    questions, byline, tagged, index = [], [], [], 0
    for series, size in zip(series_list, series_sizes(scale), strict=True):
        start = datetime.date(2020, 2, 1) + datetime.timedelta(days=30 * series.position)
        for number in range(1, size + 1):
            title_en, title_zh, summary_en, summary_zh = writer.title_and_summary()
            body_en, body_zh = writer.body(scale.paragraphs)
            questions.append(Question(
                series=series, number=number, status=Question.PUBLISHED,
                published=start + datetime.timedelta(days=3 * number + rng.randint(0, 2)),
                published_precision=Question.DAY, original_language="zh-hans" if rng.random() < 0.2 else "en",
                slug_en=slugify(title_en)[:200], slug_zh_hans=slugify(title_zh, allow_unicode=True)[:200],
                title_en=title_en, title_zh_hans=title_zh, summary_en=summary_en, summary_zh_hans=summary_zh,
                body_en=body_en, body_zh_hans=body_zh,
            ))
            byline.append([authors[index % len(authors)], *rng.sample(authors, rng.choice([0, 0, 0, 1, 1, 2]))])
            tagged.append([topics[index % len(topics)], *rng.sample(topics, rng.choice([0, 1, 1, 2]))])
            index += 1
    Question.objects.bulk_create(questions, batch_size=500)
    stored = Question.objects.filter(series__in=series_list).values_list("series_id", "number", "pk")
    pks = {(series_id, number): pk for series_id, number, pk in stored}
    pks = [pks[(question.series_id, question.number)] for question in questions]
    Authorship.objects.bulk_create(
        [Authorship(question_id=pk, author=author, order=order)
         for pk, names in zip(pks, byline, strict=True) for order, author in enumerate(dict.fromkeys(names))],
        batch_size=1000,
    )
    Question.topics.through.objects.bulk_create(
        [Question.topics.through(question_id=pk, topic=topic)
         for pk, chosen in zip(pks, tagged, strict=True) for topic in dict.fromkeys(chosen)],
        batch_size=1000,
    )
    return pks


def make_programmes(scale, regions, question_pks):
    made, pairings = [], []
    for (slug, name_en, name_zh, announced, precision, pairs), round_ in numbered(PROGRAMMES, scale.programmes):
        programme = Programme(
            slug=suffix(slug, round_), name_en=suffix(name_en, round_, " "), name_zh_hans=suffix(name_zh, round_, ""),
            description_en=SAMPLE_NOTE[0], description_zh_hans=SAMPLE_NOTE[1], organiser_en="State Council",
            organiser_zh_hans="国务院", announced=announced, announced_precision=precision,
            source_question_id=question_pks[len(made) % len(question_pks)] if question_pks else None,
        )
        made.append(programme)
        pairings += [(programme, *pair.split(">")) for pair in pairs]
    by_slug = existing_or_new(Programme, "slug", {programme.slug: programme for programme in made})
    Pairing.objects.bulk_create(
        [Pairing(programme=by_slug[programme.slug], supporter=regions[a], supported=regions[b])
         for programme, a, b in pairings],
        ignore_conflicts=True,
    )
    return list(by_slug.values()), len(pairings)


def build(scale=None, *, seed=2020, index=True):
    """Write the rows in one transaction; ``index=False`` leaves the search index to the caller."""
    scale = scale or Scale()
    rng = random.Random(seed)
    seconds, clock = {}, time.perf_counter()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        regions = make_regions()
        provinces = [(region.name_en, region.name_zh_hans) for region in regions.values() if region.parent_id is None]
        series_list = make_series(scale)
        topics, authors = make_people(scale)
        pks = make_questions(scale, rng, Writer(rng, provinces), series_list, topics, authors)
        programmes, pairings = make_programmes(scale, regions, pks)
        seconds["rows"] = time.perf_counter() - clock
        built = Built(series_list, topics, authors, programmes, regions, questions=len(pks), pairings=pairings)
        if index:  # the rebuild refreshes the planner's statistics too
            clock = time.perf_counter()
            built.indexed = rebuild_index()
            seconds["index"] = time.perf_counter() - clock
        else:
            refresh_statistics()
    built.seconds = seconds
    return built
