"""Content for the reading-experience tests, built with the ORM (shared by tests/browser/)."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User

from qa.editorial.editors import sync_editor_permissions
from qa.models import Author, Authorship, Question, Series

EDITOR_PASSWORD = "read-edit-2020-hub"

BODY_EN = (
    "On 7 February 2020 nineteen provinces were asked to **support** cities in Hubei one to one.\n\n"
    "Each province sent medical teams and supplies. See [the working paper](https://www.cikd.org/).\n\n"
    "- Guangdong supported Jingzhou.\n- Jiangsu supported Huangshi.\n\n"
    "The arrangement lasted until the epidemic was under control."
)
BODY_ZH = (
    "2020年2月7日，19个省份以“一省包一市”的方式对口**支援**湖北各市。\n\n"
    "各省派出医疗队并提供物资。参见[工作论文](https://www.cikd.org/)。\n\n"
    "- 广东支援荆州。\n- 江苏支援黄石。\n\n"
    "这一安排一直持续到疫情得到控制。"
)


def build(*, editor=False):
    series = Series.objects.create(
        slug=settings.HUB_SERIES,
        title_en="Fighting the COVID-19: 100 Q&As",
        title_zh_hans="抗击新冠肺炎疫情：100问",
        publisher_en="China Center for International Knowledge on Development",
        publisher_zh_hans="中国国际发展知识中心",
    )
    zhou = Author.objects.create(
        slug="zhou-taidong", name_en="Zhou Taidong", name_zh_hans="周太东",
        position_en="Division Chief, CIKD", position_zh_hans="中国国际发展知识中心处长",
    )
    doe = Author.objects.create(slug="jane-doe", name_en="Jane Doe", position_en="Visiting fellow")
    paired = Question.objects.create(
        series=series, number=3, status=Question.PUBLISHED, published=datetime.date(2020, 3, 1),
        title_en="How were provinces paired with cities in Hubei?",
        title_zh_hans="各省如何对口支援湖北各市？",
        summary_en="Nineteen provinces each supported one city in Hubei.",
        summary_zh_hans="19个省份分别对口支援湖北的一个城市。",
        body_en=BODY_EN, body_zh_hans=BODY_ZH,
    )
    Authorship.objects.create(question=paired, author=zhou, order=0)
    Authorship.objects.create(question=paired, author=doe, order=1)
    untranslated = Question.objects.create(
        series=series, number=4, status=Question.PUBLISHED, published=datetime.date(2020, 3, 15),
        published_precision=Question.DAY,
        title_en="What did community workers do?",
        body_en="They checked temperatures.\n\nThey delivered food.\n\nThey kept records.",
    )
    Authorship.objects.create(question=untranslated, author=zhou, order=0)
    content = {"series": series, "zhou": zhou, "doe": doe, "paired": paired, "untranslated": untranslated}
    if editor:
        user = User.objects.create_user("editor", password=EDITOR_PASSWORD, is_staff=True)
        user.groups.add(sync_editor_permissions())
        content["editor"] = user
    return content
