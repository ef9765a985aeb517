"""Bad content bundles (docs/content-bundle.md) refused whole: each bad record named by its path, an unreadable
file in one line, every problem at once, the exit status and stderr."""

import copy
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError

from qa.models import Series
from tests.bundle_data import ROOT, bundle, counts, import_content, shipped, small_bundle, write

pytestmark = pytest.mark.django_db


def unknown_author(content):
    content["questions"][0]["authors"].append("li-si")


def missing_published(content):
    del content["questions"][0]["published"]


def bad_date(content):
    content["questions"][0]["published"] = "2020-13"


def year_one(content):
    content["questions"][0]["published"] = "0001-01-01"


def publish_at_in_year_one(content):
    content["questions"][0]["publish_at"] = "0001-01-01T00:00:00+08:00"


def bad_chinese_slug(content):
    content["questions"][0]["slug"] = {"en": "partner-assistance", "zh-hans": "no spaces here"}


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
        (bad_chinese_slug, "questions[0].slug.zh-hans: Enter a valid “slug”"),
        (year_one, "questions[0].published: Enter a date from the year 1000 to the year 9999."),
        (publish_at_in_year_one, "questions[0].publish_at: Enter a date from the year 1000 to the year 9999."),
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
