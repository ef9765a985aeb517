"""Scheduled publishing: an editor gives a published question a publication time in the admin; until then
readers find it nowhere (pages, lists, search, sitemap, feeds, in both languages, with the page cache on),
from then on everywhere, with nothing run by hand. The clock is moved, not waited for."""

import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from qa.models import Question
from tests.admin_forms import save_change_form
from tests.clock import clock_at
from tests.factories import EditorFactory, QuestionFactory, SeriesFactory, TopicFactory
from tests.sitemaps import sitemap_text

UTC = datetime.timezone.utc
# 9:00 on 4 May 2031 in Beijing (Asia/Shanghai, the site's TIME_ZONE), as an editor types it in the admin.
TYPED_DATE, TYPED_TIME = "2031-05-04", "09:00:00"
PUBLISH_AT = datetime.datetime(2031, 5, 4, 1, 0, tzinfo=UTC)
LANGUAGES = ["en", "zh-hans"]


def change_url(question):
    return reverse("admin:qa_question_change", args=[question.pk])


def editor_client(language="en", username="editor"):
    client = Client()
    client.force_login(EditorFactory(username=username))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def schedule(client, question, date=TYPED_DATE, moment=TYPED_TIME, **changes):
    changes = {"status": Question.PUBLISHED, "publish_at_0": date, "publish_at_1": moment, **changes}
    return save_change_form(client, change_url(question), **changes)


@pytest.fixture
def served(transactional_db):
    """Committed content, as on a served site, where anonymous pages are cached: question 1 public, question 2
    (a draft on topic "Quarantine", by its own author) the one the editor schedules."""
    series = SeriesFactory()
    topic = TopicFactory(slug="quarantine", name_en="Quarantine", name_zh_hans="隔离")
    QuestionFactory(series=series, number=1)
    draft = QuestionFactory(
        series=series,
        number=2,
        draft=True,
        title_en="How long should quarantine last",
        title_zh_hans="隔离应该持续多久",
        topics=[topic],
    )
    return {"series": series, "topic": topic, "question": draft}


def reader_pages(question, language):
    """Every public address a reader could find the question by, in one language, with what shows it there:
    its title, or on the lists of topics and authors its topic and its author."""
    english = language == "en"
    question_title = title(language)
    return [
        (f"/{language}/", question_title),
        (f"/{language}/qa/", question_title),
        (f"/{language}/topics/quarantine/", question_title),
        (f"/{language}/feeds/questions.atom", question_title),
        (f"/{language}/feeds/questions.rss", question_title),
        (f"/{language}/qa/questions.atom", question_title),
        (question.byline[0].url_for(language), question_title),
        (f"/{language}/topics/", "Quarantine" if english else "隔离"),
        (f"/{language}/authors/", "Author 2" if english else "作者2"),
    ]


def title(language):
    return "How long should quarantine last" if language == "en" else "隔离应该持续多久"


def search_finds(reader, language):
    query = "quarantine" if language == "en" else "隔离"
    return title(language) in reader.get(f"/{language}/search/", {"q": query}).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_scheduled_question_is_nowhere_until_its_time_then_everywhere(served, language):
    question = served["question"]
    response = schedule(editor_client(), question)
    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.publish_at == PUBLISH_AT and question.status == Question.PUBLISHED

    reader = Client()
    address = question.url_for(language)
    for url, shown in reader_pages(question, language):
        assert shown not in reader.get(url).content.decode(), url
    assert "public" in reader.get(f"/{language}/")["Cache-Control"]  # kept in the page cache
    assert reader.get(address).status_code == 404
    assert not search_finds(reader, language)
    assert address not in sitemap_text(reader)

    with clock_at(PUBLISH_AT - datetime.timedelta(seconds=5)):
        assert title(language) not in reader.get(f"/{language}/").content.decode()
        assert reader.get(address).status_code == 404

    with clock_at(PUBLISH_AT + datetime.timedelta(seconds=1)):
        for url, shown in reader_pages(question, language):
            assert shown in reader.get(url).content.decode(), url
        page = reader.get(address)
        assert page.status_code == 200 and title(language) in page.content.decode()
        assert search_finds(reader, language)
        assert f"http://testserver{address}" in sitemap_text(reader)


