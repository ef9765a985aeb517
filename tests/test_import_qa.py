import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from qa.editorial.editors import sync_editor_permissions
from qa.interchange.working_papers import WorkingPaperError, parse
from qa.models import Author, Question, Series
from tests.admin_forms import save_change_form

SAMPLE = Path(__file__).parent / "data" / "cikd-qa-03-partner-assistance.txt"
POSITION = "Division Chief of Division of International Development Research Exchange, CIKD"
TITLE = "Why Is Partner Assistance Adopted in China's COVID-19 Battle?"
PARAGRAPHS = [
    "Partner assistance usually refers to paring local governments with each other to support the development of "
    "a certain region or sector under the overall coordination of the Chinese central government. Partner "
    "assistance facilitates sharing of material and fiscal resources as well as intellectual expertise, and "
    "features complementary advantages and mutual benefits.",
    "China has been implementing partner assistance programmes for more than four decades. Such programmes have "
    "played important roles in different endeavors, including helping less-developed bordering areas where ethnic "
    "minorities are concentrated, poverty reduction, construction of major national projects, disaster relief and "
    "recovery, and medical teams under foreign aid.",
    "The outbreak of COVID-19 constitutes an emergency not only in Hubei Province, but also in the whole country. "
    "In February 2020, the National Health Commission arranged for 19 provinces and municipalities to provide "
    "assistance to 16 cities and counties in Hubei, excluding Wuhan, to help combat the COVID-19. One city or "
    "county in Hubei province is twinned with one or more provinces in the country.",
    "Through establishing mechanisms of “stronger provinces helping weaker ones” and delineating "
    "responsibilities, partner assistance has greatly improved medical treatment in Hubei province and played a "
    "crucial role in combating the novel coronavirus.",
    "First, partner assistance helps effectively mobilize efforts and leverage resources of local governments "
    "under the overall coordination of the central government, while avoiding chaos.",
    "Second, it can make full use of medical staff and supplies in the different regions and form virtuous "
    "competition among different entities to overcome difficulties.",
    "Third, it can help relieve the burden of Wuhan hospitals by preventing crowds from swarming into a few big "
    "and well-known hospitals in the capital city.",
    "Fourth, it can help facilitate regional integration and communication and build bridges of friendship and "
    "cooperation across different regions.",
    "When disaster struck, help came from all sides. When people pool their strength, victory is ensured. During "
    "the crucial stage of the COVID-19 outbreak, 63 medical teams consisting of 7,425 staff from 19 provinces "
    "provide medical services in the 16 cities and counties in Hubei province, in addition to the 31,207 medical "
    "staff from other provinces supporting Wuhan city. These teams also brought them with critical medical "
    "supplies and equipment. Partner assistance, once again, has been proved to be efficient and effective.",
]
LETTERHEAD = "\n\n\n中国国际发展知识中心\n\nCENTER FOR INTERNATIONAL\nKNOWLEDGE ON DEVELOPMENT\n\n"


def working_paper(number="7", title="How Do Fever Clinics Work?", body="One paragraph of text.",
                  author="Li Hua", date="April 2020", bio="Li Hua is Research Fellow, CIKD."):
    return (
        "\n\nCOVID-19 KNOWLEDGE HUB—Fighting the COVID-19: 100 Q&As\n\n"
        f"Question {number} {title}\n\n{author}\n\n{date}\n\n{body}\n\n{bio}\n\n"
        "Working Papers are also posted at <http://www.cikd.org>. The author(s) may be contacted at info@cikd.org"
    )


def sample_bytes():
    return SAMPLE.read_bytes()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(path)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_qa", *args, stdout=out, stderr=err)
    return out.getvalue()


# The parser


def test_bundled_file_gives_nine_paragraphs_and_the_position():
    paper = parse("q3.txt", sample_bytes())
    assert paper.series_title == "Fighting the COVID-19: 100 Q&As"
    assert (paper.number, paper.title, paper.author_name) == (3, TITLE, "Zhou Taidong")
    assert (paper.year, paper.month) == (2020, 3)
    assert list(paper.paragraphs) == PARAGRAPHS
    assert paper.position == POSITION
    assert paper.body == "\n\n".join(PARAGRAPHS)


def test_page_break_in_the_middle_of_a_paragraph_is_rejoined():
    body = (
        "Partner assistance helps mobilize efforts of local governments under the central"
        f"{LETTERHEAD}government, while avoiding chaos.\n\n"
        f"It builds “bridges of friendship”{LETTERHEAD}across regions.\n\n"
        f"This paragraph ends here.{LETTERHEAD}A new paragraph starts after the break."
    )
    paper = parse("break.txt", working_paper(body=body))
    assert list(paper.paragraphs) == [
        "Partner assistance helps mobilize efforts of local governments under the central government, "
        "while avoiding chaos.",
        "It builds “bridges of friendship” across regions.",
        "This paragraph ends here.",
        "A new paragraph starts after the break.",
    ]


