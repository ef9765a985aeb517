"""import_content / export_content of good bundles (docs/content-bundle.md): the shipped bundle, a second import,
dry runs, create-only, upsert, references in any order, the round trip."""

import json

import pytest
from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_save

from qa.models import Author, Pairing, Programme, Question, Region, Series, Topic
from tests.bundle_data import SHIPPED, bundle, counts, export_content, import_content, shipped, small_bundle, write

pytestmark = pytest.mark.django_db


def empty_database():
    Pairing.objects.all().delete()
    Programme.objects.all().delete()
    Question.objects.all().delete()
    Region.objects.exclude(parent=None).delete()
    for model in (Region, Author, Topic, Series):
        model.objects.all().delete()
    assert not any(counts().values())


@pytest.fixture
def writes():
    """Every save, delete and many-to-many change, as (signal, model) pairs."""
    seen = []

    def on_save(sender, **kwargs):
        seen.append(("save", sender.__name__))

    def on_delete(sender, **kwargs):
        seen.append(("delete", sender.__name__))

    def on_m2m(sender, action, **kwargs):
        if action.startswith("post_"):
            seen.append(("m2m", action))

    post_save.connect(on_save, weak=False)
    post_delete.connect(on_delete, weak=False)
    m2m_changed.connect(on_m2m, weak=False)
    yield seen
    post_save.disconnect(on_save)
    post_delete.disconnect(on_delete)
    m2m_changed.disconnect(on_m2m)


# The shipped bundle ---------------------------------------------------------


def test_shipped_bundle_imports_the_first_question_and_the_hubei_pairing(tmp_path):
    output = import_content(SHIPPED)

    assert counts() == {
        "Series": 1, "Topic": 1, "Author": 1, "Question": 1, "Authorship": 1,
        "Region": 36, "Programme": 1, "Pairing": 21,
    }
    assert "regions: 36 created, 0 updated, 0 unchanged" in output
    question = Question.objects.get(series__slug="fighting-covid-19-100-qas", number=3)
    assert len(question.body_en.split("\n\n")) == 9
    assert len(question.body_zh_hans.split("\n\n")) == 9
    assert question.slug_en == "why-is-partner-assistance-adopted-in-chinas-covid-19-battle"
    assert question.slug_zh_hans  # derived from the Chinese title on save
    assert (question.status, question.partial_date_iso("published")) == ("published", "2020-03")
    assert [author.slug for author in question.byline] == ["zhou-taidong"]
    assert list(question.topics.values_list("slug", flat=True)) == ["partner-assistance"]
    assert Region.objects.get(code="hubei").children.count() == 16
    programme = Programme.objects.get(slug="hubei-partner-assistance-2020")
    assert programme.source_question == question
    assert programme.partial_date_iso("announced") == "2020-02-10"
    assert (programme.total_medical_teams, programme.total_medical_staff) == (63, 7425)
    assert programme.pairings.filter(supporter__code="shanxi").count() == 3
    assert not programme.pairings.exclude(medical_teams=None, medical_staff=None).exists()


def test_shipped_bundle_is_in_export_form():
    import_content(SHIPPED)
    assert export_content() == SHIPPED.read_text(encoding="utf-8")


# Idempotence, dry run, create-only, upsert ------------------------------------


def test_first_import_saves_through_the_models_and_a_second_changes_nothing(imported, writes, tmp_path):
    updated = Question.objects.get().updated
    output = import_content(SHIPPED)

    assert output.strip().endswith("Nothing changed.")
    assert "pairings: 0 created, 0 updated, 21 unchanged" in output
    assert writes == []
    assert Question.objects.get().updated == updated


def test_import_fires_save_signals_for_each_record(writes):
    import_content(SHIPPED)
    assert writes.count(("save", "Region")) == 36
    assert writes.count(("save", "Pairing")) == 21
    assert writes.count(("save", "Question")) == 1
    assert ("m2m", "post_add") in writes


def test_dry_run_writes_nothing_and_reports_what_would_change(tmp_path):
    output = import_content(SHIPPED, "--dry-run")

    assert "questions: 1 created" in output
    assert "Dry run" in output
    assert not any(counts().values())


def test_dry_run_leaves_an_edited_record_as_it_is(imported, tmp_path):
    Series.objects.filter(slug="fighting-covid-19-100-qas").update(title_en="Edited")
    output = import_content(SHIPPED, "--dry-run")

    assert "series: 0 created, 1 updated, 0 unchanged" in output
    assert Series.objects.get().title_en == "Edited"


def test_a_dry_run_reports_each_changed_field_with_its_old_and_new_value(imported):
    from qa.interchange.loading import import_bundle

    content = shipped()
    question = content["questions"][0]
    question["title"] = {"en": "A new title"}
    old_title = Question.objects.get(series__slug=question["series"], number=question["number"]).title_en
    report = import_bundle(content, dry_run=True)
    [change] = report.changes_of("questions", f"{question['series']}/{question['number']}")
    assert (change.name, change.language, change.old, change.new) == ("title_en", "en", old_title, "A new title")
    assert report.outcome("questions", f"{question['series']}/{question['number']}") == "updated"


def test_create_only_keeps_edited_records_and_creates_new_ones(imported, tmp_path):
    question = Question.objects.get()
    question.title_en = "Edited by an editor"
    question.save()
    content = shipped()
    content["authors"].append({"slug": "new-author", "name": {"en": "New Author"}})

    output = import_content(write(tmp_path, content), "--create-only")

    assert Question.objects.get().title_en == "Edited by an editor"
    assert Author.objects.filter(slug="new-author").exists()
    assert "authors: 1 created, 0 updated, 0 unchanged, 1 skipped" in output
    assert "questions: 0 created, 0 updated, 0 unchanged, 1 skipped" in output


