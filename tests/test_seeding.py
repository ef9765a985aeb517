"""Bundled content seeds a database once: what editors delete or change stays so across restarts and deploys."""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from qa.models import Page, Pairing, Programme, Question, SeededRecord
from tests.admin_forms import form_data
from tests.factories import SERIES_SLUG, EditorFactory, PageFactory, QuestionFactory

pytestmark = pytest.mark.django_db
BASE_DIR = Path(settings.BASE_DIR)
BUNDLE = BASE_DIR / "content" / "knowledgehub.json"


def setup_commands():
    """The manage.py commands of the Makefile's ``setup`` recipe that write content (what every ``make run`` does)."""
    makefile = (BASE_DIR / "Makefile").read_text()
    recipe = re.search(r"^setup:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    return [line.split("manage.py ", 1)[1].split() for line in recipe.splitlines() if "_content" in line]


def make_setup():
    output = io.StringIO()
    for name, *args in setup_commands():
        call_command(name, *[str(BUNDLE) if arg == "$(BUNDLE)" else arg for arg in args], stdout=output)
    return output.getvalue()


def question_3():
    return Question.objects.filter(series__slug=SERIES_SLUG, number=3).first()


def tianjin_to_enshi():
    return Pairing.objects.filter(supporter__code="tianjin", supported__code="enshi").first()


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory())
    return client


def delete_in_admin(client, question, pairing):
    path = reverse("admin:qa_question_delete", args=[question.pk])
    assert client.post(path, {"post": "yes"}).status_code == 302
    path = reverse("admin:qa_programme_change", args=[pairing.programme_id])
    page = client.get(path)
    data = form_data(page)
    [formset] = [inline.formset for inline in page.context["inline_admin_formsets"]]
    [form] = [form for form in formset.forms if form.instance.pk == pairing.pk]
    data[f"{form.prefix}-DELETE"] = "on"
    assert client.post(path, data).status_code == 302


def test_make_run_seeds_an_empty_database_once_and_records_it(client):
    assert setup_commands() == [["seed_content", "$(BUNDLE)"]]
    output = make_setup()
    assert "Seeded the database" in output
    assert question_3().is_published and Pairing.objects.count() == 21
    assert client.get("/en/qa/3/why-is-partner-assistance-adopted-in-chinas-covid-19-battle/").status_code == 200
    assert client.get("/zh-hans/qa/3/").status_code == 200
    assert client.get("/zh-hans/pages/privacy/").status_code == 200
    assert SeededRecord.objects.filter(kind="questions", name=f"{SERIES_SLUG}/3").exists()
    assert SeededRecord.objects.filter(kind="pairings").count() == 21
    assert "nothing written" in make_setup()


def test_what_an_editor_deleted_stays_deleted_after_make_setup(client, editor_client):
    make_setup()
    question, pairing = question_3(), tianjin_to_enshi()
    url = question.url_for("en")
    delete_in_admin(editor_client, question, pairing)
    client.logout()

    make_setup()
    make_setup()
    assert question_3() is None and tianjin_to_enshi() is None
    assert Pairing.objects.count() == 20
    assert client.get(url).status_code == 404


def test_what_an_editor_changed_stays_changed(editor_client):
    make_setup()
    question = question_3()
    path = reverse("admin:qa_question_change", args=[question.pk])
    data = form_data(editor_client.get(path))
    data.update(title_en="An editor's corrected title", status=Question.DRAFT)
    assert editor_client.post(path, data).status_code == 302
    make_setup()
    question.refresh_from_db()
    assert question.title_en == "An editor's corrected title" and question.status == Question.DRAFT


def test_a_database_with_content_but_no_record_of_seeding_is_left_alone():
    """A site set up before seeding was recorded, where an editor had deleted Question 3."""
    QuestionFactory(number=1)
    output = make_setup()
    assert "already has content" in output
    assert question_3() is None and not Programme.objects.exists()
    assert "nothing written" in make_setup()


def newer_bundle(tmp_path):
    bundle = json.loads(BUNDLE.read_text(encoding="utf-8"))
    new = dict(bundle["questions"][0], number=4, title={"en": "A question shipped later"}, summary={})
    bundle["questions"].append(new)
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return path


def test_add_new_adds_only_records_never_seeded_and_lists_what_it_skipped(tmp_path, editor_client):
    make_setup()
    delete_in_admin(editor_client, question_3(), tianjin_to_enshi())
    newer = newer_bundle(tmp_path)

    assert "1 bundled record(s) are new" in call_output("seed_content", newer)
    dry = call_output("seed_content", newer, "--add-new", "--dry-run")
    assert "Dry run" in dry and not Question.objects.filter(number=4).exists()

    output = call_output("seed_content", newer, "--add-new")
    added = Question.objects.get(number=4)
    assert added.title_en == "A question shipped later"
    assert question_3() is None and tianjin_to_enshi() is None
    assert f"skipped questions {SERIES_SLUG}/3: deleted by an editor, not re-created" in output
    assert "skipped pairings hubei-partner-assistance-2020/tianjin>enshi: deleted by an editor" in output
    assert "kept as editors left it" in output
    assert "questions: 1 created" in output
    assert "nothing written" in call_output("seed_content", newer)


def call_output(*args):
    output = io.StringIO()
    call_command(*[str(arg) for arg in args], stdout=output)
    return output.getvalue()


# Pages (qa.pages): records like the others; a database seeded before they existed gets them from --add-new.


def test_seeding_adds_the_pages_once_and_a_page_an_editor_deleted_stays_deleted(editor_client):
    assert "pages: 4 created" in make_setup()
    assert SeededRecord.objects.filter(kind="pages").count() == 4
    contact = Page.objects.get(slug="contact")
    assert editor_client.post(reverse("admin:qa_page_delete", args=[contact.pk]), {"post": "yes"}).status_code == 302

    assert "nothing written" in make_setup()
    output = call_output("seed_content", BUNDLE, "--add-new")
    assert "skipped pages contact: deleted by an editor, not re-created" in output
    assert "skipped pages about: kept as editors left it" in output
    assert sorted(Page.objects.values_list("slug", flat=True)) == ["about", "licence", "privacy"]


def test_a_database_seeded_before_pages_existed_gets_them_from_add_new_only(tmp_path):
    older = json.loads(BUNDLE.read_text(encoding="utf-8"))
    del older["pages"]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    call_output("seed_content", path)

    assert "4 bundled record(s) are new" in make_setup()
    assert not Page.objects.exists()
    output = call_output("seed_content", BUNDLE, "--add-new")
    assert "pages: 4 created" in output and "questions: 0 created, 0 updated, 0 unchanged, 1 skipped" in output
    assert Page.objects.count() == 4
    assert "are new" not in make_setup()


def test_a_database_from_before_seeding_records_is_offered_the_pages_it_lacks():
    QuestionFactory(number=1)
    PageFactory(slug="about", title_en="Our own about page")
    assert "already has content" in make_setup()
    assert set(SeededRecord.objects.filter(kind="pages").values_list("name", flat=True)) == {"about"}

    assert "3 bundled record(s) are new" in make_setup()
    output = call_output("seed_content", BUNDLE, "--add-new")
    assert "pages: 3 created, 0 updated, 0 unchanged, 1 skipped" in output
    assert Page.objects.get(slug="about").title_en == "Our own about page"
    assert Page.objects.count() == 4
