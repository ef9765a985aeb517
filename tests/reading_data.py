"""Content for the reading-experience tests, built with the factories (shared by tests/browser/).

Question 3 with a byline of two and its Chinese translation, question 4 in English only; with ``editor=True``
also an editor (``EditorFactory``, logging in with tests.factories.EDITOR_PASSWORD).
"""

import datetime

from qa.models import Question
from tests.factories import AuthorFactory, EditorFactory, QuestionFactory, SeriesFactory

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
    series = SeriesFactory(
        publisher_en="China Center for International Knowledge on Development",
        publisher_zh_hans="中国国际发展知识中心",
    )
    zhou = AuthorFactory(
        slug="zhou-taidong", name_en="Zhou Taidong", name_zh_hans="周太东",
        position_en="Division Chief, CIKD", position_zh_hans="中国国际发展知识中心处长",
    )
    doe = AuthorFactory(slug="jane-doe", name_en="Jane Doe", position_en="Visiting fellow", untranslated=True)
    paired = QuestionFactory(
        series=series, number=3, authors=[zhou, doe],
        title_en="How were provinces paired with cities in Hubei?",
        title_zh_hans="各省如何对口支援湖北各市？",
        summary_en="Nineteen provinces each supported one city in Hubei.",
        summary_zh_hans="19个省份分别对口支援湖北的一个城市。",
        body_en=BODY_EN, body_zh_hans=BODY_ZH,
    )
    untranslated = QuestionFactory(
        series=series, number=4, authors=[zhou], untranslated=True, summary_en="",
        published=datetime.date(2020, 3, 15), published_precision=Question.DAY,
        title_en="What did community workers do?",
        body_en="They checked temperatures.\n\nThey delivered food.\n\nThey kept records.",
    )
    content = {"series": series, "zhou": zhou, "doe": doe, "paired": paired, "untranslated": untranslated}
    if editor:
        content["editor"] = EditorFactory()
    return content


def loaded(question):
    """``question`` read again as its page reads it: with its series and bylines."""
    return Question.objects.select_related("series").prefetch_related("authorships__author").get(pk=question.pk)