def test_letterhead_lines_inside_a_paragraph_without_blank_lines():
    body = (
        "The first half of a sentence\n中国国际发展知识中心\nCENTER FOR INTERNATIONAL\nKNOWLEDGE ON DEVELOPMENT\n"
        "and its end."
    )
    assert parse("x.txt", working_paper(body=body)).paragraphs == ("The first half of a sentence and its end.",)


def test_wrapped_title_continues_until_the_blank_line():
    title = "Why Is Partner Assistance\nAdopted in China's\nCOVID-19 Battle?"
    paper = parse("title.txt", working_paper(title=title))
    assert paper.title == TITLE
    assert paper.author_name == "Li Hua"


def test_hard_wrapped_paragraphs_are_joined_with_one_space():
    body = (
        "China has been implementing partner\nassistance programmes for more\nthan four decades.\n\n"
        "Second paragraph\nwraps too."
    )
    paper = parse("wrap.txt", working_paper(body=body))
    assert paper.paragraphs == (
        "China has been implementing partner assistance programmes for more than four decades.",
        "Second paragraph wraps too.",
    )


def test_crlf_non_breaking_and_trailing_spaces_give_the_same_paper():
    text = sample_bytes().decode()
    messy = text.replace("Zhou Taidong\n", "Zhou\u00a0Taidong  \n").replace("\n", " \t\r\n").encode()
    assert parse("q3.txt", messy) == parse("q3.txt", sample_bytes())
    nbsp = working_paper(body="COVID-19\u00a0cases fell.").replace("\n", "\r\n")
    assert parse("x.txt", nbsp).paragraphs == ("COVID-19 cases fell.",)


def test_text_is_kept_exactly_with_curly_quotes_and_spelling():
    body = "It said ‘paring’ and “stronger provinces” — as written,  twice."
    assert parse("x.txt", working_paper(body=body)).paragraphs == (body,)


@pytest.mark.parametrize("number", ["1", "12", "100", "999"])
def test_question_numbers_of_one_to_three_digits(number):
    assert parse("x.txt", working_paper(number=number)).number == int(number)


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("", 1, "ends where the header"),
        ("Dear colleagues,\n\nplease find attached the minutes.", 1, "expected the header"),
        (working_paper().replace("Question 7 ", "Chapter 7 "), 5, "expected “Question N”"),
        (working_paper(number="1000"), 5, "1 to 999"),
        (working_paper(number="0"), 5, "1 to 999"),
        (working_paper(date="Spring 2020"), 9, "month and year"),
        (working_paper(author="April 2020"), 7, "author’s name"),
        (working_paper(bio="Thank you for reading."), 13, "biography"),
        (working_paper(body="", bio=""), 9, "paragraphs"),
    ],
)
def test_a_file_not_in_the_form_is_refused_with_its_line(text, line, words):
    with pytest.raises(WorkingPaperError) as refused:
        parse("notes.txt", text.encode())
    assert refused.value.line == line
    assert str(refused.value).startswith(f"notes.txt, line {line}: ")
    assert words in str(refused.value)


def test_non_utf8_file_is_refused():
    data = working_paper().encode("utf-8").replace(b"Li Hua\n", "Li Hua \u00e9\n".encode("latin-1"), 1)
    with pytest.raises(WorkingPaperError) as refused:
        parse("latin1.txt", data)
    assert refused.value.line == 7
    assert "not UTF-8" in str(refused.value)


# The command


def question_3():
    return Question.objects.get(series__slug="fighting-covid-19-100-qas", number=3)


@pytest.mark.django_db
def test_import_creates_series_author_and_question(tmp_path):
    output = run(str(SAMPLE))
    question = question_3()
    assert question.series.title_en == "Fighting the COVID-19: 100 Q&As"
    assert question.title_en == TITLE
    assert question.body_en == "\n\n".join(PARAGRAPHS)
    assert (question.published, question.published_precision) == (datetime.date(2020, 3, 1), "month")
    assert (question.original_language, question.status) == ("en", Question.DRAFT)
    assert question.slug_en == "why-is-partner-assistance-adopted-in-chinas-covid-19-battle"
    [author] = question.byline
    assert (author.slug, author.name_en, author.position_en) == ("zhou-taidong", "Zhou Taidong", POSITION)
    assert not question.title_zh_hans and not question.body_zh_hans and not author.position_zh_hans
    assert "1 created" in output


@pytest.mark.django_db
def test_existing_series_and_author_are_matched(tmp_path):
    series = Series.objects.create(
        slug="cikd-100", title_en="Fighting the COVID-19: 100 Q&As", title_zh_hans="抗击新冠"
    )
    author = Author.objects.create(slug="zhou", name_en="zhou taidong", name_zh_hans="周太东")
    run(str(SAMPLE))
    question = Question.objects.get()
    assert question.series == series
    assert question.byline == [author]
    assert Series.objects.count() == Author.objects.count() == 1


