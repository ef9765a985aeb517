"""The page cache serving readers: anonymous readers share cached pages (and 304s) per language, staff and
sessions never get a cached page, a hit is answered before the other middleware with every header of the first
answer, the shared-cache Cache-Control; clearing the cache, and a cache that cannot be reached."""

import datetime
import io
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.management import CommandError, call_command
from django.test import Client

from qa.models import Question
from qa.web import cache as page_cache
from qa.web.cache import GENERATION_KEY, content_generation
from tests.factories import QuestionFactory, SeriesFactory

CSP = (  # as in test_security_headers.py
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


@pytest.fixture
def served_hub(transactional_db):
    """Content committed outside a test transaction, as on a served site, where pages are cached."""
    series = SeriesFactory()
    return {
        "series": series,
        "published": QuestionFactory(series=series, number=1),
        "draft": QuestionFactory(
            series=series, number=3, draft=True, title_en="Secret draft", title_zh_hans="秘密草稿"
        ),
    }


def test_conditional_get_answers_304(client, hub):
    url = hub["published"].url_for("en")
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


def test_cached_page_answers_304_without_touching_the_database(client, served_hub, django_assert_num_queries):
    url = served_hub["published"].url_for("zh-hans")
    response = client.get(url)
    assert "public" in response["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_pages_are_cached_per_language(client, served_hub, django_assert_num_queries):
    question = served_hub["published"]
    english = client.get(question.url_for("en")).content.decode()
    chinese = client.get(question.url_for("zh-hans")).content.decode()
    with django_assert_num_queries(0):
        assert client.get(question.url_for("en")).content.decode() == english
        assert client.get(question.url_for("zh-hans")).content.decode() == chinese
    assert "Question title 1" in english and "问题标题1" in chinese


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_editors_save_clears_the_cached_pages(client, served_hub, language):
    question = served_hub["published"]
    url = question.url_for(language)
    assert client.get(f"/{language}/").status_code == 200
    assert client.get(url).status_code == 200
    generation = content_generation()

    question.title_en = "A new English title"
    question.title_zh_hans = "新的中文标题"
    question.save()
    assert content_generation() != generation
    expected = "A new English title" if language == "en" else "新的中文标题"
    assert expected in client.get(f"/{language}/").content.decode()

    author = question.byline[0]
    author.name_en, author.name_zh_hans = "Renamed Author", "改名作者"
    author.save()
    expected = "Renamed Author" if language == "en" else "改名作者"
    assert expected in client.get(question.url_for(language)).content.decode()

    question.delete()
    assert client.get(url).status_code == 404


def test_staff_drafts_never_reach_anonymous_readers(client, served_hub, editor):
    draft = served_hub["draft"]
    client.force_login(editor)
    home = client.get("/en/")
    assert "Secret draft" in home.content.decode()
    assert "no-store" in home["Cache-Control"] and "private" in home["Cache-Control"]
    preview = client.get(draft.url_for("en"))
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]

    client.logout()
    assert "Secret draft" not in client.get("/en/").content.decode()
    assert client.get(draft.url_for("en")).status_code == 404
    assert client.get(draft.url_for("zh-hans")).status_code == 404


def test_anonymous_readers_share_the_cache(client, served_hub, django_assert_num_queries):
    url = served_hub["published"].url_for("en")
    first = client.get(url)
    assert "Cookie" in first["Vary"]
    assert first["X-Frame-Options"] == "DENY"
    reader = Client()
    reader.cookies["csrftoken"] = "x" * 32
    with django_assert_num_queries(0):
        response = reader.get(url)
    assert response.content == first.content
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Security-Policy"] == CSP


@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_a_hit_is_answered_before_the_other_middleware_with_every_header_of_the_first_answer(
    client, served_hub, settings, encoding
):
    """qa.web.cache.PageCacheHitMiddleware: the security headers, the CSP and the rest are kept with the page,
    so a hit, and a hit's 304, need none of the middleware after it."""
    settings.SECURE_HSTS_SECONDS = 3600
    url = served_hub["published"].url_for("en")
    https = {"secure": True, "HTTP_ACCEPT_ENCODING": encoding}
    first = client.get(url, **https)
    outer = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
             "Cross-Origin-Opener-Policy", "X-Frame-Options", "Vary", "Cache-Control", "ETag")
    assert all(first.has_header(name) for name in outer)
    inner = mock.patch("django.middleware.security.SecurityMiddleware.process_request", side_effect=AssertionError)
    with inner:
        hit = Client().get(url, **https)
        not_modified = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"], **https)
    assert hit.content == first.content and not_modified.status_code == 304 and not_modified.content == b""
    for name in outer:
        assert hit[name] == first[name], name
        assert not_modified[name] == first[name], name
    assert not not_modified.has_header("Content-Length") and not not_modified.has_header("Content-Encoding")


