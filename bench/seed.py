"""Sample content for bench/load.sh when the content bundle is not there.

Run with: python manage.py shell < bench/seed.py
"""

import datetime

from django.conf import settings

from qa.models import Author, Authorship, Question, Series

paragraph_en = (
    "China's response combined early detection, isolation of cases, tracing of close contacts and "
    "treatment in designated hospitals, while keeping supplies of food and medicine flowing. "
) * 6
paragraph_zh = "中国的应对措施包括早发现、早隔离、追踪密切接触者、在定点医院集中救治，同时保障食品和药品供应。" * 6
body_en = "\n\n".join(f"## Part {n}\n\n{paragraph_en}" for n in range(1, 9))
body_zh = "\n\n".join(f"## 第{n}部分\n\n{paragraph_zh}" for n in range(1, 9))

series, _created = Series.objects.get_or_create(
    slug=settings.HUB_SERIES,
    defaults={"title_en": "Fighting COVID-19: 100 Q&As", "title_zh_hans": "抗击新冠肺炎100问", "publisher_en": "CIKD"},
)
authors = [
    Author.objects.get_or_create(
        slug=f"author-{n}", defaults={"name_en": f"Author {n}", "name_zh_hans": f"作者{n}", "position_en": "Researcher"}
    )[0]
    for n in range(1, 4)
]
for number in range(1, 21):
    question, created = Question.objects.get_or_create(
        series=series,
        number=number,
        defaults={
            "title_en": f"How did China organise question {number} of its COVID-19 response?",
            "title_zh_hans": f"中国如何组织抗疫的第{number}个问题？",
            "summary_en": "A short summary of the answer. " * 3,
            "summary_zh_hans": "答案的简短摘要。" * 3,
            "body_en": body_en,
            "body_zh_hans": body_zh,
            "published": datetime.date(2020, 4, 1),
            "status": Question.PUBLISHED,
        },
    )
    if created:
        for order, author in enumerate(authors[: 1 + number % 3]):
            Authorship.objects.create(question=question, author=author, order=order)
print(f"{Question.objects.published().count()} published questions")
