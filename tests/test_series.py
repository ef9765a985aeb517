"""Every series public: its own page and addresses, old addresses kept, short Chinese addresses, feeds and sitemap."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format

from qa.models import Question, Series
from tests.factories import AuthorFactory, QuestionFactory, SeriesFactory, StaffFactory, TopicFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db
LANGS = ["en", "zh-hans"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def two_series(db):
    """The Hub's series (address "qa") and a second one, each with its own question 3."""
    hub = SeriesFactory()
    briefs = SeriesFactory(
        slug="global-development-briefs", title_en="Global Development Briefs", title_zh_hans="全球发展简报", position=1
    )
    return {
        "hub": hub,
        "briefs": briefs,
        "hub_3": QuestionFactory(series=hub, number=3, title_en="Partner assistance", title_zh_hans="对口支援"),
        "briefs_3": QuestionFactory(series=briefs, number=3, title_en="Debt relief", title_zh_hans="债务减免"),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_each_series_has_its_page_and_its_own_question_3(client, two_series, lang):
    for key, title in [("hub_3", {"en": "Partner assistance", "zh-hans": "对口支援"}),
                       ("briefs_3", {"en": "Debt relief", "zh-hans": "债务减免"})]:
        question = two_series[key]
        response = client.get(question.url_for(lang))
        assert response.status_code == 200
        assert title[lang] in response.content.decode()
    html = client.get(f"/{lang}/global-development-briefs/").content.decode()
    assert {"en": "Global Development Briefs", "zh-hans": "全球发展简报"}[lang] in html
    assert two_series["briefs_3"].url_for(lang) in html and two_series["hub_3"].url_for(lang) not in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_shows_every_series_in_the_order_editors_set(client, two_series, lang):
    html = client.get(f"/{lang}/").content.decode()
    hub, briefs = two_series["hub"].url_for(lang), two_series["briefs"].url_for(lang)
    assert html.index(f'href="{hub}"') < html.index(f'href="{briefs}"')
    Series.objects.filter(pk=two_series["briefs"].pk).update(position=0)
    Series.objects.filter(pk=two_series["hub"].pk).update(position=5)
    html = client.get(f"/{lang}/").content.decode()
    assert html.index(f'href="{briefs}"') < html.index(f'href="{hub}"')


def test_a_series_without_published_questions_is_not_public(client, two_series):
    empty = SeriesFactory(slug="coming-soon", title_en="Coming soon")
    QuestionFactory(series=empty, number=1, draft=True)
    assert client.get("/en/coming-soon/").status_code == 404
    assert "Coming soon" not in client.get("/en/").content.decode()
    client.force_login(StaffFactory())
    assert client.get("/en/coming-soon/").status_code == 200


def test_the_hubs_first_addresses_keep_working(client, two_series):
    question = two_series["hub_3"]
    english = f"/en/qa/3/{question.slug_en}/"
    assert client.get(english).status_code == 200 and question.url_for("en") == english
    old_chinese = f"/zh-hans/qa/3/{question.slug_zh_hans}/"
    response = client.get(old_chinese)
    assert response.status_code == 301 and response.url == "/zh-hans/qa/3/"
    for old in [f"/en/qa/3/{question.slug_en}/side-by-side/", f"/zh-hans/qa/3/{question.slug_zh_hans}/side-by-side/"]:
        response = client.get(old)
        assert response.status_code == 301 and response.url.endswith("/qa/3/side-by-side/")
    response = client.get("/en/qa/3/")
    assert response.status_code == 301 and response.url == english


def test_a_wrong_slug_never_leads_to_another_series(client, two_series):
    response = client.get("/en/global-development-briefs/3/partner-assistance/")
    assert response.status_code == 301 and response.url == two_series["briefs_3"].url_for("en")


@pytest.mark.parametrize("lang", LANGS)
def test_chinese_addresses_carry_no_percent_encoding_anywhere(client, two_series, lang):
    question = two_series["hub_3"]
    assert question.url_for("zh-hans") == "/zh-hans/qa/3/"
    assert question.side_by_side_url_for("zh-hans") == "/zh-hans/qa/3/side-by-side/"
    html = client.get(question.url_for(lang)).content.decode()
    assert "%E" not in html
    assert 'hreflang="zh-Hans" href="http://testserver/zh-hans/qa/3/"' in html
    assert "http://testserver/zh-hans/qa/3/" in html if lang == "zh-hans" else True
    sitemap = sitemap_text(client)
    assert "%E" not in sitemap and "http://testserver/zh-hans/qa/3/" in sitemap
    assert "%E" not in client.get("/zh-hans/feeds/questions.atom").content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_the_sitemap_and_the_feeds_hold_every_series(client, two_series, lang):
    sitemap = sitemap_text(client)
    for key in ("hub_3", "briefs_3"):
        assert f"http://testserver{two_series[key].url_for(lang)}" in sitemap
    assert f"http://testserver{two_series['briefs'].url_for(lang)}" in sitemap

    def links(path):
        feed = ET.fromstring(client.get(path).content)
        entries = feed.iter(f"{ATOM}entry")
        return feed.findtext(f"{ATOM}title"), [entry.find(f"{ATOM}link").get("href") for entry in entries]

    title, every = links(f"/{lang}/feeds/questions.atom")
    assert title == {"en": "COVID-19 Knowledge Hub", "zh-hans": "新冠肺炎疫情知识库"}[lang]
    assert {f"http://testserver{two_series[key].url_for(lang)}" for key in ("hub_3", "briefs_3")} <= set(every)
    title, own = links(f"/{lang}/global-development-briefs/questions.atom")
    assert title == {"en": "Global Development Briefs", "zh-hans": "全球发展简报"}[lang]
    assert own == [f"http://testserver{two_series['briefs_3'].url_for(lang)}"]
    rss = client.get(f"/{lang}/global-development-briefs/questions.rss")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert client.get(f"/{lang}/no-such-series/questions.atom").status_code == 404


def test_series_addresses_are_checked_and_never_change_in_the_admin(client, two_series):
    for reserved in ("authors", "search", "topics", "partner-assistance"):
        with pytest.raises(ValidationError):
            Series(slug="x", path=reserved, title_en="X").full_clean()
    client.force_login(StaffFactory(superuser=True))
    html = client.get(f"/admin/qa/series/{two_series['briefs'].pk}/change/").content.decode()
    assert 'name="path"' not in html and "global-development-briefs" in html
    assert 'name="path"' in client.get("/admin/qa/series/add/").content.decode()


def test_numbers_are_unique_within_a_series_not_across_series(two_series):
    assert Question.objects.filter(number=3).count() == 2
    with pytest.raises(ValidationError):
        Question(series=two_series["hub"], number=3, title_en="Again", body_en="x",
                 published=datetime.date(2020, 3, 1)).validate_constraints()


@pytest.mark.parametrize("lang", LANGS)
def test_the_admin_question_list_shows_and_filters_by_series(client, two_series, lang):
    client.force_login(StaffFactory(superuser=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    html = client.get("/admin/qa/question/").content.decode()
    assert "column-series" in html and {"en": "Global Development Briefs", "zh-hans": "全球发展简报"}[lang] in html
    html = client.get("/admin/qa/question/", {"series__id__exact": two_series["briefs"].pk}).content.decode()
    titles = {"en": ("Debt relief", "Partner assistance"), "zh-hans": ("债务减免", "对口支援")}[lang]
    assert titles[0] in html and titles[1] not in html
    QuestionFactory(series=two_series["briefs"], number=4, untranslated=True, title_en="Untranslated brief")
    QuestionFactory(series=two_series["hub"], number=4, untranslated=True, title_en="Untranslated hub question")
    page = client.get("/admin/qa/question/needs-translation/", {"series": two_series["briefs"].pk}).content.decode()
    assert "Untranslated brief" in page and "Untranslated hub question" not in page
    assert "全球发展简报" in page or "Global Development Briefs" in page


# The series index ----------------------------------------------------------------


@pytest.fixture
def index(db):
    series = SeriesFactory()
    health, economy = TopicFactory(slug="health", name_en="Health", name_zh_hans="卫生"), TopicFactory(
        slug="economy", name_en="Economy", name_zh_hans="经济"
    )
    zhou, li = AuthorFactory(slug="zhou", name_en="Zhou", name_zh_hans="周"), AuthorFactory(
        slug="li", name_en="Li", name_zh_hans="李"
    )
    questions = {}
    for number, topics, authors, day in [
        (1, [health], [zhou], 5), (2, [economy], [li], 20), (3, [health, economy], [zhou, li], 10), (4, [], [li], 1),
    ]:
        questions[number] = QuestionFactory(
            series=series, number=number, topics=topics, authors=authors,
            published=datetime.date(2020, 3, day), published_precision=Question.DAY,
            summary_en=f"What question {number} answers.", summary_zh_hans=f"第{number}问的摘要。",
        )
    return {"series": series, "questions": questions}


def numbers_listed(html):
    return [int(n) for n in re.findall(r'<li value="(\d+)">', html)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_lists_number_title_author_date_summary_and_topics(client, index, lang):
    html = client.get(f"/{lang}/qa/").content.decode()
    assert numbers_listed(html) == [1, 2, 3, 4]
    first = html.split('<li value="1">')[1].split("</li>")[0]
    with translation.override(lang):
        day = date_format(datetime.date(2020, 3, 5), "DATE_FORMAT")
    expected = {"en": ["Zhou", day, "What question 1 answers.", "Health"],
                "zh-hans": ["周", day, "第1问的摘要。", "卫生"]}[lang]
    assert all(text in first for text in expected)
    assert index["questions"][1].url_for(lang) in first


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_filters_by_topic_and_author_and_sorts_with_plain_links(client, index, lang):
    assert numbers_listed(client.get(f"/{lang}/qa/", {"topic": "health"}).content.decode()) == [1, 3]
    assert numbers_listed(client.get(f"/{lang}/qa/", {"author": "li"}).content.decode()) == [2, 3, 4]
    html = client.get(f"/{lang}/qa/", {"topic": "health", "author": "li"}).content.decode()
    assert numbers_listed(html) == [3]
    assert numbers_listed(client.get(f"/{lang}/qa/", {"order": "date"}).content.decode()) == [2, 3, 1, 4]
    html = client.get(f"/{lang}/qa/", {"topic": "economy"}).content.decode()
    assert f'href="/{lang}/qa/?order=date&amp;topic=economy"' in html
    assert f'href="/{lang}/qa/?author=zhou&amp;topic=economy"' in html
    assert f'href="/{lang}/qa/"' in html  # back to all topics


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_counts_each_topic_and_author(client, index, lang):
    html = client.get(f"/{lang}/qa/").content.decode()
    health = {"en": "Health", "zh-hans": "卫生"}[lang]
    assert re.search(rf'topic=health">{health}</a> <span class="count">2</span>', html)
    assert re.search(r'author=li">[^<]+</a> <span class="count">3</span>', html)
    html = client.get(f"/{lang}/qa/", {"author": "zhou"}).content.decode()
    assert re.search(r'topic=economy">[^<]+</a> <span class="count">1</span>', html)


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_filter_is_ignored_and_no_match_says_so(client, index, lang):
    assert numbers_listed(client.get(f"/{lang}/qa/", {"topic": "nope", "order": "x"}).content.decode()) == [1, 2, 3, 4]
    TopicFactory(slug="unused")
    QuestionFactory(series=index["series"], number=9, topics=[Question.topics.rel.model.objects.get(slug="unused")],
                    authors=[AuthorFactory(slug="solo")])
    response = client.get(f"/{lang}/qa/", {"topic": "unused", "author": "zhou"})
    assert response.status_code == 200 and numbers_listed(response.content.decode()) == []
    message = {"en": "No question of this series has both", "zh-hans": "本系列没有"}[lang]
    assert message in response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", ["\x00", "health\x00", "x" * 51, "he alth", "卫生", "\u202ehealth", "'--"])
def test_a_filter_that_cannot_be_a_slug_names_nothing_and_is_never_looked_up(
    client, index, lang, value, django_assert_num_queries
):
    """Not a 500 where PostgreSQL refuses a NUL byte: the unfiltered index, with no query for the filter."""
    with django_assert_num_queries(8):
        response = client.get(f"/{lang}/qa/", {"topic": value, "author": value})
    assert response.status_code == 200 and numbers_listed(response.content.decode()) == [1, 2, 3, 4]


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_gives_the_series_total_whatever_the_filter(client, index, lang):
    total = {"en": "4 questions", "zh-hans": "4篇问答"}[lang]
    for params in [{}, {"topic": "health"}, {"author": "zhou"}, {"topic": "health", "author": "li"}, {"page": 2}]:
        assert total in client.get(f"/{lang}/qa/", params).content.decode(), params


def test_the_unfiltered_index_looks_up_no_filter_and_counts_once(client, index, django_assert_num_queries):
    """The series, one count (the pager's is the total), the questions with their bylines and topics, the topic
    and author counts, the footer's pages."""
    with django_assert_num_queries(8) as captured:
        assert client.get("/en/qa/").status_code == 200
    assert sum("COUNT(*)" in query["sql"] for query in captured.captured_queries) == 1


def test_the_index_is_paged_by_a_hundred(client, index):
    for number in range(10, 110):
        QuestionFactory(series=index["series"], number=number, authors=[])
    first = client.get("/en/qa/").content.decode()
    assert len(numbers_listed(first)) == 100 and 'rel="next" href="/en/qa/?page=2"' in first
    second = client.get("/en/qa/", {"page": 2}).content.decode()
    assert numbers_listed(second) == list(range(106, 110)) and 'rel="prev" href="/en/qa/"' in second
    assert client.get("/en/qa/", {"page": "junk"}).status_code == 200


def test_the_index_queries_stay_flat(client, index):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/qa/", {"topic": "health"}).status_code == 200
        return len(captured)

    few = queries()
    topics = [TopicFactory() for _ in range(5)]
    for number in range(10, 60):
        QuestionFactory(series=index["series"], number=number, topics=topics[: number % 5 + 1],
                        authors=[AuthorFactory()])
    assert queries() == few


def test_no_series_address_can_take_a_fixed_address_of_the_site():
    from qa.content.models import RESERVED_PATHS
    from qa.web.urls import urlpatterns

    fixed = {str(pattern.pattern).split("/")[0] for pattern in urlpatterns if not str(pattern.pattern).startswith("<")}
    assert fixed - {""} <= RESERVED_PATHS


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_gives_the_series_that_was_public_the_address_qa(monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.delenv("HUB_SERIES", raising=False)
    executor = MigrationExecutor(connection)
    executor.migrate([("qa", "0010_search_document")])
    old = executor.loader.project_state([("qa", "0010_search_document")]).apps.get_model("qa", "Series")
    old.objects.create(slug="fighting-covid-19-100-qas", title_en="Fighting the COVID-19: 100 Q&As")
    old.objects.create(slug="global-development-briefs", title_en="Briefs")
    old.objects.create(slug="authors", title_en="A slug that is a fixed address")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    paths = dict(Series.objects.values_list("slug", "path"))
    assert paths["fighting-covid-19-100-qas"] == "qa"
    assert paths["global-development-briefs"] == "global-development-briefs"
    assert paths["authors"] != "authors"


def test_a_new_question_starts_in_the_only_series(client):
    series = SeriesFactory()
    client.force_login(StaffFactory(superuser=True))
    html = client.get("/admin/qa/question/add/").content.decode()
    assert f'<option value="{series.pk}" selected>' in html
    SeriesFactory(slug="briefs")
    html = client.get("/admin/qa/question/add/").content.decode()
    assert f'<option value="{series.pk}" selected>' not in html
