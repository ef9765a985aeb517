"""The admin's import page: upload, the full preview, confirming, conflicts with other editors, limits, languages."""

import datetime
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from qa.models import Author, Question
from tests.admin_forms import save_change_form
from tests.factories import EditorFactory, StaffFactory
from tests.working_paper_data import (
    LETTERHEAD,
    PARAGRAPHS,
    SAMPLE,
    TITLE,
    question_3,
    run,
    sample_bytes,
    working_paper,
    write,
)


@pytest.fixture
def editor(editor, client):
    """The shared editor (conftest.py), logged in on ``client``."""
    client.force_login(editor)
    return editor


IMPORT_URL = "/admin/qa/question/import/"


def upload(name, text):
    return SimpleUploadedFile(name, text if isinstance(text, bytes) else text.encode(), content_type="text/plain")


def preview_token(response):
    return re.search(r'name="preview" value="([^"]+)"', response.content.decode())[1]


@pytest.mark.django_db
def test_changelist_links_to_the_import_page(client, editor):
    assert reverse("admin:qa_question_import") == IMPORT_URL
    assert IMPORT_URL in client.get("/admin/qa/question/").content.decode()


@pytest.mark.django_db
def test_upload_preview_confirm(client, editor):
    response = client.get(IMPORT_URL)
    assert response.status_code == 200 and 'type="file"' in response.content.decode()

    files = [upload("q3.txt", sample_bytes()), upload("q12.txt", working_paper(number="12"))]
    response = client.post(IMPORT_URL, {"files": files})
    page = response.content.decode()
    assert response.status_code == 200
    assert "will be created" in page and "q3.txt" in page and "q12.txt" in page
    assert "Why Is Partner Assistance Adopted in China&#x27;s COVID-19 Battle?" in page
    assert not Question.objects.exists()

    response = client.post(IMPORT_URL, {"preview": preview_token(response)}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/qa/question/"
    assert "Imported 2 working papers: 2 created as drafts, 0 changed, 0 unchanged." in response.content.decode()
    assert question_3().body_en == "\n\n".join(PARAGRAPHS)
    assert Question.objects.count() == 2

    response = client.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]})
    assert "nothing changes" in response.content.decode()


@pytest.mark.django_db
def test_altered_preview_is_refused(client, editor):
    response = client.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]})
    token = preview_token(response)
    response = client.post(IMPORT_URL, {"preview": token[:-3] + "abc"})
    assert "expired or was altered" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_preview_signed_for_another_user_is_refused(client, editor):
    token = preview_token(client.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]}))
    other = EditorFactory(username="other")
    client.force_login(other)
    assert "expired or was altered" in client.post(IMPORT_URL, {"preview": token}).content.decode()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_upload_with_a_bad_file_shows_errors_and_writes_nothing(client, editor):
    response = client.post(IMPORT_URL, {"files": [
        upload("q3.txt", sample_bytes()),
        upload("minutes.txt", "Minutes\n\nof the meeting"),
        upload("latin.txt", "caf\u00e9".encode("latin-1")),
    ]})
    page = response.content.decode()
    assert "minutes.txt, line 1: expected the header" in page
    assert "latin.txt, line 1: the file is not UTF-8 text" in page
    assert 'name="preview"' not in page
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_only_pdf_and_txt_files_are_accepted(client, editor):
    response = client.post(IMPORT_URL, {"files": [upload("q3.docx", sample_bytes())]})
    assert "q3.docx is not a .pdf or .txt file." in response.content.decode()


@pytest.mark.django_db
def test_too_much_text_at_once_is_refused(client, editor):
    response = client.post(IMPORT_URL, {"files": [upload("big.txt", b"x" * (2 * 1024 * 1024 + 1))]})
    assert "larger than 2 MB together" in response.content.decode()


@pytest.mark.django_db
def test_errors_are_shown_in_chinese(client, editor):
    response = client.post(
        IMPORT_URL, {"files": [upload("minutes.txt", "Minutes\n\nof the meeting")]}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    page = response.content.decode()
    assert "minutes.txt第1行：" in page
    assert "这是中国国际发展知识中心的工作论文吗" in page
    assert "expected the header" not in page

    client.cookies["django_language"] = "zh-hans"
    response = client.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]})
    page = response.content.decode()
    assert "将新建" in page and "确认导入" in page


@pytest.mark.django_db
def test_staff_without_permission_cannot_import(client):
    user = StaffFactory(username="viewer")
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]}).status_code == 403
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_import_page_queries_stay_flat_as_questions_grow(client, editor, django_assert_max_num_queries, tmp_path):
    run(str(SAMPLE))
    with django_assert_max_num_queries(8):
        client.get(IMPORT_URL)
    run(*[write(tmp_path, f"q{n}.txt", working_paper(number=str(n))) for n in range(10, 40)])
    with django_assert_max_num_queries(8):
        client.get(IMPORT_URL)


# What the editor sees and decides: the full preview, drafts, conflicts, limits