@pytest.mark.django_db
def test_reimport_unchanged_reports_nothing_changed():
    run(str(SAMPLE))
    updated = question_3().updated
    output = run(str(SAMPLE))
    assert "nothing changed" in output and "Nothing changed." in output
    assert question_3().updated == updated


@pytest.mark.django_db
def test_reimport_updates_in_place_and_keeps_chinese_fields(tmp_path):
    run(str(SAMPLE))
    question = question_3()
    question.title_zh_hans = "为什么中国抗疫采用对口支援？"
    question.body_zh_hans = "对口支援……"
    question.summary_zh_hans = "摘要"
    question.save()
    author = Author.objects.get()
    author.name_zh_hans, author.position_zh_hans = "周太东", "中心国际发展研究交流处处长"
    author.save()
    changed = sample_bytes().decode().replace("efficient and effective.", "efficient and effective indeed.")
    changed = changed.replace("is Division Chief", "is Deputy Division Chief")
    with translation.override("zh-hans"):
        output = run(write(tmp_path, "q3-v2.txt", changed))
    assert "changed" in output
    question = question_3()
    assert Question.objects.count() == 1
    assert question.body_en.endswith("efficient and effective indeed.")
    assert (question.title_zh_hans, question.body_zh_hans, question.summary_zh_hans) == (
        "为什么中国抗疫采用对口支援？", "对口支援……", "摘要")
    assert question.slug_zh_hans == "为什么中国抗疫采用对口支援"
    author = Author.objects.get()
    assert author.position_en == "Deputy " + POSITION
    assert (author.name_zh_hans, author.position_zh_hans) == ("周太东", "中心国际发展研究交流处处长")


@pytest.mark.django_db
def test_reimport_restores_the_byline():
    run(str(SAMPLE))
    question = question_3()
    other = Author.objects.create(slug="li-si", name_en="Li Si")
    question.authorships.all().delete()
    question.authorships.create(author=other)
    output = run(str(SAMPLE))
    assert "authors: “Li Si” → “Zhou Taidong”" in output
    assert [a.slug for a in question_3().byline] == ["zhou-taidong"]


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_prints_field_changes(tmp_path):
    output = run(str(SAMPLE), "--dry-run")
    assert not Question.objects.exists() and not Series.objects.exists() and not Author.objects.exists()
    assert "would be created" in output
    assert f"title [en]: “{TITLE}”" in output
    assert "new author “Zhou Taidong” (zhou-taidong)" in output
    assert "Nothing was written." in output

    run(str(SAMPLE))
    changed = sample_bytes().decode().replace("March 2020", "April 2020")
    output = run(write(tmp_path, "q3.txt", changed), "--dry-run")
    assert "publication date: “2020-03-01” → “2020-04-01”" in output
    assert question_3().published == datetime.date(2020, 3, 1)


@pytest.mark.django_db
def test_long_text_is_shortened_around_the_change(tmp_path):
    run(str(SAMPLE))
    changed = sample_bytes().decode().replace("efficient and effective.", "efficient and effective!")
    output = run(write(tmp_path, "q3.txt", changed), "--dry-run")
    [line] = [line for line in output.splitlines() if "body [en]" in line]
    assert "effective.” → “…" in line and line.endswith("effective!”")
    assert len(line) < 250


@pytest.mark.django_db
def test_two_and_three_digit_numbers_import(tmp_path):
    run(
        write(tmp_path, "q12.txt", working_paper(number="12")),
        write(tmp_path, "q100.txt", working_paper(number="100")),
    )
    assert sorted(Question.objects.values_list("number", flat=True)) == [12, 100]
    assert list(Author.objects.values_list("slug", "position_en")) == [("li-hua", "Research Fellow, CIKD")]


@pytest.mark.django_db
def test_bad_file_is_refused_with_its_name_and_line_and_nothing_written(tmp_path):
    good = write(tmp_path, "good.txt", working_paper(number="12"))
    bad = write(tmp_path, "minutes.txt", "Minutes of the meeting\n\nNothing to see.")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_qa", good, str(SAMPLE), bad, stdout=StringIO(), stderr=err)
    assert f"{bad}, line 1: expected the header" in err.getvalue()
    assert not Question.objects.exists() and not Author.objects.exists() and not Series.objects.exists()


