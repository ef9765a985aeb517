"""Restoring an older revision and recovering deleted questions (with their bylines), authors and programmes
(with their pairings) through the admin, as an editor uses it, in both languages."""

import datetime

import pytest
from reversion.models import Version

from qa.models import Author, Authorship, Pairing, Programme, Question
from tests.admin_forms import chinese, edit, form_data, save_change_form, url
from tests.factories import AuthorFactory, PairingFactory, ProgrammeFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_restore_an_older_revision_brings_back_both_languages(client, editor, revision_question):
    client.force_login(editor)
    edit(client, revision_question)
    edit(client, revision_question, title_en="Wrong title", title_zh_hans="错误的标题")
    oldest = Version.objects.get_for_object(revision_question).last()
    revision_url = url("question_revision", revision_question.pk, oldest.pk)
    page = client.get(revision_url)
    html = page.content.decode()
    assert "modeltranslation/js/tabbed_translation_fields" in html
    assert 'name="title_en"' in html and 'name="title_zh_hans"' in html
    assert "How did China contain the outbreak?" in html and "中国如何控制疫情？" in html
    revision_question.refresh_from_db()
    assert revision_question.title_en == "Wrong title"  # showing an old version changes nothing
    response = client.post(revision_url, form_data(page))
    assert response.status_code == 302
    revision_question.refresh_from_db()
    restored = (revision_question.title_en, revision_question.title_zh_hans)
    assert restored == ("How did China contain the outbreak?", "中国如何控制疫情？")
    latest = Version.objects.get_for_object(revision_question).first()
    assert latest.revision.user == editor
    assert latest.pk != oldest.pk


def test_restore_in_the_chinese_admin_keeps_each_language_in_its_place(client, editor, revision_question):
    client.force_login(editor)
    chinese(client)
    edit(client, revision_question)
    edit(client, revision_question, title_en="Wrong title", title_zh_hans="错误的标题")
    oldest = Version.objects.get_for_object(revision_question).last()
    revision_url = url("question_revision", revision_question.pk, oldest.pk)
    client.post(revision_url, form_data(client.get(revision_url)))
    revision_question.refresh_from_db()
    restored = (revision_question.title_en, revision_question.title_zh_hans)
    assert restored == ("How did China contain the outbreak?", "中国如何控制疫情？")


def test_delete_then_recover_a_question_with_its_authors(client, editor, revision_question):
    client.force_login(editor)
    edit(client, revision_question)
    pk = revision_question.pk
    response = client.post(url("question_delete", pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Question.objects.filter(pk=pk).exists()
    assert not Authorship.objects.filter(question_id=pk).exists()
    recoverlist = client.get(url("question_recoverlist"))
    deleted = Version.objects.get_deleted(Question).get()
    assert url("question_recover", deleted.pk) in recoverlist.content.decode()
    recover_url = url("question_recover", deleted.pk)
    page = client.get(recover_url)
    assert page.status_code == 200 and 'name="title_zh_hans"' in page.content.decode()
    assert not Question.objects.filter(pk=pk).exists()
    response = client.post(recover_url, form_data(page))
    assert response.status_code == 302
    recovered = Question.objects.get(pk=pk)
    assert recovered.title_zh_hans == "中国如何控制疫情？"
    assert [a.slug for a in recovered.byline] == ["li-wei", "zhang-min"]
    assert not Version.objects.get_deleted(Question).exists()


def test_a_version_of_another_model_cannot_be_restored_through_this_one(client, editor, revision_question):
    client.force_login(editor)
    author = revision_question.byline[0]
    save_change_form(client, url("author_change", author.pk), name_en="Changed")
    author_version = Version.objects.get_for_object(author).get()
    assert client.get(url("question_revision", revision_question.pk, author_version.pk)).status_code == 404
    assert client.get(url("question_recover", author_version.pk)).status_code == 404
    assert client.get(url("question_revision", revision_question.pk, 999999)).status_code == 404


def test_delete_then_recover_an_author(client, editor):
    client.force_login(editor)
    author = AuthorFactory(slug="wang-fang", name_en="Wang Fang", name_zh_hans="王芳")
    save_change_form(client, url("author_change", author.pk), bio_en="Economist.")
    client.post(url("author_delete", author.pk), {"post": "yes"})
    deleted = Version.objects.get_deleted(Author).get()
    recover_url = url("author_recover", deleted.pk)
    client.post(recover_url, form_data(client.get(recover_url)))
    recovered = Author.objects.get(slug="wang-fang")
    assert (recovered.name_zh_hans, recovered.bio_en) == ("王芳", "Economist.")


def test_recover_a_programme_with_its_pairings(client, editor):
    client.force_login(editor)
    hubei = RegionFactory(code="hubei", name_en="Hubei", name_zh_hans="湖北", kind="province")
    beijing = RegionFactory(code="beijing", name_en="Beijing", name_zh_hans="北京", kind="municipality")
    programme = ProgrammeFactory(slug="pairing", name_en="Pairing", announced=datetime.date(2020, 2, 7))
    PairingFactory(programme=programme, supporter=beijing, supported=hubei, medical_teams=3)
    save_change_form(client, url("programme_change", programme.pk), name_zh_hans="对口支援")
    client.post(url("programme_delete", programme.pk), {"post": "yes"})
    assert not Pairing.objects.exists()
    deleted = Version.objects.get_deleted(Programme).get()
    recover_url = url("programme_recover", deleted.pk)
    client.post(recover_url, form_data(client.get(recover_url)))
    assert Pairing.objects.get().medical_teams == 3
    assert Programme.objects.get().name_zh_hans == "对口支援"
