"""The search index following every write: drafts never found, saves, unpublishing and deletes, bylines and
renamed authors, a restored revision, and the rebuild_search_index command."""

import pytest
from django.core.management import call_command

from qa.models import Authorship, Question, SearchEntry
from tests.factories import AuthorFactory
from tests.searching import api, numbers

pytestmark = pytest.mark.django_db


def test_drafts_never_appear_even_to_staff(client, admin_user, make_question):
    make_question(title_en="Secret draft", body_en="Unpublished findings.", status=Question.DRAFT)
    client.force_login(admin_user)

    assert numbers("unpublished") == []
    assert "Secret draft" not in client.get("/en/search/", {"q": "unpublished"}).content.decode()
    assert api(client, q="unpublished")["count"] == 0
    assert not SearchEntry.objects.exists()


def test_index_follows_save_unpublish_and_delete(make_question):
    question = make_question(title_en="Testing", body_en="Nucleic acid tests.", status=Question.DRAFT)
    assert numbers("nucleic") == []

    question.status = Question.PUBLISHED
    question.save()
    assert numbers("nucleic") == [question.number]

    question.body_en = "Antigen tests."
    question.save()
    assert numbers("nucleic") == []
    assert numbers("antigen") == [question.number]

    question.body_zh_hans = "核酸检测"
    question.save()
    assert numbers("核酸") == [question.number]

    question.status = Question.DRAFT
    question.save()
    assert numbers("antigen") == []

    question.status = Question.PUBLISHED
    question.save()
    Question.objects.filter(pk=question.pk).delete()
    assert numbers("antigen") == []
    assert not SearchEntry.objects.exists()


def test_index_follows_bylines_and_author_renames(make_question):
    question = make_question(title_en="Experts", body_en="Text.")
    author = AuthorFactory(slug="li", name_en="Li Lanjuan", name_zh_hans="李兰娟")

    question.authors.add(author)
    assert numbers("lanjuan") == [question.number]

    author.name_en = "Lanjuan Li"
    author.name_zh_hans = "李兰娟院士"
    author.save()
    assert numbers("院士") == [question.number]

    question.authors.remove(author)
    assert numbers("lanjuan") == []

    authorship = Authorship.objects.create(question=question, author=author)
    assert numbers("lanjuan") == [question.number]
    authorship.delete()
    assert numbers("lanjuan") == []

    author.questions.add(question)
    assert numbers("lanjuan") == [question.number]
    author.questions.clear()
    assert numbers("lanjuan") == []


def test_index_follows_a_restored_revision(make_question):
    from reversion.models import Version

    from qa.editorial.revisions import recorded

    question = make_question(title_en="Equipment", body_en="Oxygen concentrators.")
    with recorded("Before"):
        question.save()
    with recorded("Edit"):
        question.body_en = "Ventilators."
        question.save()
    assert numbers("oxygen") == []

    Version.objects.get_for_object(question).last().revision.revert()

    assert numbers("oxygen") == [question.number]
    assert numbers("ventilators") == []


def test_rebuild_search_index_command(make_question):
    question = make_question(title_en="Rebuild", body_en="Fangcang hospitals.")
    make_question(title_en="Draft", body_en="Fangcang draft.", status=Question.DRAFT)
    SearchEntry.objects.all().delete()
    assert numbers("fangcang") == []

    call_command("rebuild_search_index", verbosity=0)

    assert numbers("fangcang") == [question.number]
    assert SearchEntry.objects.count() == 1