def test_the_publication_date_shown_and_cited_is_the_scheduled_day(served):
    question = served["question"]
    schedule(editor_client(), question, date="2031-05-04", moment="06:30:00")
    question.refresh_from_db()
    # 06:30 in Beijing is 22:30 UTC the day before: the day readers see is Beijing's.
    assert question.publish_at == datetime.datetime(2031, 5, 3, 22, 30, tzinfo=UTC)
    assert question.published == datetime.date(2031, 5, 4) and question.published_precision == Question.DAY
    with clock_at(question.publish_at + datetime.timedelta(minutes=1)):
        reader = Client()
        page = reader.get(question.url_for("en")).content.decode()
        cited = reader.get(f"/en/qa/{question.number}/cite.json").json()
        feed = reader.get("/en/feeds/questions.atom").content.decode()
    assert '<time datetime="2031-05-04">' in page
    assert cited[0]["issued"] == {"date-parts": [[2031, 5, 4]]}
    assert "<published>2031-05-04T06:30:00+08:00</published>" in feed


@pytest.mark.parametrize(
    "language, scheduled",
    [("en", "Scheduled for 4 May 2031, 09:00 (Beijing time)"), ("zh-hans", "定于北京时间2031年5月4日 09:00发布")],
)
def test_the_admin_lists_shows_and_filters_scheduled_questions(served, language, scheduled):
    question = served["question"]
    client = editor_client(language)
    schedule(client, question)
    listing = client.get(reverse("admin:qa_question_changelist")).content.decode()
    assert scheduled in listing
    only_scheduled = client.get(reverse("admin:qa_question_changelist"), {"publication": "scheduled"})
    assert list(only_scheduled.context["cl"].result_list) == [question]
    public = client.get(reverse("admin:qa_question_changelist"), {"publication": "public"})
    assert [item.number for item in public.context["cl"].result_list] == [1]
    form = client.get(change_url(question)).content.decode()
    assert scheduled in form  # the notice above the form
    # Staff previewing the page see when it goes public.
    assert scheduled in client.get(question.url_for(language)).content.decode()


def test_moving_the_time_keeps_it_hidden_and_clearing_it_publishes_at_once(served):
    question = served["question"]
    client = editor_client()
    schedule(client, question)
    reader = Client()
    assert reader.get(question.url_for("en")).status_code == 404
    assert reader.get("/en/").status_code == 200  # the home page is now cached without it

    schedule(client, question, date="2031-06-01")
    question.refresh_from_db()
    assert question.publish_at == datetime.datetime(2031, 6, 1, 1, 0, tzinfo=UTC)
    with clock_at(PUBLISH_AT + datetime.timedelta(days=1)):
        assert reader.get(question.url_for("en")).status_code == 404
        assert title("en") not in reader.get("/en/").content.decode()

    response = save_change_form(client, change_url(question), publish_at_0="", publish_at_1="")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.publish_at is None and question.is_published
    assert reader.get(question.url_for("en")).status_code == 200
    assert title("en") in reader.get("/en/").content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
def test_a_save_in_any_admin_language_keeps_the_publication_time_to_the_second(served, language):
    """The Chinese admin showed 09:00:30 as 09:00: saving only a summary moved the time and said so in the history."""
    question = served["question"]
    assert schedule(editor_client(), question, moment="09:00:30").status_code == 302
    client = editor_client(language, username="ed2")
    shown = client.get(change_url(question)).content.decode()
    assert 'name="publish_at_1" value="09:00:30"' in shown
    assert save_change_form(client, change_url(question), summary_en="A new summary.").status_code == 302
    question.refresh_from_db()
    assert question.publish_at == PUBLISH_AT + datetime.timedelta(seconds=30)
    assert question.summary_en == "A new summary."
    comment = Version.objects.get_for_object(question).first().revision.comment
    assert json.loads(comment) == [{"changed": {"fields": ["English summary"]}}]


