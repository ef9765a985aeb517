"""``manage.py import_qa``: creating, matching and updating, dry runs, drafts, and refusing a bad import whole."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from qa.models import Author, Question, Series
from tests.factories import AuthorFactory, SeriesFactory
from tests.working_paper_data import (
    PARAGRAPHS,
    POSITION,
    SAMPLE,
    TITLE,
    question_3,
    run,
    sample_bytes,
    working_paper,
    write,
)


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
    series = SeriesFactory(slug="cikd-100", title_en="Fighting the COVID-19: 100 Q&As", title_zh_hans="抗击新冠")
    author = AuthorFactory(slug="zhou", name_en="zhou taidong", name_zh_hans="周太东")
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
    other = AuthorFactory(slug="li-si", name_en="Li Si", untranslated=True)
    question.authorships.all().delete()
    question.authorships.create(author=other)
    output = run(str(SAMPLE))
    assert "Authors: “Li Si” → “Zhou Taidong”" in output
    assert [a.slug for a in question_3().byline] == ["zhou-taidong"]


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_prints_field_changes(tmp_path):
    output = run(str(SAMPLE), "--dry-run")
    assert not Question.objects.exists() and not Series.objects.exists() and not Author.objects.exists()
    assert "would be created" in output
    assert f"English title: “{TITLE}”" in output
    assert "new author “Zhou Taidong” (zhou-taidong)" in output
    assert "Nothing was written." in output

    run(str(SAMPLE))
    changed = sample_bytes().decode().replace("March 2020", "April 2020")
    output = run(write(tmp_path, "q3.txt", changed), "--dry-run")
    assert "Publication date: “2020-03-01” → “2020-04-01”" in output
    assert question_3().published == datetime.date(2020, 3, 1)


@pytest.mark.django_db
def test_long_text_is_shortened_around_the_change(tmp_path):
    run(str(SAMPLE))
    changed = sample_bytes().decode().replace("efficient and effective.", "efficient and effective!")
    output = run(write(tmp_path, "q3.txt", changed), "--dry-run")
    [line] = [line for line in output.splitlines() if "English body" in line]
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
def test_a_bundle_problem_is_told_at_the_papers_file_and_line(tmp_path):
    bad = write(tmp_path, "long-name.txt", working_paper(author="Li " * 70, bio="Li " * 70 + "is Research Fellow."))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_qa", str(SAMPLE), bad, stdout=StringIO(), stderr=err)
    assert f"{bad}, line 7: Author: English name: is too long" in err.getvalue()
    assert not Question.objects.exists() and not Author.objects.exists()
