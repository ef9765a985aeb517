"""import_content / export_content and the shipped bundle (docs/content-bundle.md)."""

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models.signals import m2m_changed, post_delete, post_save

from qa.interchange import schema
from qa.models import Author, Authorship, Pairing, Programme, Question, Region, Series, Topic

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content" / "knowledgehub.json"
MODELS = (Series, Topic, Author, Question, Authorship, Region, Programme, Pairing)


def bundle(**records):
    return {"format": "knowledgehub-bundle", "version": 1, **records}


def shipped():
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path, content, name="bundle.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def import_content(path, *options):
    out = io.StringIO()
    call_command("import_content", str(path), *options, stdout=out)
    return out.getvalue()


def export_content():
    out = io.StringIO()
    call_command("export_content", stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


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


@pytest.fixture
def imported(tmp_path):
    import_content(write(tmp_path, shipped(), "shipped.json"))


def small_bundle():
    """Every field of the format, in both languages or one, with forward references."""
    return bundle(
        programmes=[
            {
                "slug": "programme",
                "name": {"en": "Programme", "zh-hans": "项目"},
                "organiser": {"zh-hans": "组织者"},
                "announced": "2020-02",
                "source": {"series": "series-a", "number": 1},
                "totals": {"medical_staff": 12},
                "pairings": [
                    {"supporter": "other", "supported": "child", "medical_teams": 2, "medical_staff": 40,
                     "note": {"en": "Note"}},
                    {"supporter": "other", "supported": "parent"},
                ],
            }
        ],
        regions=[
            {"code": "child", "name": {"en": "Child", "zh-hans": "子"}, "kind": "prefecture-level-city",
             "parent": "parent"},
            {"code": "parent", "name": {"en": "Parent"}, "kind": "province"},
            {"code": "other", "name": {"zh-hans": "别处"}, "kind": "municipality"},
        ],
        questions=[
            {
                "series": "series-a",
                "number": 1,
                "slug": "first",
                "title": {"zh-hans": "第一问"},
                "body": {"zh-hans": "第一段。\n\n第二段。"},
                "authors": ["author-b", "author-a"],
                "published": "2021-05-04",
                "original_language": "zh-hans",
                "status": "draft",
                "topics": ["topic-b", "topic-a"],
                "source_url": "https://example.org/q1",
            },
            {
                "series": "series-a",
                "number": 2,
                "title": {"en": "Second question?"},
                "summary": {"en": "Summary"},
                "body": {"en": "Body."},
                "authors": [],
                "published": "2021-06",
                "original_language": "en",
            },
        ],
        authors=[
            {
                "slug": "author-a", "name": {"en": "A", "zh-hans": "甲"}, "position": {"en": "Head"},
                "bio": {"en": "Bio"},
            },
            {"slug": "author-b", "name": {"zh-hans": "乙"}},
        ],
        topics=[
            {"slug": "topic-a", "name": {"en": "Topic A"}},
            {"slug": "topic-b", "name": {"en": "Topic B", "zh-hans": "乙"}},
        ],
        series=[{"slug": "series-a", "title": {"en": "Series"}, "description": {"en": "About", "zh-hans": "关于"}}],
    )


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


def test_export_file_is_utf8_indented_with_a_trailing_newline(tmp_path):
    import_content(SHIPPED)
    path = tmp_path / "out.json"

    call_command("export_content", "-o", str(path))

    written = path.read_text(encoding="utf-8")
    assert written == export_content()
    assert "对口支援" in written and written.endswith("}\n") and '\n  "version": 1,' in written


# Bad bundles -----------------------------------------------------------------


def unknown_author(content):
    content["questions"][0]["authors"].append("li-si")


def missing_published(content):
    del content["questions"][0]["published"]


def bad_date(content):
    content["questions"][0]["published"] = "2020-13"


def self_pairing(content):
    pairing = content["programmes"][0]["pairings"][1]
    pairing["supported"] = pairing["supporter"]


def unknown_kind(content):
    content["regions"][1]["kind"] = "city"


def unknown_language(content):
    content["series"][0]["title"]["fr"] = "Combattre"


def empty_title(content):
    content["questions"][0]["title"] = {"en": "", "zh-hans": ""}


def duplicate_region(content):
    content["regions"].append(copy.deepcopy(content["regions"][0]))


def wrong_type(content):
    content["programmes"][0]["totals"]["medical_teams"] = "63"


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (unknown_author, "questions[0].authors[1]: unknown author 'li-si'"),
        (missing_published, "questions[0].published: required field is missing"),
        (bad_date, "questions[0].published: '2020-13' is not YYYY-MM or YYYY-MM-DD"),
        (self_pairing, "programmes[0].pairings[1]: region 'fujian' cannot support itself"),
        (unknown_kind, "regions[1].kind: unknown region kind 'city'"),
        (unknown_language, "series[0].title: unknown language code 'fr'"),
        (empty_title, "questions[0].title: needs text in at least one language"),
        (duplicate_region, "regions[36]: duplicate region 'chongqing' (also at regions[0])"),
        (wrong_type, "programmes[0].totals.medical_teams: expected an integer"),
    ],
)
def test_a_bad_record_stops_the_whole_import(imported, tmp_path, spoil, expected):
    content = shipped()
    content["series"][0]["title"]["en"] = "A valid change"
    content["authors"].insert(0, {"slug": "valid-new-author", "name": {"en": "Valid"}})
    spoil(content)
    before = counts()

    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, content))

    assert expected in str(error.value)
    assert error.value.returncode != 0
    assert counts() == before
    assert Series.objects.get().title_en == "Fighting the COVID-19: 100 Q&As"


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"format": "knowledgehub-bundle", ', "not valid JSON"),
        (bundle() | {"format": "other"}, "'format' must be 'knowledgehub-bundle'"),
        (bundle() | {"version": 2}, "unsupported bundle version 2"),
        ([1, 2], "expected a JSON object"),
    ],
)
def test_unreadable_bundle_gives_one_line(imported, tmp_path, content, expected):
    before = counts()
    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, content))
    assert expected in str(error.value)
    assert "\n" not in str(error.value)
    assert counts() == before