def test_a_publication_time_is_kept_to_the_second(served):
    """A bundle or the shell may give a fraction of a second, which the admin's form cannot show."""
    question = served["question"]
    question.status, question.publish_at = Question.PUBLISHED, PUBLISH_AT + datetime.timedelta(microseconds=250_000)
    question.save()
    question.refresh_from_db()
    assert question.publish_at == PUBLISH_AT


@pytest.mark.parametrize(
    "language, message", [("en", "To schedule this question, set its status"), ("zh-hans", "要定时发布本问答")]
)
def test_a_time_on_a_draft_is_refused_with_a_message_and_nothing_changes(served, language, message):
    question = served["question"]
    response = schedule(editor_client(language), question, status=Question.DRAFT)
    assert response.status_code == 200
    assert message in response.content.decode()
    question.refresh_from_db()
    assert question.publish_at is None and question.status == Question.DRAFT


def test_a_cached_page_expires_exactly_at_the_next_publication(served):
    """The page cache's own promise, without the admin: a page kept an hour before would outlive the schedule."""
    question = served["question"]
    question.status, question.publish_at = Question.PUBLISHED, timezone.now() + datetime.timedelta(minutes=10)
    question.save()
    reader = Client()
    assert title("en") not in reader.get("/en/").content.decode()
    with clock_at(question.publish_at - datetime.timedelta(seconds=2)):
        assert title("en") not in reader.get("/en/").content.decode()
    with clock_at(question.publish_at):
        assert title("en") in reader.get("/en/").content.decode()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/en/", "/en/qa/", "/zh-hans/topics/quarantine/", "/en/feeds/questions.atom"])
def test_scheduled_questions_add_no_queries(client, hub, url):
    """Scheduling is a condition in the queries, not more queries, however many questions wait."""
    topic = TopicFactory(slug="quarantine")
    later = timezone.now() + datetime.timedelta(days=1)
    QuestionFactory(number=10, topics=[topic])
    before = queries_of(client, url)
    for number in range(11, 16):
        QuestionFactory(number=number, publish_at=later, topics=[topic])
    assert queries_of(client, url) == before


def export_bundle():
    out = io.StringIO()
    call_command("export_content", stdout=out)
    return json.loads(out.getvalue())


def test_a_content_bundle_keeps_the_publication_time(hub, tmp_path):
    question = hub["published"]
    question.publish_at = PUBLISH_AT
    question.save()
    exported = export_bundle()
    [record] = [item for item in exported["questions"] if item["number"] == question.number]
    assert record["publish_at"] == "2031-05-04T09:00:00+08:00" and record["status"] == "published"
    assert all("publish_at" not in item for item in exported["questions"] if item["number"] != question.number)

    Question.objects.filter(pk=question.pk).delete()
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    call_command("import_content", str(bundle), stdout=io.StringIO())
    restored = Question.objects.get(number=question.number)
    assert restored.publish_at == PUBLISH_AT and restored.is_scheduled
    assert not Question.objects.published().filter(pk=restored.pk).exists()


@pytest.mark.parametrize("value", ["2031-05-04T09:00:00", "4 May 2031", "2031-13-40T09:00:00+08:00", 20310504])
def test_a_bundle_with_a_bad_publication_time_is_refused_with_its_path(hub, tmp_path, value):
    exported = export_bundle()
    exported["questions"][0]["publish_at"] = value
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import_content", str(bundle), stdout=io.StringIO())
    assert "questions[0].publish_at" in str(refused.value) and "UTC offset" in str(refused.value)
