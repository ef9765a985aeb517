"""What every question page carries: breadcrumb, last update, reading time, topics, previous and next,
related questions; topic pages; the 404 page's language switch."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from reversion.models import Revision

from qa.content.reading import reading_minutes
from qa.editorial.revisions import recorded, undo
from qa.languages import LANGUAGE_CODES
from qa.models import Question
from tests.factories import QuestionFactory, SeriesFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db
LANGS = ["en", "zh-hans"]


def page(client, question, lang):
    response = client.get(question.url_for(lang))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_the_breadcrumb_leads_from_the_hub_to_the_series_to_the_question(client, lang):
    question = QuestionFactory(number=7)
    html = page(client, question, lang)
    crumbs = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert f'<a href="/{lang}/">' in crumbs and f'<a href="/{lang}/qa/">' in crumbs
    expected = {"en": "Question 7", "zh-hans": "第7问"}[lang]
    assert re.search(rf'aria-current="page">{expected}</li>', crumbs)


@pytest.mark.parametrize("lang", LANGS)
def test_last_updated_appears_once_published_text_is_revised(client, lang):
    question = QuestionFactory(number=3, published=datetime.date(2020, 3, 1))
    assert 'class="revised"' not in page(client, question, lang)
    question.status = Question.DRAFT
    question.save()
    question.refresh_from_db()
    assert question.revised is None  # unpublishing changes no text
    question.body_zh_hans = "修订后的正文。"
    question.save()
    assert Question.objects.get(pk=question.pk).revised is None  # editing a draft is not a revision
    question.status = Question.PUBLISHED
    question.save()
    question.body_en = "A corrected body."
    question.save()
    question.refresh_from_db()
    assert question.revised == timezone.localdate()
    html = page(client, question, lang)
    with translation.override(lang):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">{today}</time>' in html.split('class="revised"')[1]


def test_reading_time_counts_chinese_characters_and_english_words():
    assert reading_minutes("word " * 1000) == 5
    assert reading_minutes("字" * 1500) == 5
    assert reading_minutes("") == 1
    assert reading_minutes("字" * 600 + " word" * 200) == 3


@pytest.mark.parametrize("lang, expected", [("en", "Reading time: 5 minutes"), ("zh-hans", "阅读约需5分钟")])
def test_the_page_says_how_long_it_takes_to_read(client, lang, expected):
    question = QuestionFactory(
        number=3, body_en="word " * 1000, body_zh_hans="字" * 1500, summary_en="", summary_zh_hans=""
    )
    assert expected in page(client, question, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_topics_are_shown_and_link_to_their_pages(client, lang):
    topic = TopicFactory(
        slug="health", name_en="Public health", name_zh_hans="公共卫生",
        description_en="How China protected public health.", description_zh_hans="中国如何保护公共卫生。",
    )
    question = QuestionFactory(number=3, topics=[topic])
    html = page(client, question, lang)
    name = {"en": "Public health", "zh-hans": "公共卫生"}[lang]
    assert f'<a href="/{lang}/topics/health/" rel="tag">{name}</a>' in html
    topic_page = client.get(f"/{lang}/topics/health/").content.decode()
    assert {"en": "How China protected public health.", "zh-hans": "中国如何保护公共卫生。"}[lang] in topic_page
    assert question.url_for(lang) in topic_page
    listing = client.get(f"/{lang}/topics/").content.decode()
    assert f'href="/{lang}/topics/health/"' in listing and name in listing


def test_a_topic_without_published_questions_is_not_public(client):
    TopicFactory(slug="empty")
    QuestionFactory(number=1, topics=[TopicFactory(slug="drafts-only")], draft=True)
    for slug in ("empty", "drafts-only", "no-such-topic"):
        assert client.get(f"/en/topics/{slug}/").status_code == 404
    assert "drafts-only" not in client.get("/en/topics/").content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_previous_and_next_stay_within_the_series(client, lang):
    first, second = QuestionFactory(number=1), QuestionFactory(number=2)
    other = SeriesFactory(slug="briefs")
    QuestionFactory(series=other, number=3, title_en="Brief 3", title_zh_hans="简报3")
    QuestionFactory(number=4, draft=True)
    html = page(client, second, lang)
    assert f'rel="prev" href="{first.url_for(lang)}"' in html and 'rel="next"' not in html
    assert f'rel="next" href="{second.url_for(lang)}"' in page(client, first, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_related_questions_share_topics_first(client, lang):
    health, economy = TopicFactory(), TopicFactory()
    question = QuestionFactory(number=1, topics=[health, economy])
    both = QuestionFactory(number=2, topics=[health, economy], title_en="Both topics", title_zh_hans="两个话题")
    one = QuestionFactory(number=3, topics=[health], title_en="One topic", title_zh_hans="一个话题")
    QuestionFactory(number=4, topics=[health], draft=True, title_en="Draft", title_zh_hans="草稿")
    html = page(client, question, lang)
    related = html.split('class="related"')[1].split("</section>")[0]
    assert related.index(both.url_for(lang)) < related.index(one.url_for(lang))
    assert "Draft" not in related and "草稿" not in related and question.url_for(lang) not in related


@pytest.mark.parametrize("lang", LANGS)
def test_the_404_language_switch_goes_home_and_never_off_site(client, lang):
    for path in [f"/{lang}/qa/999/", f"/{lang}//evil.example/", f"/{lang}/no/such/page/"]:
        response = client.get(path)
        assert response.status_code == 404
        html = response.content.decode()
        switch = html.split('class="language-switch"')[1].split("</nav>")[0]
        assert set(re.findall(r'href="([^"]+)"', switch)) <= {f"/{code}/" for code in LANGUAGE_CODES}
        assert "evil.example" not in html.split("<body")[0]


def test_staff_preview_a_draft_with_the_same_page(client):
    draft = QuestionFactory(number=9, draft=True)
    assert client.get(draft.url_for("en")).status_code == 404
    client.force_login(StaffFactory())
    assert "Draft: only staff can see this page." in page(client, draft, "en")


def test_undoing_a_correction_is_a_revision_too():
    with recorded("imported"):
        question = QuestionFactory(number=3, published=datetime.date(2020, 3, 1))
    with recorded("correction"):
        question.body_en = "A corrected body."
        question.save()
    Question.objects.filter(pk=question.pk).update(revised=datetime.date(2021, 1, 1))
    undo(Revision.objects.get(comment="correction"))
    question.refresh_from_db()
    assert question.body_en != "A corrected body." and question.revised == timezone.localdate()