def test_a_reader_with_a_session_or_messages_gets_a_fresh_page(client, served_hub, editor):
    url = served_hub["published"].url_for("en")
    client.get(url)
    client.cookies["messages"] = "something"
    assert "public" not in client.get(url).get("Cache-Control", "")
    client.force_login(editor)
    response = client.get(url)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_posts_and_bad_addresses_are_never_cached(client, served_hub):
    url = served_hub["published"].url_for("en")
    assert client.post(url).status_code == 405
    assert client.get(url).status_code == 200
    assert client.get("/en/qa/999/nothing/").status_code == 404
    QuestionFactory(
        series=served_hub["series"], number=999, title_en="Now here", body_en="b", published=datetime.date(2020, 1, 1)
    )
    assert client.get("/en/qa/999/now-here/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_operators_can_clear_the_page_cache(client):
    question = QuestionFactory(number=1)
    url = question.url_for("en")
    client.get(url)
    Question.objects.filter(pk=question.pk).update(title_en="Changed behind the ORM's back")
    assert "Changed behind" not in client.get(url).content.decode()
    call_command("clear_page_cache", stdout=io.StringIO())
    assert "Changed behind" in client.get(url).content.decode()


def test_clearing_an_unreachable_cache_says_so(db):
    with mock.patch("qa.web.cache.cache.set", side_effect=ConnectionError("cache down")):
        with pytest.raises(CommandError, match="could not be reached; nothing was cleared"):
            call_command("clear_page_cache", stdout=io.StringIO())


def test_an_unreachable_cache_neither_breaks_pages_nor_loses_saves(client, served_hub, caplog):
    question = served_hub["published"]
    broken = mock.patch.multiple(
        "qa.web.cache.cache",
        get=mock.Mock(side_effect=ConnectionError("cache down")),
        set=mock.Mock(side_effect=ConnectionError("cache down")),
    )
    with broken:
        assert client.get(question.url_for("en")).status_code == 200
        question.title_en = "Saved while the cache was down"
        question.save()
    assert Question.objects.get(pk=question.pk).title_en == "Saved while the cache was down"
    assert "clear_page_cache" in caplog.text


def test_a_hit_is_answered_before_sessions_and_views(client, served_hub, django_assert_num_queries):
    url = served_hub["published"].url_for("en")
    original = SessionMiddleware.process_request
    with mock.patch.object(SessionMiddleware, "process_request", autospec=True, side_effect=original) as session:
        first = client.get(url)
        assert session.call_count == 1
        with django_assert_num_queries(0):
            again = client.get(url)
        assert session.call_count == 1
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_public_pages_let_a_shared_cache_keep_them_briefly_and_revalidate(client, served_hub, settings):
    settings.SHARED_CACHE_SECONDS = 60
    url = served_hub["published"].url_for("en")
    for response in (client.get(url), client.get(url)):  # rendered, then from the page cache
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=60", "must-revalidate"} <= directives
        assert response["ETag"]


def test_a_reader_with_a_session_cookie_gets_a_private_page(client, served_hub, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    response = client.get(served_hub["published"].url_for("en"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_hit_costs_one_cache_read_once_the_process_has_the_page(client, served_hub):
    url = served_hub["published"].url_for("en")
    first = client.get(url)
    with mock.patch.object(page_cache.cache, "get", wraps=page_cache.cache.get) as reads:
        again = client.get(url)
    assert [call.args[0] for call in reads.call_args_list] == [GENERATION_KEY]
    assert again.content == first.content
    question = served_hub["published"]
    question.title_en = "Retitled after the page was kept"
    question.save()
    assert "Retitled after the page was kept" in client.get(url, follow=True).content.decode()
