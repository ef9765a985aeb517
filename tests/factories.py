"""Test data shared by the test files: one way to make a series, a question and an editor."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User

from qa.editorial.editors import sync_editor_permissions
from qa.models import Author, Authorship, Question, Series

EDITOR_PASSWORD = "a-long-editor-password-2020"


def make_series(slug=None, **fields):
    values = {"title_en": "Fighting the COVID-19: 100 Q&As", "title_zh_hans": "抗击新冠肺炎疫情：100问", **fields}
    return Series.objects.create(slug=slug or settings.HUB_SERIES, **values)


def make_question(series=None, number=1, *, status=Question.PUBLISHED, chinese=True, author=None, **fields):
    """A question with a byline; ``chinese=False`` leaves it untranslated."""
    series = series or Series.objects.filter(slug=settings.HUB_SERIES).first() or make_series()
    if author is None:
        author, _created = Author.objects.get_or_create(
            slug=f"author-{number}", defaults={"name_en": f"Author {number}", "name_zh_hans": f"作者{number}"}
        )
    values = {
        "title_en": f"Question title {number}",
        "summary_en": f"Summary {number}",
        "body_en": f"Body {number}.\n\nSecond paragraph {number}.",
        "published": datetime.date(2020, 3, 1),
        "published_precision": Question.MONTH,
    }
    if chinese:
        values.update(title_zh_hans=f"问题标题{number}", summary_zh_hans=f"摘要{number}", body_zh_hans=f"正文{number}。")
    values.update(fields)
    question = Question.objects.create(series=series, number=number, status=status, **values)
    Authorship.objects.create(question=question, author=author)
    return question


def make_editor(username="editor", **fields):
    """A staff user in the Editors group, as ``create_editor`` makes one."""
    user = User.objects.create_user(username, password=EDITOR_PASSWORD, is_staff=True, **fields)
    user.groups.add(sync_editor_permissions())
    return user
