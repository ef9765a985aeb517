"""Serving in production: headers, caching, health, feeds, metadata, login throttling, SQLite."""

import contextlib
import datetime
import io
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connections
from django.test import Client, RequestFactory, override_settings

from qa.web.cache import content_generation
from qa.models import Author, Authorship, Question, Series

BASE_DIR = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def make_series():
    return Series.objects.create(
        slug=settings.HUB_SERIES,
        title_en="Fighting COVID-19: 100 Q&As",
        title_zh_hans="抗击新冠肺炎100问",
    )


def make_question(series, number, status=Question.PUBLISHED, chinese=True, **fields):
    author, _created = Author.objects.get_or_create(
        slug=f"author-{number}", defaults={"name_en": f"Author {number}", "name_zh_hans": f"作者{number}"}
    )
    values = {
        "title_en": f"Question title {number}",
        "summary_en": f"Summary {number}",
        "body_en": f"Body {number}",
        "published": datetime.date(2020, 3, number),
        "published_precision": Question.DAY,
    }
    if chinese:
        values.update(title_zh_hans=f"问题标题{number}", summary_zh_hans=f"摘要{number}", body_zh_hans=f"正文{number}")
    values.update(fields)
    question = Question.objects.create(series=series, number=number, status=status, **values)
    Authorship.objects.create(question=question, author=author)
    return question


@pytest.fixture
def hub(db):
    series = make_series()
    return {
        "series": series,
        "published": make_question(series, 1),
        "untranslated": make_question(series, 2, chinese=False),
        "draft": make_question(series, 3, status=Question.DRAFT, title_en="Secret draft", title_zh_hans="秘密草稿"),
    }


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("editor", password="a-long-test-password", is_staff=True)


# Headers -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/", "/zh-hans/", "/en/qa/1/question-title-1/", "/en/no-such-page/", "/healthz"])
def test_every_response_carries_the_security_headers(client, hub, path):
    response = client.get(path)
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_hsts_over_https(client, hub):
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_our_pages_need_no_inline_script_or_style(client, hub, language):
    for path in [f"/{language}/", hub["published"].url_for(language), f"/{language}/authors/"]:
        html = client.get(path).content.decode()
        assert "style=" not in html
        assert "<style" not in html
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'type="application/ld+json"' in tag or "src=" in tag


