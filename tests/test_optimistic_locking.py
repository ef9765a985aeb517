"""Optimistic locking: every writer moves the version on, and a save or restore from a form opened before another
change (another editor's, an import's, the publish action's) or with a tampered version is refused, nothing lost;
on every model editors change in the admin (questions, authors, series, topics, regions, programmes, pages);
one sent after its object was deleted comes back as the add form, nothing created."""

import pytest
from django.conf import settings
from django.utils import translation
from reversion.models import Version

from qa.editorial.change_messages import readable
from qa.editorial.revisions import recorded
from qa.models import Pairing, Question
from tests.admin_forms import chinese, edit, form_data, save_change_form, url
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    PageFactory,
    PairingFactory,
    ProgrammeFactory,
    RegionFactory,
    SeriesFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# The editor is conftest.py's (EditorFactory); a second one is EditorFactory(username="other").


# --- versions move on with every writer ---------------------------------------


def test_every_save_moves_the_version_on(revision_question):
    start = revision_question.version
    revision_question.save()
    assert revision_question.version == start + 1
    stale = Question.objects.get(pk=revision_question.pk)
    revision_question.save()
    stale.title_en = "Saved from a stale copy"
    stale.save(update_fields=["title_en"])
    assert Question.objects.get(pk=revision_question.pk).version == start + 3


def test_a_restore_moves_the_version_on(revision_question):
    with recorded("one"):
        revision_question.save()
    version = Version.objects.get_for_object(revision_question).get()
    before = Question.objects.get(pk=revision_question.pk).version
    version.revision.revert()
    assert Question.objects.get(pk=revision_question.pk).version == before + 1


# --- a form opened before another change is refused ---------------------------


CONFLICT_EN = "Someone else saved this question after you opened it"


def test_two_editors_the_later_save_is_refused_and_nothing_is_lost(client, editor, revision_question):
    other = EditorFactory(username="other")
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(other)
    path = url("question_change", revision_question.pk)
    form_a = form_data(client.get(path))
    form_b = form_data(client_b.get(path))

    form_a["title_en"] = "A's title"
    assert client.post(path, form_a).status_code == 302
    form_b["title_en"] = "B's title"
    form_b["body_zh_hans"] = "B 的正文"
    response = client_b.post(path, form_b)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT_EN in html
    history = url("question_history", revision_question.pk)
    assert f'overwritten. <a href="{history}">See the other change in the history.</a> Then' in html
    assert "B 的正文" in html  # B's text stays in the form to copy
    revision_question.refresh_from_db()
    assert revision_question.title_en == "A's title" and revision_question.body_zh_hans == "第一段。\n\n第二段。"
    assert Version.objects.get_for_object(revision_question).count() == 1
    # Sending the same stale form again is refused again; a reloaded form saves.
    assert CONFLICT_EN in client_b.post(path, form_b).content.decode()
    assert edit(client_b, revision_question, title_en="B's title").status_code == 302
    revision_question.refresh_from_db()
    assert revision_question.title_en == "B's title"


def test_conflict_message_is_in_the_editors_language(client, editor, revision_question):
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(EditorFactory(username="other"))
    chinese(client_b)
    path = url("question_change", revision_question.pk)
    form_b = form_data(client_b.get(path))
    edit(client, revision_question, title_en="A's title")
    html = client_b.post(path, form_b).content.decode()
    with translation.override("zh-hans"):
        expected = translation.gettext("See the other change in the history.")
    assert expected != "See the other change in the history."
    assert f'<a href="{url("question_history", revision_question.pk)}">{expected}</a>' in html
    assert CONFLICT_EN not in html
    assert "内容。<a href=" in html and f"{expected}</a>然后" in html  # no half-width space after 。


def test_a_write_from_outside_the_admin_also_refuses_the_stale_form(client, editor, revision_question):
    client.force_login(editor)
    path = url("question_change", revision_question.pk)
    form = form_data(client.get(path))
    with recorded("Imported"):
        Question.objects.get(pk=revision_question.pk).save()
    form["title_en"] = "Stale edit"
    assert CONFLICT_EN in client.post(path, form).content.decode()
    revision_question.refresh_from_db()
    assert revision_question.title_en == "How did China contain the outbreak?"


