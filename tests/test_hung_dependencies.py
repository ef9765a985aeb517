"""A database or cache that hangs or is down costs readers seconds at most, never the site.

Real sockets on loopback: a "hung" server accepts connections and never answers a byte; a stopped one
is a closed port. The database cases run gunicorn (as `make run` does) against a PostgreSQL address
that hangs; the cache cases run in-process against a Redis address that hangs or is closed, with the
options the settings build from CACHE_URL.
"""

import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client, override_settings

from knowledgehub.settings import CACHE_TIMEOUT, cache_from_url, database_from_url
from tests.factories import QuestionFactory
from tests.serving import HungServer, free_port, gunicorn, migrate, request, site_environment, timed


@pytest.fixture(scope="module")
def hung_port():
    with HungServer() as server:
        yield server.port


# The settings carry the timeouts ------------------------------------------------


def test_postgresql_settings_from_database_url_carry_the_timeouts():
    options = database_from_url("postgres://hub:secret@db.internal:5432/hub")["OPTIONS"]
    assert options["connect_timeout"] == 2
    assert "statement_timeout=10000" in options["options"]
    assert "idle_in_transaction_session_timeout=60000" in options["options"]
    assert options["keepalives"] == 1 and options["tcp_user_timeout"] == 12000


def test_an_option_in_the_database_url_wins():
    options = database_from_url("postgres://hub:secret@db.internal/hub?connect_timeout=5")["OPTIONS"]
    assert options["connect_timeout"] == 5
    assert "statement_timeout" in options["options"]


def test_sqlite_keeps_its_busy_timeout_for_writers():
    database = database_from_url("sqlite:////srv/hub/knowledgehub.sqlite3")
    assert database["OPTIONS"]["timeout"] == 20
    assert "connect_timeout" not in database["OPTIONS"]


def test_redis_settings_carry_timeouts_well_under_a_second():
    options = cache_from_url("redis://cache.internal:6379/0")["OPTIONS"]
    assert options == {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT}
    assert CACHE_TIMEOUT < 0.5


# A hung database: 503 in seconds, JSON from the API --------------------------------


@pytest.fixture(scope="module")
def site_on_a_hung_database(tmp_path_factory, hung_port):
    env = site_environment(
        tmp_path_factory.mktemp("hung-database"), DATABASE_URL=f"postgres://hub:secret@127.0.0.1:{hung_port}/hub"
    )
    with gunicorn(env, "--workers", "1", ready_status=(503,)) as port:
        yield port


def test_healthz_answers_503_within_two_seconds(site_on_a_hung_database):
    seconds, status, answer = timed(site_on_a_hung_database, "/healthz", timeout=10)
    assert status == 503
    assert '"database": "unavailable"' in answer
    assert seconds < 2


@pytest.mark.parametrize("language, expected", [("en", "unavailable just now"), ("zh-hans", "暂时无法访问")])
def test_a_page_that_needs_the_database_fails_fast_with_the_503_page(site_on_a_hung_database, language, expected):
    seconds, status, answer = timed(site_on_a_hung_database, f"/{language}/", timeout=10)
    assert status == 503
    assert "Retry-After: 60" in answer
    assert expected in answer
    assert seconds < 5  # the connect timeout (2 s) and the page, far from gunicorn's 30 s


@pytest.mark.parametrize("language, expected", [("en", "database is unavailable"), ("zh-hans", "数据库暂时无法访问")])
def test_the_search_api_answers_json_when_the_database_hangs(site_on_a_hung_database, language, expected):
    seconds, status, answer = timed(site_on_a_hung_database, f"/api/search?q=masks&lang={language}", timeout=10)
    assert status == 503
    assert "Content-Type: application/json" in answer
    assert expected in answer
    assert seconds < 5


def test_pages_already_cached_are_still_served_when_the_database_hangs(tmp_path, hung_port):
    working = site_environment(tmp_path)
    migrate(working)
    with gunicorn(working) as port:
        assert request(port, "/en/", timeout=10)[0] == 200  # now in the page cache (files under DJANGO_VAR_DIR)
    hung = site_environment(tmp_path, DATABASE_URL=f"postgres://hub:secret@127.0.0.1:{hung_port}/hub")
    with gunicorn(hung, "--workers", "1", ready_status=(503,)) as port:
        seconds, status, answer = timed(port, "/en/", timeout=10)
        assert status == 200 and seconds < 2
        assert timed(port, "/zh-hans/", timeout=10)[1] == 503  # never cached: it needs the database


# A hung or stopped cache: pages served uncached, the timeout added at most -----------


@pytest.fixture
def page(transactional_db):
    """A page the page cache would keep (outside a test transaction, which the cache never sees)."""
    return QuestionFactory(number=3).get_absolute_url()


@pytest.mark.parametrize("cache_is", ["hung", "stopped"])
def test_pages_are_served_uncached_when_the_cache_hangs_or_is_stopped(page, hung_port, cache_is, caplog):
    port = hung_port if cache_is == "hung" else free_port()
    with override_settings(CACHES={"default": cache_from_url(f"redis://127.0.0.1:{port}/0")}):
        started = time.monotonic()
        response = Client().get(page)
        seconds = time.monotonic() - started
    assert response.status_code == 200
    assert "Question title 3" in response.content.decode()
    assert "Page cache unreachable" in caplog.text
    assert seconds < 5  # the page plus one cache timeout; bench/hung_dependencies.py has the figures


def test_a_hung_cache_gives_up_after_its_timeout(hung_port):
    with override_settings(CACHES={"default": cache_from_url(f"redis://127.0.0.1:{hung_port}/0")}):
        started = time.monotonic()
        with pytest.raises(redis.exceptions.TimeoutError):
            cache.get("hub:content-generation")
        assert time.monotonic() - started < 1


def test_the_search_api_answers_json_for_a_bad_language_in_the_readers_language(db):
    response = Client().get("/api/search?q=masks&lang=fr", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["error"].startswith("lang 必须是")
    assert Client().get("/api/search?q=masks&lang=fr").json()["error"].startswith("lang must be one of")


def test_the_search_api_answers_json_for_any_server_error(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("qa.web.views.searching.search_questions", broken)
    response = Client(raise_request_exception=False).get("/api/search?q=masks&lang=zh-hans")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "出错" in response.json()["error"]


def test_pages_that_need_no_database_are_still_served(site_on_a_hung_database):
    assert request(site_on_a_hung_database, "/robots.txt", timeout=10)[0] == 200


def test_a_postgresql_connection_runs_with_the_timeouts(db):
    """On PostgreSQL (CI): the server itself holds the connection to the statement timeouts."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL=postgres://…)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "10s"
        cursor.execute("SHOW idle_in_transaction_session_timeout")
        assert cursor.fetchone()[0] == "1min"
