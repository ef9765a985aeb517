"""A write the database refuses (locked by an import, disk full, read-only) never costs an editor their text."""

import contextlib
from unittest import mock

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import OperationalError, connections
from django.urls import reverse

from qa.editorial.write_failures import KeepsFormOnWriteFailure
from qa.models import Author, Page, Question, ReviewLink
from tests.admin_forms import chinese, form_data, url
from tests.factories import EDITOR_PASSWORD, AuthorFactory, EditorFactory, PageFactory, QuestionFactory

pytestmark = pytest.mark.django_db

FAILURES = {
    "database is locked": ("being written to the database right now", "正在写入数据库"),
    "database or disk is full": ("disk is full", "磁盘已满"),
    "attempt to write a readonly database": ("read-only", "只读"),
}


def refusing(message):
    return mock.patch.object(Question, "save", side_effect=OperationalError(message))


@contextlib.contextmanager
def no_transaction_starts(message="database is locked"):
    """The database refuses every new transaction, as SQLite refuses ``BEGIN IMMEDIATE`` while another
    connection holds the write lock past the busy timeout: before any save, at the revision's transaction."""
    set_autocommit = type(connections["default"]).set_autocommit

    def refusing_begin(wrapper, autocommit, *args, **kwargs):
        if not autocommit:
            raise OperationalError(message)
        return set_autocommit(wrapper, autocommit, *args, **kwargs)

    with mock.patch.object(type(connections["default"]), "set_autocommit", refusing_begin):
        yield


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_refused_save_shows_the_editors_form_again_with_the_reason(client, failure, language):
    question = QuestionFactory(number=3)
    client.force_login(EditorFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    path = reverse("admin:qa_question_change", args=[question.pk])
    data = form_data(client.get(path))
    data["title_en"] = "An editor's careful new title"
    data["body_zh_hans"] = "编辑认真写的新正文。"
    with refusing(failure):
        response = client.post(path, data)
    assert response.status_code == 503
    html = response.content.decode()
    english, chinese = FAILURES[failure]
    assert (english if language == "en" else chinese) in html
    assert "An editor&#x27;s careful new title" in html and "编辑认真写的新正文。" in html
    question.refresh_from_db()
    assert question.title_en == "Question title 3"

    again = form_data(client.get(path))  # the form still works once the database takes writes
    again["title_en"] = "An editor's careful new title"
    assert client.post(path, again).status_code == 302
    question.refresh_from_db()
    assert question.title_en == "An editor's careful new title"


def test_a_refused_new_question_keeps_its_text(client):
    QuestionFactory(number=1)
    client.force_login(EditorFactory())
    path = reverse("admin:qa_question_add")
    data = form_data(client.get(path))
    data.update(
        series=str(Question.objects.get().series_id), number="7", title_en="A brand-new question",
        body_en="Its first paragraph.", published="2020-03-01", status=Question.DRAFT,
    )
    with refusing("database is locked"):
        response = client.post(path, data)
    assert response.status_code == 503
    assert "A brand-new question" in response.content.decode()
    assert not Question.objects.filter(number=7).exists()


@pytest.mark.parametrize("language, expected", [("en", "Your change could not be saved"), ("zh-hans", "暂时无法保存")])
def test_a_login_the_database_cannot_record_is_a_clear_503(client, language, expected):
    EditorFactory()
    unrecordable = OperationalError("database is locked")
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.cycle_key", side_effect=unrecordable):
        response = client.post(
            reverse("admin:login"),
            {"username": "editor", "password": EDITOR_PASSWORD},
            HTTP_ACCEPT_LANGUAGE=language,
        )
    assert response.status_code == 503
    assert expected in response.content.decode()
    assert response["Retry-After"] == "60"


LOCKED_FORMS = {
    "question": (lambda: QuestionFactory(number=3), "summary_en", Question),
    "author": (AuthorFactory, "bio_en", Author),
    "page": (PageFactory, "body_en", Page),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("model", LOCKED_FORMS)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_locked_database_gives_the_change_form_back_not_an_error_page(client, model, language):
    make, field, model_class = LOCKED_FORMS[model]
    english, chinese_reason = FAILURES["database is locked"]
    expected = english if language == "en" else chinese_reason
    obj = make()
    client.force_login(EditorFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    path = url(f"{model}_change", obj.pk)
    data = form_data(client.get(path))
    data[field] = "What the editor typed while an import held the database."
    with no_transaction_starts():
        response = client.post(path, data)
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "admin/change_form.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert expected in html and "What the editor typed while an import held the database." in html
    assert getattr(model_class.objects.get(pk=obj.pk), field) != data[field]
    assert client.post(path, data).status_code == 302  # the same form, sent again once the database is free
    assert getattr(model_class.objects.get(pk=obj.pk), field) == data[field]


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_gives_the_add_form_back(client):
    QuestionFactory(number=1)
    client.force_login(EditorFactory())
    path = url("question_add")
    data = form_data(client.get(path))
    data.update(
        series=str(Question.objects.get().series_id), number="7", title_en="A brand-new question",
        body_en="Its first paragraph.", published="2020-03-01", status=Question.DRAFT,
    )
    with no_transaction_starts("database or disk is full"):
        response = chinese(client).post(path, data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "磁盘已满" in html and "A brand-new question" in html
    assert not Question.objects.filter(number=7).exists()


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_gives_the_translators_form_back(client):
    question = QuestionFactory(number=3)
    client.force_login(EditorFactory())
    path = reverse("admin:qa_question_translate", args=[question.pk, "zh-hans"])
    data = form_data(client.get(path))
    data["body_zh_hans"] = "译者认真写的正文。"
    with no_transaction_starts():
        response = chinese(client).post(path, data)
    assert response.status_code == 503
    assert "admin/qa/side_by_side_form.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert "正在写入数据库" in html and "译者认真写的正文。" in html
    assert Question.objects.get(pk=question.pk).body_zh_hans != "译者认真写的正文。"


def test_every_admin_of_the_hubs_models_keeps_its_form_on_a_refused_write():
    admins = [model_admin for model, model_admin in admin.site._registry.items() if model._meta.app_label == "qa"]
    assert admins and all(isinstance(model_admin, KeepsFormOnWriteFailure) for model_admin in admins)


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_gives_a_reviewer_links_form_back(client):
    link = ReviewLink.objects.create(question=QuestionFactory(number=3), language="en")
    client.force_login(EditorFactory())
    path = url("reviewlink_change", link.pk)
    data = form_data(client.get(path))
    data["expires_0"] = "2031-05-04"
    with no_transaction_starts():
        response = chinese(client).post(path, data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "正在写入数据库" in html and 'value="2031-05-04"' in html
    assert ReviewLink.objects.get().expires.year != 2031