def test_admin_works_under_the_policy(client, hub, staff):
    """Django's admin and modeltranslation's tabs load only our own scripts and styles."""
    client.force_login(get_user_model().objects.create_superuser("root", password="a-long-test-password"))
    for path in ["/admin/", "/admin/qa/question/", "/admin/qa/question/add/", f"/admin/qa/question/{hub['draft'].pk}/change/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert response["Content-Security-Policy"] == CSP
        for tag in re.findall(r"<script[^>]*>", html):
            src = re.search(r'src="([^"]*)"', tag)
            if src:
                assert src.group(1).startswith("/") and not src.group(1).startswith("//"), tag
            else:
                assert 'type="application/json"' in tag or "data-" in tag, tag
        for href in re.findall(r'<link[^>]*href="([^"]*)"', html):
            assert href.startswith("/") and not href.startswith("//"), href
        assert "jquery-ui" not in html or "/static/vendor/jquery-ui/" in html


def deploy_check(tmp_path, **extra):
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses.
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "hub.example.org",
        "DJANGO_VAR_DIR": str(tmp_path),
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_deploy_check_is_clean_behind_https(tmp_path):
    result = deploy_check(tmp_path, DJANGO_SECURE_HTTPS="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_complains_without_https(tmp_path):
    result = deploy_check(tmp_path, DJANGO_SECURE_HTTPS="0")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


# Static files ----------------------------------------------------------------


def test_static_files_are_hashed_compressed_and_kept_a_year(tmp_path, db):
    from whitenoise.middleware import WhiteNoiseMiddleware

    with override_settings(
        STATIC_ROOT=tmp_path,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STORAGES={"staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}},
    ):
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["vendor"])
        hashed = next(path.name for path in (tmp_path / "css").glob("site.*.css"))
        assert (tmp_path / "css" / f"{hashed}.br").exists()
        assert (tmp_path / "css" / f"{hashed}.gz").exists()
        middleware = WhiteNoiseMiddleware(lambda request: None)
        request = RequestFactory().get(f"/static/css/{hashed}", HTTP_ACCEPT_ENCODING="gzip, br")
        response = middleware(request)
        assert response.status_code == 200
        assert response["Content-Encoding"] == "br"
        assert response["Cache-Control"] == "max-age=31536000, public, immutable"
        response.close()


# Caching ---------------------------------------------------------------------


@pytest.fixture
def served_hub(transactional_db):
    """Content committed outside a test transaction, as on a served site, where pages are cached."""
    series = make_series()
    return {
        "series": series,
        "published": make_question(series, 1),
        "draft": make_question(series, 3, status=Question.DRAFT, title_en="Secret draft", title_zh_hans="秘密草稿"),
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


def test_staff_drafts_never_reach_anonymous_readers(client, served_hub, staff):
    draft = served_hub["draft"]
    client.force_login(staff)
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


def test_a_reader_with_a_session_or_messages_gets_a_fresh_page(client, served_hub, staff):
    url = served_hub["published"].url_for("en")
    client.get(url)
    client.cookies["messages"] = "something"
    assert "public" not in client.get(url).get("Cache-Control", "")
    client.force_login(staff)
    response = client.get(url)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_posts_and_bad_addresses_are_never_cached(client, served_hub):
    url = served_hub["published"].url_for("en")
    assert client.post(url).status_code == 405
    assert client.get(url).status_code == 200
    assert client.get("/en/qa/999/nothing/").status_code == 404
    Question.objects.create(
        series=served_hub["series"], number=999, title_en="Now here", body_en="b",
        published=datetime.date(2020, 1, 1), status=Question.PUBLISHED,
    )
    assert client.get("/en/qa/999/now-here/").status_code == 200


# Health ----------------------------------------------------------------------


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_dead_database(client, db):
    with mock.patch("qa.web.views.connection") as dead:
        dead.cursor.side_effect = OperationalError("could not connect to server")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["database"] == "unavailable"


def test_healthz_needs_no_language_prefix_and_is_not_redirected(client, db):
    assert client.get("/en/healthz").status_code == 404
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"]):
        assert Client().get("/healthz").status_code == 200


# Feeds -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_atom_feed(client, hub, language):
    response = client.get(f"/{language}/feeds/questions.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    if language == "en":
        assert titles == ["Question 2: Question title 2", "Question 1: Question title 1"]
        assert feed.findtext(f"{ATOM}title") == "Fighting COVID-19: 100 Q&As"
    else:
        # Question 2 has no Chinese yet: its original English title stands in.
        assert titles == ["问题2：Question title 2", "问题1：问题标题1"]
        assert feed.findtext(f"{ATOM}title") == "抗击新冠肺炎100问"
    assert links[1] == "http://testserver" + hub["published"].url_for(language)
    assert not any("draft" in title.lower() or "草稿" in title for title in titles)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_rss_feed(client, hub, language):
    response = client.get(f"/{language}/feeds/questions.rss")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    assert len(items) == 2
    descriptions = [item.findtext("description") for item in items]
    assert descriptions == (["Summary 2", "Summary 1"] if language == "en" else ["Summary 2", "摘要1"])
    assert b"Secret draft" not in response.content and "秘密草稿".encode() not in response.content


def test_feed_query_count_stays_flat(client, hub, django_assert_max_num_queries):
    for number in range(4, 20):
        make_question(hub["series"], number)
    with django_assert_max_num_queries(4):
        assert client.get("/en/feeds/questions.atom").status_code == 200


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_page_links_its_feeds(client, hub, language):
    for path in [f"/{language}/", hub["published"].url_for(language), f"/{language}/authors/"]:
        html = client.get(path).content.decode()
        assert 'type="application/atom+xml" title="' in html
        assert f'href="/{language}/feeds/questions.atom"' in html
        assert f'href="/{language}/feeds/questions.rss"' in html


def test_bad_feed_address_is_a_404(client, hub):
    assert client.get("/en/feeds/questions.json").status_code == 404


# Open Graph and JSON-LD ------------------------------------------------------


def json_ld(html):
    scripts = LD_JSON.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_question_page_describes_itself(client, hub, language):
    question = hub["published"]
    html = client.get(question.url_for(language)).content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == ("Question title 1" if language == "en" else "问题标题1")
    assert data["inLanguage"] == language
    assert data["datePublished"] == "2020-03-01"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Author 1" if language == "en" else "作者1",
            "url": f"http://testserver/{language}/authors/author-1/",
        }
    ]
    assert data["isPartOf"]["@type"] == "CreativeWorkSeries"
    assert data["isPartOf"]["name"] == ("Fighting COVID-19: 100 Q&As" if language == "en" else "抗击新冠肺炎100问")
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["alternateName"] == "CIKD"
    assert data["url"] == "http://testserver" + question.url_for(language)
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="http://testserver{question.url_for(language)}">' in html
    assert '<meta property="og:title" content="{}">'.format(data["headline"]) in html
    assert '<meta property="og:locale" content="{}">'.format("en_US" if language == "en" else "zh_CN") in html


def test_untranslated_question_describes_its_original_language(client, hub):
    data = json_ld(client.get(hub["untranslated"].url_for("zh-hans")).content.decode())
    assert data["inLanguage"] == "en"
    assert data["headline"] == "Question title 2"


def test_json_ld_cannot_be_broken_out_of(client, hub):
    question = hub["published"]
    question.title_en = '</script><script>alert("x")</script> & more'
    question.save()
    html = client.get(question.url_for("en")).content.decode()
    assert "<script>alert" not in html
    assert json_ld(html)["headline"] == question.title_en


def test_only_question_pages_carry_article_metadata(client, hub):
    html = client.get("/en/").content.decode()
    assert "application/ld+json" not in html
    assert "og:type" not in html


# Login throttling --------------------------------------------------------------


def fail_logins(client, username, times, **headers):
    for _attempt in range(times):
        response = client.post("/admin/login/", {"username": username, "password": "wrong"}, **headers)
    return response


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [("en", "Too many failed logins"), ("zh-hans", "登录失败次数过多")],
)
def test_lockout_after_five_failures_for_one_account(client, staff, accept_language, message):
    response = fail_logins(client, "editor", 4, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200  # the login form again, with its error
    response = fail_logins(client, "editor", 1, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 429
    html = response.content.decode()
    assert message in html
    assert "15" in html
    assert f'<html lang="{accept_language}">' in html
    # Even the right password is refused while locked out.
    right = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a-long-test-password"},
        HTTP_ACCEPT_LANGUAGE=accept_language,
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_from_one_address_across_accounts(client, staff):
    for number in range(5):
        fail_logins(client, f"guess-{number}", 1, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-test-password"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    elsewhere = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-test-password"}, REMOTE_ADDR="198.51.100.7"
    )
    assert elsewhere.status_code == 302


def test_behind_the_proxy_the_forwarded_address_counts(rf, settings):
    from qa.web.security import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    settings.SECURE_HTTPS = True
    assert client_ip(request) == "203.0.113.9"
    settings.SECURE_HTTPS = False
    assert client_ip(request) == "127.0.0.1"


def test_logins_from_code_are_not_throttled(client, staff):
    assert client.login(username="editor", password="a-long-test-password")
    assert client.get("/admin/").status_code == 200


def test_a_few_failures_then_success_is_fine(client, staff):
    fail_logins(client, "editor", 3)
    response = client.post("/admin/login/", {"username": "editor", "password": "a-long-test-password"})
    assert response.status_code == 302
    client.logout()
    assert fail_logins(client, "editor", 4).status_code == 200


# SQLite served -------------------------------------------------------------------

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite settings"
)


@pytest.fixture
def served_sqlite(tmp_path, django_db_blocker):
    """Opens connections to a file database with the served site's SQLite options.

    The test database itself lives in memory, where WAL and locking differ.
    """
    from django.db.backends.sqlite3.base import DatabaseWrapper

    settings_dict = {**connections.settings["default"], "NAME": str(tmp_path / "served.sqlite3")}

    def connect():
        return contextlib.closing(DatabaseWrapper(settings_dict, alias="served"))

    with django_db_blocker.unblock():
        with connect() as db, db.cursor() as cursor:
            cursor.execute("CREATE TABLE edit (n integer)")
        yield connect


@contextlib.contextmanager
def atomic(wrapper):
    """What transaction.atomic() does on an outermost block, for a connection outside django.db.connections."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        yield wrapper.cursor()
        wrapper.commit()
    finally:
        wrapper.set_autocommit(True)


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(served_sqlite):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with served_sqlite() as db, db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000


def in_thread(function):
    errors, results = [], []

    def run():
        try:
            results.append(function())
        except Exception as error:  # reported by the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors, results


@sqlite_only
def test_readers_are_not_blocked_by_a_writer_and_writers_queue(served_sqlite):
    writing, release = threading.Event(), threading.Event()

    def slow_writer():
        with served_sqlite() as db, atomic(db) as cursor:
            cursor.execute("INSERT INTO edit VALUES (1)")
            writing.set()
            release.wait(10)

    def read_then_write():
        """Reads, then writes what it read: in a deferred transaction this fails with "database is locked"."""
        with served_sqlite() as db, atomic(db) as cursor:
            cursor.execute("SELECT count(*) FROM edit")
            cursor.execute("INSERT INTO edit VALUES (%s)", [cursor.fetchone()[0] + 1])

    def read():
        with served_sqlite() as db, db.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM edit")
            return cursor.fetchone()[0]

    first, first_errors, _ = in_thread(slow_writer)
    assert writing.wait(10)
    second, second_errors, _ = in_thread(read_then_write)

    reader, reader_errors, counts = in_thread(read)
    reader.join(10)
    assert not reader_errors and counts == [0]

    release.set()
    first.join(30)
    second.join(30)
    assert not first_errors and not second_errors
    with served_sqlite() as db, db.cursor() as cursor:
        cursor.execute("SELECT n FROM edit ORDER BY n")
        assert [row[0] for row in cursor.fetchall()] == [1, 2]


# Settings from the environment ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://cache.internal:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("rediss://user:secret@cache.internal:6380/0", "django.core.cache.backends.redis.RedisCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("file:///srv/hub/cache", "django.core.cache.backends.filebased.FileBasedCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_backend_comes_from_the_environment(url, backend):
    from knowledgehub.settings import cache_from_url

    config = cache_from_url(url)
    assert config["BACKEND"] == backend
    if "redis" in backend:
        assert config["LOCATION"] == url
    if "file" in backend:
        assert config["LOCATION"] == "/srv/hub/cache"


def test_unknown_cache_url_is_refused():
    from knowledgehub.settings import cache_from_url

    with pytest.raises(ValueError, match="memcached"):
        cache_from_url("memcached://cache.internal:11211")


@pytest.mark.django_db(transaction=True)
def test_operators_can_clear_the_page_cache(client):
    series = make_series()
    question = make_question(series, 1)
    url = question.url_for("en")
    client.get(url)
    Question.objects.filter(pk=question.pk).update(title_en="Changed behind the ORM's back")
    assert "Changed behind" not in client.get(url).content.decode()
    call_command("clear_page_cache", stdout=io.StringIO())
    assert "Changed behind" in client.get(url).content.decode()


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