def test_every_problem_is_reported_at_once(tmp_path):
    content = shipped()
    unknown_author(content)
    bad_date(content)
    self_pairing(content)
    unknown_kind(content)

    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, content))

    assert str(error.value).count("\n") == 4
    assert "4 problems in the bundle, nothing was written" in str(error.value)
    assert not any(counts().values())


def test_region_cannot_be_its_own_ancestor(tmp_path):
    content = small_bundle()
    content["regions"][1]["parent"] = "child"
    with pytest.raises(CommandError, match=r"regions\[0\]\.parent: region 'child' would be its own ancestor"):
        import_content(write(tmp_path, content))


def test_command_line_exit_status_and_stderr(tmp_path):
    path = write(tmp_path, "not json")
    env = {**os.environ, "DJANGO_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_content", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert f"CommandError: {path}: not valid JSON" in result.stderr
    assert result.stdout == ""


# Hostile bundles: text hygiene, limits and files no reader should accept ------


def question_text(field, language, value):
    def spoil(content):
        content["questions"][0][field][language] = value
        return json.dumps(content)  # ASCII escapes, so "\ud800" is written as one

    return spoil


def pairing_note(content):
    content["programmes"][0]["pairings"][2]["note"] = {"zh-hans": "备注\x07"}
    return json.dumps(content)


def nul_in_a_reference(content):
    content["questions"][0]["authors"] = ["zhou-taidong\x00"]
    return json.dumps(content)


def duplicate_top_level_key(content):
    return json.dumps(content).replace('"version": 1,', '"version": 1, "version": 1,', 1)


def duplicate_key_in_a_question(content):
    return json.dumps(content).replace('"status": "published"', '"status": "draft", "status": "published"', 1)


def deep_nesting(content):
    return '{"format": "knowledgehub-bundle", "version": 1, "questions": ' + "[" * 100_000 + "]" * 100_000 + "}"


def huge_integer(content):
    return json.dumps(content).replace('"number": 3', '"number": ' + "7" * 5000, 1)


@pytest.mark.parametrize(
    "spoil, expected",
    [
        pytest.param(
            question_text("title", "en", "Why Is\x0bPartner Assistance Adopted?"),
            "questions[0].title.en: contains the invisible character U+000B (at character 7)",
            id="control-character-in-title",
        ),
        pytest.param(
            question_text("summary", "en", "The article\x0b explains"),
            "questions[0].summary.en: contains the invisible character U+000B (at character 12); remove it",
            id="control-character-in-summary",
        ),
        pytest.param(
            pairing_note,
            "programmes[0].pairings[2].note.zh-hans: contains the invisible character U+0007 (at character 3)",
            id="control-character-in-pairing-note",
        ),
        pytest.param(
            question_text("body", "en", "Text.\x00"),
            "questions[0].body.en: contains the invisible character U+0000 (at character 6)",
            id="nul",
        ),
        pytest.param(
            nul_in_a_reference,
            "questions[0].authors[0]: contains the invisible character U+0000 (at character 13)",
            id="nul-in-a-reference",
        ),
        pytest.param(
            question_text("title", "zh-hans", "为何\ud800"),
            "questions[0].title.zh-hans: contains the invisible character U+D800 (at character 3)",
            id="lone-surrogate",
        ),
        pytest.param(
            question_text("title", "en", "t" * 501),
            "questions[0].title.en: is too long: at most 500 characters (it has 501)",
            id="title-of-501-characters",
        ),
        pytest.param(
            question_text("body", "zh-hans", "字" * 70_000),
            "questions[0].body.zh-hans: is too long: keep it under 200 KB (it is 210 KB)",
            id="body-over-200-kb",
        ),
        pytest.param(
            duplicate_top_level_key,
            "version: duplicate key, given 2 times in one object",
            id="duplicate-top-level-key",
        ),
        pytest.param(
            duplicate_key_in_a_question,
            "questions[0].status: duplicate key, given 2 times in one object",
            id="duplicate-key-in-a-question",
        ),
        pytest.param(deep_nesting, "arrays or objects nested too deeply", id="deep-nesting"),
        pytest.param(huge_integer, "a number longer than 4300 digits", id="huge-integer"),
    ],
)
def test_hostile_bundle_is_refused_with_its_path_and_nothing_is_written(imported, tmp_path, spoil, expected):
    content = shipped()
    content["series"][0]["title"]["en"] = "A valid change"
    before, exported = counts(), export_content()

    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, spoil(content)))

    assert expected in str(error.value)
    assert counts() == before
    assert export_content() == exported


def test_a_file_with_a_byte_order_mark_imports(tmp_path):
    path = tmp_path / "bom.json"
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    import_content(path)

    assert Question.objects.get().number == 3


def test_load_ignores_a_leading_byte_order_mark():
    assert schema.load('\ufeff{"format": "knowledgehub-bundle"}') == {"format": "knowledgehub-bundle"}


def test_crlf_text_imports_with_newlines_and_a_second_import_changes_nothing(tmp_path):
    content = small_bundle()
    question = content["questions"][1]
    question["title"] = {"en": "Second\r\nquestion?"}
    question["body"] = {"en": "One.\r\n\r\nTwo.\rThree."}
    content["programmes"][0]["pairings"][0]["note"] = {"en": "A\r\nnote"}
    path = write(tmp_path, content)

    import_content(path)

    stored = Question.objects.get(number=2)
    assert (stored.title_en, stored.body_en) == ("Second\nquestion?", "One.\n\nTwo.\nThree.")
    assert Pairing.objects.get(supported__code="child").note_en == "A\nnote"
    assert import_content(path).strip().endswith("Nothing changed.")


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