def preview(client, *files, **headers):
    return client.post(IMPORT_URL, {"files": [upload(name, text) for name, text in files]}, **headers)


def confirm(client, response, publish=False, **headers):
    data = {"preview": preview_token(response)}
    if publish:
        data["publish"] = "on"
    return client.post(IMPORT_URL, data, follow=True, **headers)


LONG_TITLE = "Why Is Partner Assistance " + "Adopted and Extended " * 20 + "in China's COVID-19 Battle?"


@pytest.mark.django_db
def test_preview_shows_the_full_title_and_every_paragraph_with_its_page_breaks(client, editor):
    body = (
        "The first paragraph runs on past the end of the page and"
        f"{LETTERHEAD}continues on the next one.\n\n"
        f"The second paragraph ends on its page.{LETTERHEAD}the elderly and to families in isolation.\n\n"
        "A third paragraph."
    )
    page = preview(client, ("q7.txt", working_paper(title=LONG_TITLE, body=body))).content.decode()
    title = LONG_TITLE.replace("'", "&#x27;")
    assert len(LONG_TITLE) > 300 and f"<td lang=\"en\">{title}</td>" in page
    for paragraph in [
        "The first paragraph runs on past the end of the page and continues on the next one.",
        "The second paragraph ends on its page.",
        "the elderly and to families in isolation.",
        "A third paragraph.",
    ]:
        assert f'<p lang="en">{paragraph}</p>' in page
    assert "Joined across the page break at line 14." in page
    assert "Starts a new paragraph after the page break at line 24." in page
    assert "Research Fellow, CIKD" in page and "…" not in page.split('id="content-main"')[1]


@pytest.mark.django_db
def test_a_reimport_shows_each_change_in_full(client, editor, tmp_path):
    run(str(SAMPLE))
    changed = sample_bytes().decode().replace("efficient and effective.", "efficient and effective!")
    page = preview(client, ("q3.txt", changed)).content.decode()
    assert "will be changed" in page
    assert f"<p>{PARAGRAPHS[-1]}</p>" in page
    assert f'<p lang="en">{PARAGRAPHS[-1][:-1]}!</p>' in page
    assert "…" not in page.split('id="content-main"')[1]


@pytest.mark.django_db
def test_preview_shows_labels_in_the_editors_language_never_codes(client, editor):
    page = preview(client, ("q3.txt", sample_bytes())).content.decode()
    assert "<td>month</td>" in page and "<td>English</td>" in page and "<td>draft</td>" in page
    assert '<th scope="row">English title</th>' in page and '<th scope="row">Author: English position</th>' in page

    client.cookies["django_language"] = "zh-hans"
    page = preview(client, ("q3.txt", sample_bytes())).content.decode()
    assert "<td>精确到月</td>" in page and "<td>英文</td>" in page and "<td>草稿</td>" in page
    assert "<td>en</td>" not in page and "<td>month</td>" not in page
    assert '<th scope="row">英文标题</th>' in page and '<th scope="row">作者：英文职务</th>' in page
    assert "[en]" not in page and "作者: " not in page


@pytest.mark.django_db
def test_new_questions_are_drafts_that_readers_do_not_see(client, editor):
    response = preview(client, ("q3.txt", sample_bytes()))
    page = response.content.decode()
    assert 'name="publish"' in page and "checked" not in page.split('name="publish"')[1].split(">")[0]
    assert "Publish the new questions at once" in page
    response = confirm(client, response)
    assert "1 created as a draft" in response.content.decode()
    question = question_3()
    assert question.status == Question.DRAFT
    client.logout()
    assert client.get(question.url_for("en")).status_code == 404


@pytest.mark.django_db
def test_the_publish_box_publishes_the_new_questions(client, editor):
    response = confirm(client, preview(client, ("q3.txt", sample_bytes())), publish=True)
    assert "Imported 1 working paper: 1 created and published, 0 changed, 0 unchanged." in response.content.decode()
    question = question_3()
    assert question.status == Question.PUBLISHED
    client.logout()
    assert client.get(question.url_for("en"), follow=True).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Question.DRAFT, Question.PUBLISHED])
@pytest.mark.parametrize("publish", [False, True])
def test_a_reimport_keeps_the_status(client, editor, status, publish):
    run(str(SAMPLE), "--publish") if status == Question.PUBLISHED else run(str(SAMPLE))
    changed = sample_bytes().decode().replace("efficient and effective.", "efficient and effective indeed.")
    response = preview(client, ("q3.txt", changed))
    assert 'name="publish"' not in response.content.decode()
    confirm(client, response, publish=publish)
    question = question_3()
    assert question.body_en.endswith("indeed.") and question.status == status


