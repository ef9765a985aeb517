"""The sitemap as an index of files of bounded size: /sitemap.xml lists one file per section, a section longer
than a file holds is split into pages the index lists, and the question files never read a body."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qa.models import Question
from qa.web.sitemaps import I18nSitemap, sitemaps
from tests.factories import QuestionFactory, StaffFactory
from tests.sitemaps import sitemap_files, sitemap_text

pytestmark = pytest.mark.django_db
LANGS = ["en", "zh-hans", "zh-hant"]


def locations(xml):
    return re.findall(r"<url><loc>([^<]+)</loc>", re.sub(r"\s+", "", xml))


def test_the_index_lists_one_file_per_section(client):
    QuestionFactory(number=1)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and b"<sitemapindex" in response.content
    assert sitemap_files(client) == [f"/sitemap-{section}.xml" for section in sitemaps]
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_a_long_section_is_split_into_pages_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(I18nSitemap, "limit", 4)
    questions = [QuestionFactory(number=number) for number in range(1, 4)]
    files = [address for address in sitemap_files(client) if address.startswith("/sitemap-questions.xml")]
    # three questions in three languages: nine addresses, four to a file
    assert files == ["/sitemap-questions.xml", "/sitemap-questions.xml?p=2", "/sitemap-questions.xml?p=3"]
    listed = []
    for address in files:
        found = locations(client.get(address).content.decode())
        assert 0 < len(found) <= 4, f"{address} holds {len(found)} addresses"
        listed += found
    expected = [f"http://testserver{question.url_for(lang)}" for question in questions for lang in LANGS]
    assert sorted(listed) == sorted(expected)


@pytest.mark.parametrize("page", ["4", "0", "two"])
def test_a_page_past_the_end_or_not_a_number_is_not_found(client, monkeypatch, page):
    monkeypatch.setattr(I18nSitemap, "limit", 4)
    for number in range(1, 4):
        QuestionFactory(number=number)
    assert client.get(f"/sitemap-questions.xml?p={page}").status_code == 404


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-drafts.xml").status_code == 404


def test_the_question_files_read_no_body_and_date_the_index_by_published_questions(client):
    published = QuestionFactory(number=1)
    draft = QuestionFactory(number=2, draft=True)
    Question.objects.filter(pk=published.pk).update(updated=timezone.now() - datetime.timedelta(days=3))
    Question.objects.filter(pk=draft.pk).update(updated=timezone.now())
    with CaptureQueriesContext(connection) as captured:
        xml = client.get("/sitemap-questions.xml").content.decode()
    assert not [query["sql"] for query in captured.captured_queries if "body_" in query["sql"]]
    assert published.url_for("en") in xml and "/qa/2/" not in sitemap_text(client)
    index = client.get("/sitemap.xml").content.decode()
    latest = timezone.localtime(Question.objects.get(pk=published.pk).updated)  # the site's time zone, as shown
    entry = re.search(r"<loc>[^<]*/sitemap-questions\.xml</loc>\s*<lastmod>([^<]+)</lastmod>", index)
    assert entry and entry.group(1).startswith(latest.date().isoformat()), index


@pytest.fixture
def committed(transactional_db, monkeypatch):
    """Three questions committed, as on a served site (the page cache keeps nothing read inside a transaction),
    four addresses to a file."""
    monkeypatch.setattr(I18nSitemap, "limit", 4)
    return [QuestionFactory(number=number) for number in range(1, 4)]


def test_the_sitemap_files_are_kept_in_the_page_cache_each_page_on_its_own(
    client, committed, django_assert_num_queries
):
    first = {address: client.get(address) for address in ["/sitemap.xml", *sitemap_files(client)]}
    for address, response in first.items():
        assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"], address
        with django_assert_num_queries(0):
            again = client.get(address)
        assert again.content == response.content, address
    pages = [first[f"/sitemap-questions.xml{query}"].content for query in ("", "?p=2", "?p=3")]
    assert len(set(pages)) == 3, "each page of a section is its own entry"
    assert client.get("/sitemap-questions.xml?p=2&utm_source=x").content == pages[1]


def test_a_kept_sitemap_file_changes_with_the_content(client, committed):
    before = sitemap_text(client)
    unpublished = committed[0]
    unpublished.status = Question.DRAFT
    unpublished.save()
    added = QuestionFactory(number=4)
    after = sitemap_text(client)
    listed = f"<loc>http://testserver{unpublished.url_for('en')}</loc>"
    assert listed in before and listed not in after
    assert f"<loc>http://testserver{added.url_for('en')}</loc>" in after


def test_staff_get_the_sitemap_uncached_and_private(client, committed):
    client.force_login(StaffFactory())
    response = client.get("/sitemap-questions.xml")
    assert response.status_code == 200 and "private" in response["Cache-Control"]


@pytest.mark.parametrize("address", ["/sitemap.xml", "/sitemap-questions.xml"])
def test_the_sitemap_answers_only_reads(client, address):
    assert client.post(address).status_code == 405
    assert client.head(address).status_code == 200


def test_a_file_reads_only_the_questions_it_lists_and_the_index_counts_them(client, monkeypatch):
    monkeypatch.setattr(I18nSitemap, "limit", 4)
    for number in range(1, 4):
        QuestionFactory(number=number)
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/sitemap-questions.xml?p=2").content.decode()
    # addresses 5 to 8 of nine: questions 2 and 3 (three languages each), so 2 questions from the second on
    reads = [query["sql"] for query in captured.captured_queries if 'FROM "qa_question"' in query["sql"]]
    assert any("LIMIT 2 OFFSET 1" in sql for sql in reads), reads
    assert len(locations(second)) == 4
    with CaptureQueriesContext(connection) as captured:
        client.get("/sitemap.xml")
    listed = [query["sql"] for query in captured.captured_queries if 'FROM "qa_question"' in query["sql"]]
    assert not [sql for sql in listed if "COUNT(" not in sql and "MAX(" not in sql], listed