@pytest.mark.django_db
def test_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_qa", str(tmp_path / "nowhere.txt"), stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_a_title_too_long_for_the_database_points_at_its_line(tmp_path):
    bad = write(tmp_path, "long.txt", working_paper(title="Why " * 130))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_qa", str(SAMPLE), bad, stdout=StringIO(), stderr=err)
    assert f"{bad}, line 5: the title is too long: at most 500 characters (it has 519)" in err.getvalue()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_the_same_question_twice_in_one_import_is_refused(tmp_path):
    with pytest.raises(CommandError):
        run(write(tmp_path, "a.txt", working_paper()), write(tmp_path, "b.txt", working_paper(title="Other?")))
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_failure_while_writing_rolls_everything_back(tmp_path, monkeypatch):
    original, calls = Question.save, []

    def save(question, *args, **kwargs):
        calls.append(question)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(question, *args, **kwargs)

    monkeypatch.setattr(Question, "save", save)
    with pytest.raises(RuntimeError):
        run(str(SAMPLE), write(tmp_path, "q12.txt", working_paper(number="12")))
    assert not Question.objects.exists() and not Author.objects.exists() and not Series.objects.exists()


# The admin page


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", password="unused-pass-1", is_staff=True)
    user.groups.add(sync_editor_permissions())
    client.force_login(user)
    return user


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
    other = get_user_model().objects.create_user("other", is_staff=True)
    other.groups.add(sync_editor_permissions())
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
def test_only_txt_files_are_accepted(client, editor):
    response = client.post(IMPORT_URL, {"files": [upload("q3.pdf", sample_bytes())]})
    assert "q3.pdf is not a .txt file." in response.content.decode()


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
    assert "minutes.txt 第 1 行：" in page
    assert "这是国际发展知识中心的工作论文吗" in page
    assert "expected the header" not in page

    client.cookies["django_language"] = "zh-hans"
    response = client.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]})
    page = response.content.decode()
    assert "将新建" in page and "确认导入" in page


@pytest.mark.django_db
def test_staff_without_permission_cannot_import(client):
    user = get_user_model().objects.create_user("viewer", is_staff=True)
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


def make_editor(username):
    user = get_user_model().objects.create_user(username, password="unused-pass-1", is_staff=True)
    user.groups.add(sync_editor_permissions())
    return user


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

    client.cookies["django_language"] = "zh-hans"
    page = preview(client, ("q3.txt", sample_bytes())).content.decode()
    assert "<td>月</td>" in page and "<td>英语</td>" in page and "<td>草稿</td>" in page
    assert "<td>en</td>" not in page and "<td>month</td>" not in page


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
    other, client_b = make_editor("zhang.wei"), client.__class__()
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
    other, client_b = make_editor("li.hua"), client.__class__()
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
    assert re.search(r"“Changed meanwhile” .*\d{4}年\d{1,2}月\d{1,2}日", page)
    assert "确认导入" in page
    assert question_3().title_en == "Changed meanwhile"


@pytest.mark.django_db
def test_cli_imports_drafts_unless_told_to_publish(tmp_path):
    output = run(str(SAMPLE))
    assert "Question 3: created as a draft" in output and "1 created as a draft," in output
    assert question_3().status == Question.DRAFT
    output = run(write(tmp_path, "q12.txt", working_paper(number="12")), "--publish")
    assert "created and published" in output
    assert Question.objects.get(number=12).status == Question.PUBLISHED
    run(str(SAMPLE), "--publish")
    assert question_3().status == Question.DRAFT
    assert "to create as drafts" in run(
        write(tmp_path, "q13.txt", working_paper(number="13")), write(tmp_path, "q14.txt", working_paper(number="14")),
        "--dry-run",
    )


@pytest.mark.django_db
def test_a_forbidden_character_is_refused_with_file_and_line(client, editor):
    text = working_paper(body="One paragraph\x0b of text.")
    page = preview(client, ("vt.txt", text)).content.decode()
    assert "vt.txt, line 11: this line contains the invisible character U+000B (at character 14)" in page
    assert not Question.objects.exists()


def test_form_feeds_and_windows_line_endings_are_fine():
    text = working_paper(body="One paragraph\n\fof text.").replace("\n", "\r\n")
    assert parse("ff.txt", text.encode()).paragraphs == ("One paragraph of text.",)


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
    assert "上传一篇或多篇国际发展知识中心工作论文的文本" in page
    assert "100" in page.split('class="errorlist"')[1]


@pytest.mark.django_db
def test_the_import_page_still_checks_csrf(editor):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post(IMPORT_URL, {"files": [upload("q3.txt", sample_bytes())]}).status_code == 403


@pytest.mark.django_db
def test_a_bundle_problem_is_told_at_the_papers_file_and_line(tmp_path):
    bad = write(tmp_path, "long-name.txt", working_paper(author="Li " * 70, bio="Li " * 70 + "is Research Fellow."))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_qa", str(SAMPLE), bad, stdout=StringIO(), stderr=err)
    assert f"{bad}, line 7: author: name [en]: is too long" in err.getvalue()
    assert not Question.objects.exists() and not Author.objects.exists()