@pytest.mark.django_db
def test_confirming_after_another_editor_saved_is_refused_and_keeps_their_text(client, editor):
    run(str(SAMPLE))
    response = preview(client, ("q3.txt", sample_bytes().decode().replace("March 2020", "April 2020")))
    other, client_b = EditorFactory(username="zhang.wei"), client.__class__()
    client_b.force_login(other)
    change_url = reverse("admin:qa_question_change", args=[question_3().pk])
    assert save_change_form(client_b, change_url, title_en="Zhang Wei's title").status_code == 302

    response = confirm(client, response)
    page = response.content.decode()
    assert response.redirect_chain == []
    assert "Nothing was imported" in page
    assert "Question 3 “Zhang Wei&#x27;s title” was saved by zhang.wei on " in page
    assert question_3().title_en == "Zhang Wei's title"
    assert question_3().published == datetime.date(2020, 3, 1)
    # The fresh preview compares with what is saved now, and confirming it imports.
    assert "Zhang Wei&#x27;s title" in page.split("<table>")[1]
    response = confirm(client, response)
    assert response.redirect_chain[-1][0] == "/admin/qa/question/"
    assert (question_3().title_en, question_3().published) == (TITLE, datetime.date(2020, 4, 1))


@pytest.mark.django_db
def test_confirming_after_the_author_was_saved_is_refused(client, editor):
    run(str(SAMPLE))
    response = preview(client, ("q3.txt", sample_bytes()))
    author = Author.objects.get()
    author.position_en = "Director, CIKD"
    author.save()
    page = confirm(client, response).content.decode()
    assert "Author “Zhou Taidong” was saved by someone on " in page
    assert Author.objects.get().position_en == "Director, CIKD"


@pytest.mark.django_db
def test_confirming_when_the_question_was_created_meanwhile_is_refused(client, editor):
    response = preview(client, ("q3.txt", sample_bytes()))
    other, client_b = EditorFactory(username="li.hua"), client.__class__()
    client_b.force_login(other)
    confirm(client_b, preview(client_b, ("q3.txt", sample_bytes().decode().replace("March", "May"))))
    page = confirm(client, response).content.decode()
    assert f"Question 3 “{TITLE}”".replace("'", "&#x27;") + " was saved by li.hua on " in page
    assert Question.objects.get().published == datetime.date(2020, 5, 1)


@pytest.mark.django_db
def test_the_conflict_is_told_in_chinese(client, editor):
    run(str(SAMPLE))
    client.cookies["django_language"] = "zh-hans"
    response = preview(client, ("q3.txt", sample_bytes().decode().replace("March 2020", "April 2020")))
    question = question_3()
    question.title_en = "Changed meanwhile"
    question.save()
    page = confirm(client, response).content.decode()
    assert re.search(r"“Changed meanwhile”.*\d{4}年\d{1,2}月\d{1,2}日", page)
    assert "确认导入" in page
    assert question_3().title_en == "Changed meanwhile"


@pytest.mark.django_db
def test_a_forbidden_character_is_refused_with_file_and_line(client, editor):
    text = working_paper(body="One paragraph\x0b of text.")
    page = preview(client, ("vt.txt", text)).content.decode()
    assert "vt.txt, line 11: this line contains the invisible character U+000B (at character 14)" in page
    assert not Question.objects.exists()

@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_with_file_and_line(client, editor, tmp_path):
    paragraph = "A long paragraph. " * 600
    body = "\n\n".join([paragraph.strip()] * 20)
    bad = write(tmp_path, "big.txt", working_paper(body=body))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_qa", bad, stdout=StringIO(), stderr=err)
    assert f"{bad}, line 47: the body is too long: keep it under 200 KB (it is 216 KB)" in err.getvalue()
    page = preview(client, ("big.txt", working_paper(body=body))).content.decode()
    assert "big.txt, line 47: the body is too long" in page
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_picture_and_an_empty_file_are_named(client, editor):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    page = preview(client, ("picture.txt", png)).content.decode()
    assert "picture.txt, line 1: the file is not text but an image, a PDF or another binary file" in page
    assert "UTF-8" not in page.split("errorlist")[1].split("</ul>")[0]
    page = preview(client, ("empty.txt", b"")).content.decode()
    assert "empty.txt is empty." in page


@pytest.mark.django_db
@pytest.mark.parametrize("csrf", [False, True])
def test_too_many_files_get_the_forms_message(client, editor, csrf):
    from django.test import Client

    browser = Client(enforce_csrf_checks=csrf)
    browser.force_login(editor)
    token = browser.get(IMPORT_URL).context["csrf_token"]
    files = [upload(f"q{n}.txt", working_paper(number=str(n))) for n in range(1, 102)]
    response = browser.post(IMPORT_URL, {"files": files, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Upload at most 100 files at a time." in page and 'type="file"' in page
    assert not Question.objects.exists()
    browser.cookies["django_language"] = "zh-hans"
    page = browser.post(IMPORT_URL, {"files": files, "csrfmiddlewaretoken": str(token)}).content.decode()
    assert "上传一篇或多篇中国国际发展知识中心工作论文的文本" in page
    assert "100" in page.split('class="errorlist"')[1]


@pytest.mark.django_db
def test_the_import_page_still_checks_csrf(editor):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]}).status_code == 403

