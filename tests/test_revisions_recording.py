"""Revisions recorded by every writer: what is registered and followed, recorded() with its comment and user,
undoing an import, the undo_revision command and the revisions the import commands leave."""

from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from qa.editorial.change_messages import readable
from qa.editorial.revisions import recorded, undo
from qa.models import Author, Authorship, Pairing, Programme, Question, Region, Series
from tests.factories import AuthorFactory, make_question

pytestmark = pytest.mark.django_db


# --- registration and recorded() ----------------------------------------------


def test_revisions_keep_every_language_and_follow_bylines_and_pairings():
    question_fields = _get_options(Question).fields
    assert {"title_en", "title_zh_hans", "body_en", "body_zh_hans"} <= set(question_fields)
    assert "version" not in question_fields
    assert _get_options(Question).follow == ("authorships",)
    assert _get_options(Programme).follow == ("pairings",)
    for model in (Series, Author, Authorship, Region, Pairing):
        assert reversion.is_registered(model)


def test_recorded_keeps_an_orm_save_as_a_revision_with_comment_and_user(revision_question, editor):
    with recorded("Imported content bundle", user=editor):
        revision_question.title_zh_hans = "新标题"
        revision_question.save()
    version = Version.objects.get_for_object(revision_question).get()
    assert version.revision.get_comment() == "Imported content bundle"
    assert version.revision.user == editor
    assert version.field_dict["title_zh_hans"] == "新标题"
    assert version.field_dict["title_en"] == "How did China contain the outbreak?"
    followed = {v.content_type.model for v in version.revision.version_set.all()}
    assert followed == {"question", "authorship"}


def test_recorded_without_user_and_an_import_can_be_undone(revision_question):
    with recorded("Before import"):
        revision_question.save()
    with recorded("Import"):
        revision_question.title_en = "Overwritten by an import"
        revision_question.save()
    Version.objects.get_for_object(revision_question).last().revision.revert()
    revision_question.refresh_from_db()
    assert revision_question.title_en == "How did China contain the outbreak?"
    assert Version.objects.get_for_object(revision_question).first().revision.user is None


def test_undo_an_import_puts_back_what_it_changed_and_removes_what_it_created(revision_question, revision_series):
    with recorded("Before import"):
        revision_question.save()
    with recorded("Import bundle"):
        revision_question.title_zh_hans = "导入的标题"
        revision_question.save()
        newcomer = AuthorFactory(slug="new-author", name_en="New Author", name_zh_hans="新作者")
        make_question(revision_series, 7, "Imported question", "导入的问题", "Body", "正文", authors=[newcomer])
    import_revision = Version.objects.get_for_object(revision_question).first().revision
    restored, deleted = undo(import_revision)
    assert (restored, deleted) == (3, 3)  # the question and its byline; the new author, question, authorship
    revision_question.refresh_from_db()
    assert revision_question.title_zh_hans == "中国如何控制疫情？"
    assert not Question.objects.filter(number=7).exists()
    assert not Author.objects.filter(slug="new-author").exists()
    comment = Version.objects.get_for_object(revision_question).first().revision.comment
    assert readable(comment) == f"Undid revision {import_revision.pk} (Import bundle)"
    with translation.override("zh-hans"):
        assert readable(comment) == f"撤销了修订{import_revision.pk}（Import bundle）"


def test_undo_revision_command_lists_and_undoes(revision_question):
    with recorded("Before import"):
        revision_question.save()
    with recorded("Import bundle"):
        revision_question.title_en = "Imported title"
        revision_question.save()
    out = StringIO()
    call_command("undo_revision", stdout=out)
    assert "Import bundle" in out.getvalue() and "Before import" in out.getvalue()
    revision_id = Version.objects.get_for_object(revision_question).first().revision_id
    call_command("undo_revision", str(revision_id), stdout=out)
    revision_question.refresh_from_db()
    assert revision_question.title_en == "How did China contain the outbreak?"
    with pytest.raises(CommandError):
        call_command("undo_revision", "999999")


# --- the import commands -------------------------------------------------------


def test_imports_leave_a_revision_that_can_be_undone(tmp_path):
    """Both import commands record one revision; undoing it restores the earlier text."""
    bundle = Path(settings.BASE_DIR) / "content" / "knowledgehub.json"
    call_command("import_content", str(bundle))
    revision = Revision.objects.latest("pk")
    assert readable(revision.comment) == "Imported a content bundle"
    with translation.override("zh-hans"):
        assert readable(revision.comment) == "导入了内容包"
    assert revision.version_set.filter(content_type__model="question").exists()

    revision_question = Question.objects.get(number=3)
    revision_question.title_en = "An editor's title"
    with recorded("An editor's correction"):
        revision_question.save()
    paper = Path(__file__).parent / "data" / "cikd-qa-03-partner-assistance.txt"
    call_command("import_qa", str(paper))
    revision = Revision.objects.latest("pk")
    assert readable(revision.comment) == f"Imported working papers: {paper}"
    with translation.override("zh-hans"):
        assert readable(revision.comment) == f"导入了工作论文：{paper}"
    revision_question.refresh_from_db()
    assert revision_question.title_en.startswith("Why Is Partner Assistance")

    undo(revision)
    revision_question.refresh_from_db()
    assert revision_question.title_en == "An editor's title"