def test_a_tampered_version_is_refused(client, editor, revision_question):
    client.force_login(editor)
    path = url("question_change", revision_question.pk)
    form = form_data(client.get(path))
    for bad in ["", "not-a-number", str(revision_question.version + 5)]:
        form["edit_version"] = bad
        response = client.post(path, form)
        assert response.status_code == 200
    revision_question.refresh_from_db()
    assert revision_question.version == 0


def test_restoring_from_a_stale_page_is_refused(client, editor, revision_question):
    client.force_login(editor)
    edit(client, revision_question)
    oldest = Version.objects.get_for_object(revision_question).get()
    revision_url = url("question_revision", revision_question.pk, oldest.pk)
    stale = form_data(client.get(revision_url))
    edit(client, revision_question, title_en="Newer work")
    response = client.post(revision_url, stale)
    assert CONFLICT_EN in response.content.decode()
    revision_question.refresh_from_db()
    assert revision_question.title_en == "Newer work"


def test_two_editors_on_one_author(client, editor):
    author = AuthorFactory(slug="chen-jing", name_en="Chen Jing", name_zh_hans="陈静")
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(EditorFactory(username="other"))
    path = url("author_change", author.pk)
    form_b = form_data(client_b.get(path))
    save_change_form(client, path, position_en="Professor")
    form_b["position_en"] = "Lecturer"
    assert "Someone else saved this author after you opened it" in client_b.post(path, form_b).content.decode()
    author.refresh_from_db()
    assert author.position_en == "Professor"


@pytest.mark.parametrize(
    "factory, other_field, name",
    [
        (TopicFactory, "description_en", "topic"),
        (SeriesFactory, "description_en", "series"),
        (RegionFactory, "kind", "region"),
        (ProgrammeFactory, "description_en", "programme"),
    ],
)
def test_two_editors_on_any_translated_content(client, editor, factory, other_field, name):
    """A stale form that changed another field used to save, putting the other editor's name or title back."""
    field = "title_en" if factory is SeriesFactory else "name_en"
    obj = factory(**{field: "Partner assistance"})
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(EditorFactory(username="other"))
    path = url(f"{name}_change", obj.pk)
    stale = form_data(client.get(path))
    assert save_change_form(client_b, path, **{field: "Partner assistance (B)"}).status_code == 302
    before = getattr(type(obj).objects.get(pk=obj.pk), other_field)
    stale[other_field] = "municipality" if other_field == "kind" else "Written from the stale form."
    response = client.post(path, stale)
    assert response.status_code == 200
    assert f"Someone else saved this {name} after you opened it" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == "Partner assistance (B)" and getattr(obj, other_field) == before
    assert Version.objects.get_for_object(obj).count() == 1
    assert edit(client, obj, **{other_field: stale[other_field]}).status_code == 302  # a reloaded form saves
    obj.refresh_from_db()
    assert getattr(obj, field) == "Partner assistance (B)" and getattr(obj, other_field) == stale[other_field]


def test_two_editors_on_one_programmes_pairs(client, editor):
    """The pairs are saved with their programme, which moves its version on whatever changed."""
    pairing = PairingFactory()
    client_b = client.__class__()
    client.force_login(editor)
    client_b.force_login(EditorFactory(username="other"))
    path = url("programme_change", pairing.programme.pk)
    stale = form_data(client.get(path))
    assert save_change_form(client_b, path, **{"pairings-0-note_en": "B's note"}).status_code == 302
    stale["pairings-0-medical_teams"] = "3"
    assert "Someone else saved this programme after you opened it" in client.post(path, stale).content.decode()
    pairing.refresh_from_db()
    assert (pairing.note_en, pairing.medical_teams) == ("B's note", None)


