"""Working papers as PDFs: the text extracted word for word in both editions, the Chinese edition filling only
the Chinese fields, the original kept and offered to readers, many at once, and every bad PDF refused whole."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from reversion.models import Version

from qa.interchange import pdf_text, pdf_worker
from qa.interchange.pdf_text import extract_texts
from qa.interchange.working_papers import parse
from qa.management.commands.import_qa import ProgressBar
from qa.models import Author, PendingPaper, Question, WorkingPaperFile
from tests.pdf_papers import (
    AUTHOR_ZH,
    HYPHENATED,
    HYPHENATED_LINES,
    PARAGRAPHS_ZH,
    POSITION_ZH,
    TITLE_ZH,
    chinese_paper,
    encrypted_pdf,
    english_paper,
    needs_cjk_font,
    not_a_paper_pdf,
    scanned_pdf,
    zip_bomb_pdf,
)
from tests.working_paper_data import PARAGRAPHS, POSITION, TITLE, question_3, run, write

pytestmark = needs_cjk_font
IMPORT_URL = "/admin/qa/question/import/"


@pytest.fixture(scope="module")
def english_pdf():
    return english_paper([HYPHENATED_LINES, *PARAGRAPHS], TITLE, position=POSITION, running_header=True)


@pytest.fixture(scope="module")
def chinese_pdf():
    return chinese_paper(lines_per_page=6)


def text_of(name, data):
    [(_name, text)] = extract_texts([(name, data)])
    return text


def test_english_pdf_is_read_word_for_word(english_pdf):
    text = text_of("q3.pdf", english_pdf)
    paper = parse("q3.pdf", text)
    assert paper.language == "en"
    assert (paper.series_title, paper.number, paper.title) == ("Fighting the COVID-19: 100 Q&As", 3, TITLE)
    assert (paper.author_name, paper.year, paper.month, paper.position) == ("Zhou Taidong", 2020, 3, POSITION)
    # The hyphenated word joined, paragraphs split by page breaks rejoined, letterheads, running headers
    # and page numbers gone.
    assert list(paper.paragraphs) == [HYPHENATED, *PARAGRAPHS]
    assert any(breaks.joined for breaks in paper.page_breaks)
    assert not re.search(r"^\d+$", text, re.MULTILINE)


def test_chinese_pdf_is_read_word_for_word(chinese_pdf):
    paper = parse("q3-zh.pdf", text_of("q3-zh.pdf", chinese_pdf))
    assert paper.language == "zh-hans"
    assert (paper.series_title, paper.number, paper.title) == ("抗击新冠肺炎疫情：100问", 3, TITLE_ZH)
    assert (paper.author_name, paper.year, paper.month, paper.position) == (AUTHOR_ZH, 2020, 3, POSITION_ZH)
    # Lines of Chinese wrapped by the PDF are joined without a space, across page breaks too.
    assert list(paper.paragraphs) == PARAGRAPHS_ZH
    assert any(breaks.joined for breaks in paper.page_breaks)


@pytest.mark.django_db
def test_both_editions_in_one_command_fill_both_languages_and_keep_the_pdfs(tmp_path, english_pdf, chinese_pdf):
    output = run(write(tmp_path, "q3-zh.pdf", chinese_pdf), write(tmp_path, "q3.pdf", english_pdf))
    question = question_3()
    assert (question.title_en, question.title_zh_hans) == (TITLE, TITLE_ZH)
    assert question.body_en == "\n\n".join([HYPHENATED, *PARAGRAPHS])
    assert question.body_zh_hans == "\n\n".join(PARAGRAPHS_ZH)
    author = question.byline[0]
    assert (author.name_en, author.name_zh_hans) == ("Zhou Taidong", AUTHOR_ZH)
    assert (author.position_en, author.position_zh_hans) == (POSITION, POSITION_ZH)
    stored = {paper.language: paper for paper in WorkingPaperFile.objects.filter(question=question)}
    assert bytes(stored["en"].data) == english_pdf and bytes(stored["zh-hans"].data) == chinese_pdf
    assert stored["zh-hans"].size == len(chinese_pdf)
    assert "q3-zh.pdf: Question 3" in output


@pytest.mark.django_db
def test_chinese_edition_never_touches_the_english_fields(tmp_path, english_pdf, chinese_pdf):
    run(write(tmp_path, "q3.pdf", english_pdf))
    question = question_3()
    Question.objects.filter(pk=question.pk).update(title_en="An editor's English title")
    Author.objects.filter(pk=question.byline[0].pk).update(position_en="An editor's position")
    run(write(tmp_path, "q3-zh.pdf", chinese_pdf))
    question = question_3()
    assert question.title_en == "An editor's English title"
    assert question.body_en == "\n\n".join([HYPHENATED, *PARAGRAPHS])
    assert question.title_zh_hans == TITLE_ZH
    assert question.byline[0].position_en == "An editor's position"
    assert question.byline[0].position_zh_hans == POSITION_ZH


@pytest.mark.django_db
def test_english_edition_never_touches_the_chinese_fields(tmp_path, english_pdf, chinese_pdf):
    run(write(tmp_path, "q3.pdf", english_pdf), write(tmp_path, "q3-zh.pdf", chinese_pdf))
    Question.objects.filter(number=3).update(title_zh_hans="编辑改过的标题")
    run(write(tmp_path, "q3.pdf", english_pdf))
    assert question_3().title_zh_hans == "编辑改过的标题"


@pytest.mark.django_db
def test_chinese_edition_of_a_question_not_on_the_hub_is_refused(tmp_path, chinese_pdf):
    with pytest.raises(CommandError):
        run(write(tmp_path, "q3-zh.pdf", chinese_pdf))
    assert not Question.objects.exists() and not WorkingPaperFile.objects.exists()


@pytest.mark.django_db
def test_a_newer_import_replaces_the_pdf_and_the_older_stays_in_the_history(tmp_path, english_pdf):
    run(write(tmp_path, "q3.pdf", english_pdf))
    newer = english_paper([HYPHENATED_LINES, *PARAGRAPHS[:-1]], TITLE, position=POSITION)
    run(write(tmp_path, "q3-v2.pdf", newer))
    stored = WorkingPaperFile.objects.get(question=question_3(), language="en")
    assert bytes(stored.data) == newer and stored.file_name == "q3-v2.pdf"
    versions = Version.objects.get_for_object(stored)
    assert len(versions) == 2
    versions[1].revert()
    stored.refresh_from_db()
    assert bytes(stored.data) == english_pdf


def refused(tmp_path, name, data):
    """What import_qa tells of a refused file, having written nothing."""
    err = io.StringIO()
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("import_qa", write(tmp_path, name, data), stdout=io.StringIO(), stderr=err)
    assert "nothing was written" in str(error.value)
    assert not Question.objects.exists() and not WorkingPaperFile.objects.exists()
    return err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (scanned_pdf, "the PDF has no text layer (a scan or an image of the pages)"),
        (lambda: encrypted_pdf(english_paper(["One paragraph."], "A title?")), "the PDF is encrypted"),
        (not_a_paper_pdf, "expected the header “COVID-19 KNOWLEDGE HUB—series title”"),
        (lambda: english_paper(["One paragraph."], "A title?")[:1500], "the file is not a readable PDF"),
        (zip_bomb_pdf, "the PDF unpacks to more than the import reads"),
        (lambda: b"%PDF-1.4\n" + b"0" * (pdf_text.PDF_MAX_BYTES + 1), "the file is larger than 5 MB"),
    ],
    ids=["scanned", "encrypted", "not-a-paper", "truncated", "zip-bomb", "too-large"],
)
def test_bad_pdfs_are_refused_with_the_reason_and_nothing_written(tmp_path, make, message):
    err = refused(tmp_path, "bad.pdf", make())
    assert f"bad.pdf, line 1: {message}" in err


@pytest.mark.django_db
def test_a_paper_whose_number_cannot_be_told_is_refused(tmp_path):
    from tests.pdf_papers import HEADER_ZH, paper_pdf

    data = paper_pdf(
        header=HEADER_ZH,
        question="问题 中国为何采取对口支援？",
        author=AUTHOR_ZH,
        date="2020年3月",
        paragraphs=[["一段文字。"]],
        bio=["周太东，处长。"],
        footer="工作论文同时发布于cikd.org",
    )
    err = refused(tmp_path, "zh.pdf", data)
    assert "expected “第N问” followed by the title" in err


def test_a_worker_that_runs_over_its_time_is_stopped_and_the_file_refused(monkeypatch, english_pdf):
    monkeypatch.setattr(pdf_text, "START_SECONDS", 0)
    monkeypatch.setattr(pdf_worker, "SECONDS_PER_FILE", 0.001)
    [(_name, error)] = extract_texts([("slow.pdf", english_pdf)])
    assert "reading the PDF took too long" in str(error)


def test_refusals_are_in_the_editors_language():
    with translation.override("zh-hans"):
        [(_name, error)] = extract_texts([("scan.pdf", scanned_pdf())])
        assert "没有文字层" in str(error)


@pytest.mark.django_db
def test_a_hundred_papers_in_one_command(tmp_path):
    names = [
        write(
            tmp_path,
            f"q{number}.pdf",
            english_paper(
                [f"Paragraph of question {number}."], f"Title {number}?", number=number, lines_per_page=40, latin=True
            ),
        )
        for number in range(1, 101)
    ]
    output = run(*names)
    assert "100 created as drafts" in output
    assert WorkingPaperFile.objects.count() == 100
    assert Question.objects.get(number=100).body_en == "Paragraph of question 100."


def test_progress_bar_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        bar = ProgressBar(stream, 4)
        bar(2)
        bar(2)
    assert "\rReading 4/4 [" in terminal.getvalue() and terminal.getvalue().endswith("]\n")
    assert log.getvalue() == ""


@pytest.fixture
def editor_client(editor, client):
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_admin_previews_and_imports_both_editions_and_keeps_the_pdfs(editor_client, english_pdf, chinese_pdf):
    files = [
        SimpleUploadedFile("q3.pdf", english_pdf, "application/pdf"),
        SimpleUploadedFile("q3-zh.pdf", chinese_pdf, "application/pdf"),
    ]
    response = editor_client.post(IMPORT_URL, {"files": files})
    page = response.content.decode()
    assert TITLE_ZH in page and not Question.objects.exists()
    token = re.search(r'name="preview" value="([^"]+)"', page)[1]
    assert PendingPaper.objects.count() == 2
    done = editor_client.post(IMPORT_URL, {"preview": token}, follow=True)
    assert "Imported 2 working papers" in done.content.decode()
    question = question_3()
    assert (question.title_en, question.title_zh_hans) == (TITLE, TITLE_ZH)
    assert WorkingPaperFile.objects.filter(question=question).count() == 2
    assert not PendingPaper.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_bad_pdf_in_the_editors_language(editor_client):
    response = editor_client.post(
        IMPORT_URL,
        {"files": [SimpleUploadedFile("scan.pdf", scanned_pdf(), "application/pdf")]},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    page = response.content.decode()
    assert "scan.pdf" in page and 'name="preview"' not in page
    assert not PendingPaper.objects.exists() and not Question.objects.exists()


@pytest.fixture
def published_with_pdfs(tmp_path, english_pdf, chinese_pdf):
    run("--publish", write(tmp_path, "q3.pdf", english_pdf), write(tmp_path, "q3-zh.pdf", chinese_pdf))
    return question_3()


def size_label(data):
    """As every byte size on the site is shown (qa.text.byte_size_display): 1 KB is 1,000 bytes."""
    return f"{len(data) / 1000:.0f} KB"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label", "pdf"),
    [
        ("en", "Download the working paper (PDF, {size})", "english_pdf"),
        ("zh-hans", "下载工作论文（PDF，{size}）", "chinese_pdf"),
        ("zh-hant", "下載工作論文（PDF，{size}）", "chinese_pdf"),
    ],
)
def test_question_page_offers_the_pdf_in_its_language(client, published_with_pdfs, language, label, pdf, request):
    data = request.getfixturevalue(pdf)
    page = client.get(published_with_pdfs.url_for(language)).content.decode()
    assert label.format(size=size_label(data)) in page
    download = client.get(f"/{language}/qa/3/working-paper.pdf")
    assert download.status_code == 200 and download.content == data
    assert download["Content-Type"] == "application/pdf"
    stored = "en" if language == "en" else "zh-hans"
    assert download["Content-Disposition"] == f'attachment; filename="cikd-qa-3-{stored}.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"].startswith("sandbox")


@pytest.mark.django_db
def test_no_link_and_no_download_where_there_is_no_pdf(client, tmp_path, english_pdf):
    run("--publish", write(tmp_path, "q3.pdf", english_pdf))
    page = client.get(question_3().url_for("zh-hans")).content.decode()
    assert "下载工作论文" not in page
    assert client.get("/zh-hans/qa/3/working-paper.pdf").status_code == 404


@pytest.mark.django_db
def test_a_drafts_pdf_is_not_served_to_readers(client, tmp_path, english_pdf):
    run(write(tmp_path, "q3.pdf", english_pdf))
    assert client.get("/en/qa/3/working-paper.pdf").status_code == 404


@pytest.mark.django_db
def test_the_download_link_adds_no_queries_that_grow(client, published_with_pdfs):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    with_pdf = queries(published_with_pdfs.url_for("en"))
    WorkingPaperFile.objects.all().delete()
    assert queries(published_with_pdfs.url_for("en")) == with_pdf


@pytest.mark.parametrize("number", ["2", "- 2 -", "Page 2 of 3", "第2页", "第 2 页 共 3 页"])
def test_cleanup_drops_page_numbers_and_rejoins_a_word_hyphenated_across_a_page_break(number):
    pages = [
        "COVID-19 KNOWLEDGE HUB—Fighting the COVID-19: 100 Q&As\n\nText that goes on  and  on to a govern-\n\n\n"
        f"      {number}\n",
        f"中国国际发展知识中心\nCENTER FOR INTERNATIONAL KNOWLEDGE ON DEVELOPMENT\n\nments' page.\n\n{number}",
    ]
    text = pdf_text.clean(pages)
    assert "Text that goes on and on to a governments'" in text
    assert number not in text.replace("COVID-19", "")
    assert "page." in text and "govern-" not in text


@pytest.mark.django_db
def test_an_expired_preview_of_pdfs_is_refused_and_nothing_written(editor_client, english_pdf):
    response = editor_client.post(IMPORT_URL, {"files": [SimpleUploadedFile("q3.pdf", english_pdf, "application/pdf")]})
    token = re.search(r'name="preview" value="([^"]+)"', response.content.decode())[1]
    PendingPaper.objects.all().delete()
    page = editor_client.post(IMPORT_URL, {"preview": token}).content.decode()
    assert "This preview has expired or was altered" in page
    assert not Question.objects.exists() and not WorkingPaperFile.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_writes_no_revision_and_no_pdf(tmp_path, english_pdf):
    from reversion.models import Revision

    output = run("--dry-run", write(tmp_path, "q3.pdf", english_pdf))
    assert "Nothing was written" in output
    assert not Revision.objects.exists() and not WorkingPaperFile.objects.exists() and not Question.objects.exists()


@pytest.mark.django_db
def test_an_import_is_one_revision_with_the_question_and_its_pdf(tmp_path, english_pdf):
    from reversion.models import Revision

    run(write(tmp_path, "q3.pdf", english_pdf))
    [revision] = Revision.objects.all()
    models = {version.content_type.model for version in revision.version_set.all()}
    assert {"question", "workingpaperfile"} <= models