def test_upsert_keeps_fields_and_languages_left_out(imported, tmp_path):
    content = bundle(
        authors=[{"slug": "zhou-taidong", "name": {"en": "Zhou T."}}],
        questions=[
            {
                "series": "fighting-covid-19-100-qas",
                "number": 3,
                "title": {"en": "New title"},
                "summary": {"zh-hans": ""},
                "body": {"en": "New body."},
                "authors": ["zhou-taidong"],
                "published": "2020-03-15",
                "original_language": "en",
            }
        ],
    )
    output = import_content(write(tmp_path, content))

    author = Author.objects.get()
    assert (author.name_en, author.name_zh_hans) == ("Zhou T.", "周太东")
    assert author.position_en and author.bio_zh_hans
    question = Question.objects.get()
    assert question.title_en == "New title"
    assert question.title_zh_hans == "中国抗击新冠肺炎疫情为何采取对口支援？"
    assert question.body_en == "New body."
    assert question.body_zh_hans.startswith("对口支援通常是指")
    assert question.summary_en.startswith("The article explains")
    assert not question.summary_zh_hans  # an empty language removes that translation
    assert question.status == "published"
    assert list(question.topics.values_list("slug", flat=True)) == ["partner-assistance"]
    assert question.partial_date_iso("published") == "2020-03-15"
    assert "authors: 0 created, 1 updated, 0 unchanged" in output
    assert "questions: 0 created, 1 updated, 0 unchanged" in output


def test_authors_list_replaces_the_byline_in_order(tmp_path):
    content = small_bundle()
    import_content(write(tmp_path, content))
    question = Question.objects.get(number=1)
    assert [author.slug for author in question.byline] == ["author-b", "author-a"]

    content["authors"].append({"slug": "author-c", "name": {"en": "C"}})
    content["questions"][0]["authors"] = ["author-c", "author-a"]
    output = import_content(write(tmp_path, content))

    assert [author.slug for author in Question.objects.get(number=1).byline] == ["author-c", "author-a"]
    assert list(question.authorships.values_list("order", flat=True)) == [0, 1]
    assert "questions: 0 created, 1 updated, 1 unchanged" in output


def test_forward_references_resolve_in_any_order(tmp_path):
    content = small_bundle()
    assert list(content)[2:4] == ["programmes", "regions"]  # the records that need others come first

    import_content(write(tmp_path, content))

    assert counts() == {
        "Series": 1, "Topic": 2, "Author": 2, "Question": 2, "Authorship": 2,
        "Region": 3, "Programme": 1, "Pairing": 2,
    }
    assert Region.objects.get(code="child").parent.code == "parent"
    assert Programme.objects.get().source_question.number == 1


def test_references_resolve_against_the_database(imported, tmp_path):
    content = bundle(
        questions=[
            {
                "series": "fighting-covid-19-100-qas",
                "number": 4,
                "title": {"en": "Another question"},
                "body": {"en": "Text."},
                "authors": ["zhou-taidong"],
                "published": "2020-03",
                "original_language": "en",
                "topics": ["partner-assistance"],
            }
        ]
    )
    import_content(write(tmp_path, content))
    assert Question.objects.get(number=4).byline[0].slug == "zhou-taidong"


# Round trip ------------------------------------------------------------------


def test_round_trip_export_import_export_is_identical(tmp_path):
    import_content(write(tmp_path, small_bundle()))
    first = export_content()
    empty_database()

    import_content(write(tmp_path, first, "export.json"))

    assert export_content() == first
    exported = json.loads(first)
    question = exported["questions"][0]
    assert question["authors"] == ["author-b", "author-a"]
    assert question["topics"] == ["topic-a", "topic-b"]
    assert question["published"] == "2021-05-04" and question["status"] == "draft"
    assert exported["questions"][1]["slug"] == "second-question"
    assert "summary" not in question and "title" in question
    assert exported["authors"][1] == {"slug": "author-b", "name": {"zh-hans": "乙"}}


def test_a_chinese_slug_goes_out_and_comes_back_with_the_bundle(tmp_path):
    """The export wrote the English slug alone, so a Chinese address was lost to a backup."""
    import_content(write(tmp_path, small_bundle()))
    question = Question.objects.order_by("number").first()
    question.slug_zh_hans = "jiance-kuoda"
    question.save()
    exported = export_content()
    assert json.loads(exported)["questions"][0]["slug"] == {"en": question.slug_en, "zh-hans": "jiance-kuoda"}
    empty_database()

    import_content(write(tmp_path, exported, "export.json"))

    restored = Question.objects.get(number=question.number)
    assert restored.slug_zh_hans == "jiance-kuoda" and restored.url_for("zh-hans").endswith("/jiance-kuoda/")
    assert export_content() == exported
    assert "Nothing changed" in import_content(write(tmp_path, exported, "again.json"))


def test_export_file_is_utf8_indented_with_a_trailing_newline(tmp_path):
    import_content(SHIPPED)
    path = tmp_path / "out.json"

    call_command("export_content", "-o", str(path))

    written = path.read_text(encoding="utf-8")
    assert written == export_content()
    assert "对口支援" in written and written.endswith("}\n") and '\n  "version": 1,' in written