def test_publish_action_records_a_revision_and_moves_the_version_on(client, editor, revision_question):
    client.force_login(editor)
    path = url("question_change", revision_question.pk)
    form = form_data(client.get(path))
    client.post(url("question_changelist"), {"action": "publish", "_selected_action": [revision_question.pk]})
    revision_question.refresh_from_db()
    assert revision_question.is_published
    assert readable(Version.objects.get_for_object(revision_question).get().revision.comment) == (
        "Status set to “published”."
    )
    assert CONFLICT_EN in client.post(path, form).content.decode()


# --- a form sent after someone deleted its object -----------------------------


DELETED = {
    "en": "Someone deleted this question after you opened it, so nothing was saved and nothing was created.",
    "zh-hans": "您打开此问答之后，其他人删除了它，因此没有保存任何内容，也没有新建任何内容。",
    "zh-hant": "您打開此問答之後，其他人刪除了它，因此沒有保存任何內容，也沒有新建任何內容。",
}


@pytest.mark.parametrize("language", DELETED)
def test_a_save_after_the_question_was_deleted_gives_the_text_back_in_the_add_form(
    client, editor, revision_question, language
):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    path = url("question_change", revision_question.pk)
    data = form_data(client.get(path))
    data["body_en"] = "What the editor typed while another deleted the question."
    byline = list(revision_question.authors.order_by("authorships__order"))
    Question.objects.get(pk=revision_question.pk).delete()

    response = client.post(path, data)
    assert response.status_code == 200 and response.context["add"]
    html = response.content.decode()
    assert DELETED[language] in html
    assert "What the editor typed while another deleted the question." in html
    assert f'action="{url("question_add")}"' in html and f'href="{url("question_recoverlist")}"' in html
    assert not Question.objects.exists()  # nothing created until the editor decides

    assert client.post(url("question_add"), form_data(response)).status_code == 302
    again = Question.objects.get()
    assert again.body_en == "What the editor typed while another deleted the question."
    assert list(again.authors.order_by("authorships__order")) == byline


@pytest.mark.parametrize("make, field", [(AuthorFactory, "bio_en"), (PageFactory, "body_en")])
def test_a_save_after_an_author_or_page_was_deleted_gives_the_text_back(client, editor, make, field):
    obj = make()
    name = obj._meta.model_name
    chinese(client).force_login(editor)
    path = url(f"{name}_change", obj.pk)
    data = form_data(client.get(path))
    data[field] = "编辑写到一半的文字。"
    obj.delete()
    response = client.post(path, data)
    html = response.content.decode()
    assert f"您打开此{obj._meta.verbose_name}之后，其他人删除了它" in html and "编辑写到一半的文字。" in html
    assert not type(obj).objects.exists()


def test_a_translation_sent_after_the_question_was_deleted_comes_back(client, editor, revision_question):
    client.force_login(editor)
    path = url("question_translate", revision_question.pk, "zh-hans")
    data = form_data(client.get(path))
    data["body_zh_hans"] = "译者写到一半的正文。"
    Question.objects.get(pk=revision_question.pk).delete()
    response = client.post(path, data)
    assert response.status_code == 200 and response.context["add"]
    html = response.content.decode()
    assert DELETED["en"] in html and "译者写到一半的正文。" in html
    assert not Question.objects.exists()


def test_a_programme_deleted_meanwhile_comes_back_with_its_pairs_as_new_rows(client, editor):
    pairing = PairingFactory(note_en="A note typed with care.")
    programme = pairing.programme
    client.force_login(editor)
    path = url("programme_change", programme.pk)
    data = form_data(client.get(path))
    data["description_en"] = "A description typed meanwhile."
    programme.delete()
    response = client.post(path, data)
    assert response.context["add"]
    assert "A description typed meanwhile." in response.content.decode()
    assert client.post(url("programme_add"), form_data(response)).status_code == 302
    again = Pairing.objects.get()
    assert (again.supporter, again.supported, again.note_en) == (pairing.supporter, pairing.supported, pairing.note_en)
    assert again.programme.description_en == "A description typed meanwhile."
